"""Demo data for the reports (seed_demo): at the demo school that has claims, mentors added and removed over the last
two years, some of them claimed for with its partner provider, so the reports' tables and charts have something to
show. Made once: running seed_demo again finds them by TRN and changes nothing."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from api.services import issue_token, revoke_tokens
from claims.models import AcademicYear, Claim, ClaimMentor, FundingRate
from claims.services import accept_grant_conditions
from mentors.models import Mentor, RemovalReason
from mentors.selectors import age_ranges_for_school, key_stages_for_school, subjects_for_school

FIRST_NAMES = ["Ada", "Bilal", "Ciara", "Dev", "Eilidh", "Femi", "Gosia", "Hamza", "Ines", "Jun", "Kofi", "Lena"]
LAST_NAMES = ["Adeyemi", "Byrne", "Chowdhury", "Duffy", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones"]
DEMO_TOKEN_NAME = "Demo"
# Demo mentors' TRNs start here, far from real ones and from the other demo mentors'.
FIRST_TRN = 9_400_000
MENTORS_PER_SCHOOL = 15


@transaction.atomic
def make(*, schools, coordinator, provider):
    """Each school's demo mentors, some claimed for with the provider (a partner of every school)."""
    for school in schools:
        # The demo claims were made under the grant conditions (accepting again changes nothing).
        accept_grant_conditions(school=school, accepted_by=coordinator)
    now = timezone.now()
    for number, school in enumerate(schools):
        for index in range(MENTORS_PER_SCHOOL):
            trn = f"{FIRST_TRN + number * 100 + index:07d}"
            if Mentor.objects.filter(school=school, trn=trn).exists():
                continue
            added_at = now - timedelta(days=23 * (MENTORS_PER_SCHOOL - index) + 11 * number)
            mentor = _mentor(school, index, trn, coordinator, added_at)
            if index % 5 == 4:
                _remove(mentor, coordinator, added_at + timedelta(days=40))
            elif index % 3 == 0:
                _claim(mentor, provider, coordinator, added_at)


def _mentor(school, index, trn, coordinator, added_at):
    first_name, last_name = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index % len(LAST_NAMES)]
    age_range = list(age_ranges_for_school(school))[index % 2 if len(age_ranges_for_school(school)) > 1 else 0]
    subjects = list(subjects_for_school(school))
    mentor = Mentor.objects.create(
        school=school,
        first_name=first_name,
        last_name=last_name,
        trn=trn,
        email=f"{first_name}.{last_name}.{trn}@example.com".lower(),
        subject=subjects[index % len(subjects)],
        age_range=age_range,
        key_stage=key_stages_for_school(school, age_range).first(),
        added_by=coordinator,
    )
    # As if added then: the first version in the history (which the monthly figures count) and the record.
    mentor.history.update(history_date=added_at)
    Mentor.objects.filter(pk=mentor.pk).update(created_at=added_at)
    return mentor


def _remove(mentor, coordinator, removed_at):
    removed_at = min(removed_at, timezone.now())
    mentor.removed_at, mentor.removed_by, mentor.removal_reason = removed_at, coordinator, RemovalReason.LEFT_SCHOOL
    mentor.save()
    mentor.history.filter(history_type="~").update(history_date=removed_at)


def _claim(mentor, provider, coordinator, trained_at):
    year = AcademicYear.objects.filter(start_year=AcademicYear.start_year_of(timezone.localdate(trained_at))).first()
    rate = year and FundingRate.objects.filter(academic_year=year, region=mentor.school.funding_region).first()
    if rate is None:
        return
    hours = min(year.initial_hours, 6 + int(mentor.trn) % 10)
    submitted_at = timezone.make_aware(datetime.combine(timezone.localdate(trained_at), time(12)))
    claim = Claim.objects.create(
        reference=f"9{mentor.trn}",
        school=mentor.school,
        provider=provider,
        academic_year=year,
        status=Claim.Status.SUBMITTED,
        funding_region=rate.region,
        rate_pence=rate.pence_per_hour,
        total_hours=hours,
        amount_pence=hours * rate.pence_per_hour,
        created_by=coordinator,
        submitted_by=coordinator,
        submitted_at=submitted_at,
    )
    ClaimMentor.objects.create(claim=claim, mentor=mentor, trn=mentor.trn, hours=hours)


def api_token(provider):
    """A new API token for the demo provider, printed by seed_demo as its password is: only its hash is kept, so
    the one made last time is revoked."""
    revoke_tokens(tokens=ApiToken.objects.filter(provider=provider, name=DEMO_TOKEN_NAME))
    return issue_token(provider=provider, name=DEMO_TOKEN_NAME, created_by=None)[1]
