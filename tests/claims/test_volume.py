"""seed_volume's claims, made small here (60 schools, 500 mentors, about 333 claims): within the rules, as the
service would have made them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from claims.models import AcademicYear, Claim, ClaimMentor, FundingRate, GrantConditionsAcceptance
from claims.selectors import claimable_mentors, open_window
from mentors.management.commands.seed_volume import LARGEST_SCHOOL_COORDINATOR_EMAIL
from partnerships.models import Partnership
from providers.models import Provider
from schools.models import Membership

pytestmark = pytest.mark.django_db


def seed_volume(*args, **options):
    out = StringIO()
    call_command("seed_volume", *args, schools=60, mentors=500, password="a-volume-password", stdout=out, **options)
    return out.getvalue()


def test_about_two_claims_for_every_three_mentors_over_three_years():
    output = seed_volume()
    claims = Claim.objects.all()
    assert 300 <= claims.count() <= 333
    assert set(claims.values_list("academic_year__start_year", flat=True)) == {2024, 2025, 2026}
    assert set(claims.values_list("status", flat=True)) == {Claim.Status.SUBMITTED, Claim.Status.NOT_PAID}
    assert f"Claims: {claims.count():,} over three academic years" in output
    assert open_window() is not None
    assert Provider.objects.accredited().count() == 250


def test_every_claim_keeps_the_rules():
    seed_volume()
    rates = {(rate.academic_year_id, rate.region_id): rate.pence_per_hour for rate in FundingRate.objects.all()}
    for claim in Claim.objects.all():
        assert claim.rate_pence == rates[claim.academic_year_id, claim.school.funding_region_id]
        assert claim.total_hours == claim.mentors.aggregate(hours=Sum("hours"))["hours"]
        assert claim.amount_pence == claim.total_hours * claim.rate_pence
        assert claim.submitted_by.memberships.get(school=claim.school).role == Membership.Role.ITT_COORDINATOR
        assert claim.mentors.filter(mentor__school=claim.school).count() == claim.mentors.count()
        assert claim.submitted_at.date() >= claim.academic_year.starts_on
    # No mentor goes over their allowance with a provider in a year (claims the payer rejected do not count).
    counted = (
        ClaimMentor.objects.exclude(claim__status=Claim.Status.NOT_PAID)
        .values("trn", "claim__provider", "claim__academic_year__start_year")
        .annotate(hours=Sum("hours"))
    )
    for row in counted:
        year = AcademicYear.objects.get(start_year=row["claim__academic_year__start_year"])
        assert row["hours"] <= year.initial_hours, row
    assert GrantConditionsAcceptance.objects.count() == Claim.objects.values("school").distinct().count()


def test_the_largest_school_has_claimed_for_each_mentor_and_has_hours_left():
    seed_volume()
    school = Membership.objects.get(user__email=LARGEST_SCHOOL_COORDINATOR_EMAIL).school
    window = open_window()
    provider = Claim.objects.filter(school=school, academic_year=window.academic_year).first().provider
    mentors = claimable_mentors(school=school, provider=provider, academic_year=window.academic_year)
    # Every tenth mentor's hours are all claimed, and 4 of the others' (with more, some, at random).
    assert len(mentors.unlisted) >= (len(mentors.listed) + len(mentors.unlisted)) // 10
    assert all(mentors.allowances[mentor.pk].claimed_here >= 4 for mentor in mentors.listed)
    assert len(mentors.listed) > 200
    assert Claim.objects.filter(school=school).count() > 300


def test_replacing_deletes_the_claims_made_before():
    seed_volume()
    first = set(Claim.objects.values_list("pk", flat=True))
    output = seed_volume("--replace", claims=400)
    assert not first & set(Claim.objects.values_list("pk", flat=True))
    assert f"Claims: {Claim.objects.count():,} over" in output
    assert 390 <= Claim.objects.count() <= 400
    assert Provider.objects.count() == 250


def test_no_claims_when_asked_for_none():
    seed_volume(claims=0)
    assert not Claim.objects.exists()


def test_each_school_claims_only_with_its_1_to_3_partner_providers():
    seed_volume()
    partners = {}
    for school, provider in Partnership.objects.values_list("school", "provider"):
        partners.setdefault(school, set()).add(provider)
    assert partners and all(1 <= len(each) <= 3 for each in partners.values())
    for school, provider in Claim.objects.values_list("school", "provider").distinct():
        assert provider in partners[school]
