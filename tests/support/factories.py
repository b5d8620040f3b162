import datetime

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from mentors.models import Mentor, TraineeAssignment
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
