import datetime
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from claims.models import AcademicYear, Claim, ClaimMentor, ClaimWindow, FundingRegion
from mentors.models import Mentor, TraineeAssignment
from partnerships.models import Partnership
from providers.models import Provider, ProviderMembership, ProviderType
from reference_data.models import AgeRange, KeyStage, Subject
from schools.models import Membership, School


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "Sam"
    last_name = "Taylor"
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: 100000 + n)
    name = factory.Sequence(lambda n: f"School {n}")
    phase_of_education_code = School.GiasPhase.PRIMARY
    phase_of_education_name = "Primary"
    statutory_low_age = 4
    statutory_high_age = 11
    local_authority = "Leeds"
    establishment_status_code = 1
    establishment_status_name = "Open"
    funding_region = factory.LazyFunction(lambda: FundingRegion.objects.get(other_districts=True))

    class Params:
        primary = factory.Trait(phase_of_education_code=School.GiasPhase.PRIMARY, phase_of_education_name="Primary")
        secondary = factory.Trait(
            phase_of_education_code=School.GiasPhase.SECONDARY,
            phase_of_education_name="Secondary",
            statutory_low_age=11,
            statutory_high_age=18,
        )
        all_through = factory.Trait(
            phase_of_education_code=School.GiasPhase.ALL_THROUGH,
            phase_of_education_name="All-through",
            statutory_low_age=4,
            statutory_high_age=18,
        )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Membership.Role.ITT_COORDINATOR


class MentorFactory(DjangoModelFactory):
    """A mentor at a primary school."""

    class Meta:
        model = Mentor

    school = factory.SubFactory(SchoolFactory)
    first_name = "Ada"
    last_name = factory.Sequence(lambda n: f"Mentor {n}")
    trn = factory.Sequence(lambda n: f"{n:07d}")
    email = factory.Sequence(lambda n: f"mentor{n}@example.com")
    subject = factory.LazyFunction(lambda: Subject.objects.get(name="Primary"))
    age_range = factory.LazyFunction(lambda: AgeRange.objects.get(name="5 to 11"))
    key_stage = factory.LazyFunction(lambda: KeyStage.objects.get(name="Key stage 2"))


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider

    code = factory.Sequence(lambda n: f"{n:03d}"[-3:])
    name = factory.Sequence(lambda n: f"Provider {n} SCITT")
    provider_type = ProviderType.SCITT
    accredited = True
    ukprn = factory.Sequence(lambda n: str(10000000 + n))
    town = "Leeds"
    postcode = "LS1 4AP"


class ProviderMembershipFactory(DjangoModelFactory):
    class Meta:
        model = ProviderMembership

    user = factory.SubFactory(UserFactory)
    provider = factory.SubFactory(ProviderFactory)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    school = factory.SubFactory(SchoolFactory)
    provider = factory.SubFactory(ProviderFactory)


class TraineeAssignmentFactory(DjangoModelFactory):
    """A trainee mentored from a week ago to a month from now (so today)."""

    class Meta:
        model = TraineeAssignment

    mentor = factory.SubFactory(MentorFactory)
    first_name = "Tariq"
    last_name = factory.Sequence(lambda n: f"Trainee {n}")
    provider = factory.SubFactory(ProviderFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class ClaimWindowFactory(DjangoModelFactory):
    """A claim window open today, for the academic year today is in."""

    class Meta:
        model = ClaimWindow

    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    academic_year = factory.LazyFunction(
        lambda: AcademicYear.objects.get(start_year=AcademicYear.start_year_of(timezone.localdate()))
    )


class ClaimFactory(DjangoModelFactory):
    """A submitted claim, saved as it is without the service's checks: use make_claim for one with mentors."""

    class Meta:
        model = Claim

    reference = factory.Sequence(lambda n: f"{10_000_000 + n:08d}")
    school = factory.SubFactory(SchoolFactory)
    provider = factory.SubFactory(ProviderFactory)
    academic_year = factory.LazyFunction(lambda: AcademicYear.objects.get(start_year=2025))
    status = Claim.Status.SUBMITTED
    funding_region = factory.SelfAttribute("school.funding_region")
    rate_pence = 4380
    total_hours = 1
    amount_pence = factory.LazyAttribute(lambda claim: claim.total_hours * claim.rate_pence)
    created_by = factory.SubFactory(UserFactory)
    submitted_by = factory.SelfAttribute("created_by")
    submitted_at = factory.LazyFunction(timezone.now)


def make_claim(*, hours, start_year=2025, **fields):
    """A claim of the mentors' hours (by Mentor), at the first mentor's school unless another is given."""
    mentors = list(hours)
    fields.setdefault("school", mentors[0].school)
    if fields.get("status") == Claim.Status.DRAFT:
        fields.update(submitted_by=None, submitted_at=None)
    claim = ClaimFactory(
        academic_year=AcademicYear.objects.get(start_year=start_year), total_hours=sum(hours.values()), **fields
    )
    ClaimMentor.objects.bulk_create(
        ClaimMentor(claim=claim, mentor=mentor, trn=mentor.trn, hours=number) for mentor, number in hours.items()
    )
    return claim
