"""Claims at national scale for benchmarks (seed_volume): accredited providers, each school's partner providers,
and claims for the volume schools' mentors over the three latest academic years, made in bulk and within the rules
(each mentor's allowance with each provider each year, refresher hours after an earlier year's claim, the school's
rate), each with one of the school's partners.

Volume providers are recognisable by their email addresses, which end in .volume.example as the volume users' do.
"""

import random
import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import product

from django.db.models import F
from django.utils import timezone

from mentors.models import Mentor
from partnerships.models import Partnership
from providers.models import Provider, ProviderType
from schools.models import Membership

from .demo import open_claim_window
from .models import AcademicYear, Claim, ClaimMentor, FundingRate, GrantConditionsAcceptance, TrainingAllowance

PROVIDERS = 250
YEARS = 3
BATCH_SIZE = 5000
# Each school trains its mentors with 1 to 3 providers; a claim is for 1 to 3 of its mentors.
PROVIDERS_PER_SCHOOL = (1, 3)
MENTORS_PER_CLAIM = (1, 3)
NOT_PAID_SHARE = 0.03
# The largest school claims for every mentor with its first provider each year, in claims of this many mentors, so
# that its claims page and the add-claim mentors page are at their fullest: this academic year, all of every tenth
# mentor's hours and 4 of the others'.
LARGEST_SCHOOL_CLAIM_SIZE = 3
PROVIDER_NAMES = ["SCITT", "Teacher Training Partnership", "University", "Teaching School Hub", "Institute"]


def volume_providers(email_domain):
    return Provider.objects.filter(email__iendswith=f".{email_domain}")


def delete_volume_claims(schools, email_domain):
    """Delete the claims of the volume schools, their acceptances of the grant conditions, their mentors' allowance
    rows, the volume providers and their partnerships (straight SQL for the large tables)."""
    allowances = TrainingAllowance.objects.filter(trn__in=Mentor.objects.filter(school__in=schools).values("trn"))
    allowances._raw_delete(allowances.db)
    lines = ClaimMentor.objects.filter(claim__school__in=schools)
    lines._raw_delete(lines.db)
    claims = Claim.objects.filter(school__in=schools)
    claims._raw_delete(claims.db)
    GrantConditionsAcceptance.objects.filter(school__in=schools).delete()
    providers = volume_providers(email_domain)
    partnerships = Partnership.objects.filter(provider__in=providers)
    partnerships._raw_delete(partnerships.db)
    TrainingAllowance.objects.filter(provider__in=providers).delete()
    providers.delete()


@dataclass
class ClaimsSeeding:
    """One run: makes every row from rng alone, so the same seed makes the same claims."""

    rng: random.Random
    email_domain: str
    now: datetime = field(default_factory=timezone.now)
    claims: int = 0
    not_paid: int = 0
    mentors_claimed: int = 0

    def run(self, count, schools, largest_school):
        """Add about count claims for the mentors of the schools (as their allowances allow), and a claim window open
        now."""
        window = open_claim_window(self.now)
        if not count:
            return window
        current = window.academic_year.start_year
        years = list(AcademicYear.objects.filter(start_year__lte=current).order_by("-start_year")[:YEARS])[::-1]
        rates = {(rate.academic_year_id, rate.region_id): rate.pence_per_hour for rate in FundingRate.objects.all()}
        providers = self._providers()
        mentors_by_school = defaultdict(list)
        volume_mentors = Mentor.objects.current().filter(school__in=schools).order_by("pk")
        for mentor in volume_mentors.values_list("pk", "trn", "school_id"):
            mentors_by_school[mentor[2]].append(mentor)
        regions = dict(schools.values_list("pk", "funding_region_id"))
        coordinators = dict(
            Membership.objects.filter(school__in=schools, role=Membership.Role.ITT_COORDINATOR).values_list(
                "school_id", "user_id"
            )
        )
        partners = {
            school: self.rng.sample(providers, self.rng.randint(*PROVIDERS_PER_SCHOOL))
            for school in sorted(mentors_by_school)
        }
        # The providers a school claims with are its partners: their users see its mentors.
        Partnership.objects.bulk_create(
            (
                Partnership(school_id=school, provider=provider)
                for school, chosen in partners.items()
                for provider in chosen
            ),
            batch_size=BATCH_SIZE,
        )
        claims, lines = self._claims(count, years, mentors_by_school, partners, largest_school)
        references = self._references(len(claims))
        made = []
        for (year, school, provider, status, hours), reference in zip(claims, references, strict=True):
            submitted_at = self._submitted_at(year)
            total = sum(number for _, _, number in hours)
            made.append(
                Claim(
                    reference=reference,
                    school_id=school,
                    provider=provider,
                    academic_year=year,
                    status=status,
                    funding_region_id=regions[school],
                    rate_pence=rates[year.pk, regions[school]],
                    total_hours=total,
                    amount_pence=total * rates[year.pk, regions[school]],
                    created_by_id=coordinators[school],
                    submitted_by_id=coordinators[school],
                    submitted_at=submitted_at,
                )
            )
        Claim.objects.bulk_create(made, batch_size=BATCH_SIZE)
        ClaimMentor.objects.bulk_create(
            (
                ClaimMentor(claim=claim, mentor_id=pk, trn=trn, hours=number)
                for claim, (_, _, _, _, hours) in zip(made, claims, strict=True)
                for pk, trn, number in hours
            ),
            batch_size=BATCH_SIZE,
        )
        # Made now, but dated as submitted: the claims page lists them newest first.
        Claim.objects.filter(school__in=schools).update(created_at=F("submitted_at"))
        GrantConditionsAcceptance.objects.bulk_create(
            GrantConditionsAcceptance(
                school_id=school, accepted_by_id=coordinators[school], accepted_at=self._start(years[0])
            )
            for school in sorted({claim.school_id for claim in made})
        )
        self.claims = len(made)
        self.not_paid = sum(claim.status == Claim.Status.NOT_PAID for claim in made)
        self.mentors_claimed = len(lines)
        return window

    def _providers(self):
        """Volume providers, made the first time: accredited, with codes no provider has."""
        existing = list(volume_providers(self.email_domain).order_by("code"))
        if existing:
            return existing
        taken = set(Provider.objects.values_list("code", flat=True))
        codes = [
            "".join(code)
            for code in product("V", string.ascii_uppercase + string.digits, string.ascii_uppercase + string.digits)
            if "".join(code) not in taken
        ][:PROVIDERS]
        return Provider.objects.bulk_create(
            Provider(
                code=code,
                name=f"{self.rng.choice(PLACE_NAMES)} {PROVIDER_NAMES[number % len(PROVIDER_NAMES)]} {number + 1}",
                provider_type=ProviderType.UNIVERSITY if number % 5 == 2 else ProviderType.SCITT,
                accredited=True,
                town=self.rng.choice(PLACE_NAMES),
                email=f"itt{number + 1}@providers.{self.email_domain}",
            )
            for number, code in enumerate(codes)
        )

    def _claims(self, count, years, mentors_by_school, partners, largest_school):
        """The claims, as (year, school id, provider, status, [(mentor id, TRN, hours)]), year by year so that each
        year's refresher allowances follow the earlier years' claims; and every (mentor id, TRN, hours) claimed."""
        rng = self.rng
        schools = sorted(mentors_by_school)
        weights = [len(mentors_by_school[school]) for school in schools]
        self._claims_made, self._lines = [], []
        self._claimed_before = set()  # (TRN, provider id) with a submitted claim in an earlier year
        for number, year in enumerate(years):
            self._year, self._used = year, defaultdict(int)  # (TRN, provider id): hours counted this year
            made_before = len(self._claims_made)
            if largest_school is not None and largest_school.pk in mentors_by_school:
                self._claim_for_every_mentor(largest_school.pk, mentors_by_school, partners, now=year == years[-1])
            wanted = count // len(years) + (count % len(years) if number == len(years) - 1 else 0)
            for school in rng.choices(schools, weights, k=max(wanted - (len(self._claims_made) - made_before), 0)):
                mentors = mentors_by_school[school]
                chosen = rng.sample(mentors, min(len(mentors), rng.randint(*MENTORS_PER_CLAIM)))
                self._claim(school, rng.choice(partners[school]), chosen, lambda left, mentor: rng.randint(1, left))
            self._claimed_before |= {key for key, hours in self._used.items() if hours}
        return self._claims_made, self._lines

    def _claim_for_every_mentor(self, school, mentors_by_school, partners, now):
        mentors = mentors_by_school[school]
        provider = partners[school][0]
        all_used = {mentor[0] for mentor in mentors[9::10]}

        def hours_now(left, mentor):
            return left if mentor[0] in all_used else min(left, 4)

        for start in range(0, len(mentors), LARGEST_SCHOOL_CLAIM_SIZE):
            group = mentors[start : start + LARGEST_SCHOOL_CLAIM_SIZE]
            if now:
                self._claim(school, provider, group, hours_now, status=Claim.Status.SUBMITTED)
            else:
                self._claim(school, provider, group, lambda left, mentor: self.rng.randint(1, left))

    def _claim(self, school, provider, mentors, hours_of, status=None):
        """A claim for what is left of each mentor's allowance (hours_of(left, mentor) chooses how much of it), if
        anything is left."""
        if status is None:
            status = Claim.Status.NOT_PAID if self.rng.random() < NOT_PAID_SHARE else Claim.Status.SUBMITTED
        hours = []
        for pk, trn, _ in mentors:
            refresher = (trn, provider.pk) in self._claimed_before
            left = self._year.hours_allowed(refresher=refresher) - self._used[trn, provider.pk]
            if left > 0:
                hours.append((pk, trn, hours_of(left, (pk, trn, school))))
        if not hours:
            return
        if status == Claim.Status.SUBMITTED:  # the payer's rejections do not count
            for _, trn, number in hours:
                self._used[trn, provider.pk] += number
        self._claims_made.append((self._year, school, provider, status, hours))
        self._lines.extend(hours)

    def _references(self, count):
        taken = set(Claim.objects.values_list("reference", flat=True))
        return [
            f"{number:08d}"
            for number in self.rng.sample(range(10**8), count + len(taken))
            if f"{number:08d}" not in taken
        ][:count]

    def _start(self, year):
        return timezone.make_aware(datetime.combine(year.starts_on, time(9)))

    def _submitted_at(self, year):
        """A moment in the academic year, and not after now."""
        start = self._start(year)
        end = min(timezone.make_aware(datetime.combine(year.ends_on, time(17))), self.now)
        return start + timedelta(seconds=self.rng.randint(0, max(int((end - start).total_seconds()), 0)))


PLACE_NAMES = [
    "Northshire", "Westshire", "Eastbrook", "Southfield", "Riverside", "Kingsway", "Hillcrest", "Meadowbank",
    "Castlegate", "Abbeyfield", "Millbrook", "Ravenscliffe", "Queensbury", "Oakleigh", "Ashby", "Fenwick",
]  # fmt: skip
