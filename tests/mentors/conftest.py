import pytest

from schools.models import Membership
from tests.support.factories import MembershipFactory, MentorFactory, SchoolFactory, UserFactory
from tests.support.journeys import AddMentorJourney


@pytest.fixture
def all_through_school(db):
    return SchoolFactory(name="Riverside All-through School", all_through=True)


@pytest.fixture
def coordinator_client(client, coordinator, secondary_school, all_through_school):
    for school in (secondary_school, all_through_school):
        MembershipFactory(user=coordinator, school=school)
    client.force_login(coordinator)
    return client


@pytest.fixture
def start_journey(coordinator_client):
    return lambda school: AddMentorJourney(coordinator_client, school)


@pytest.fixture
def mentor(primary_school):
    """A mentor at the primary school, where the `coordinator` fixture is ITT coordinator."""
    return MentorFactory(
        school=primary_school, first_name="Zoë", last_name="O'Brien", trn="0123456", email="zoe.obrien@example.com"
    )


@pytest.fixture
def lead_mentor_membership(primary_school):
    """A lead mentor at the primary school, leading nobody yet (see `led_mentor`)."""
    user = UserFactory(email="lead.mentor@example.com", first_name="Tomasz", last_name="Nowak")
    return MembershipFactory(user=user, school=primary_school, role=Membership.Role.LEAD_MENTOR)


@pytest.fixture
def led_mentor(mentor, lead_mentor_membership):
    """`mentor`, led by the lead mentor of `lead_mentor_membership`."""
    mentor.lead_mentor = lead_mentor_membership
    mentor.save()
    return mentor


@pytest.fixture
def lead_mentor_client(client, lead_mentor_membership):
    client.force_login(lead_mentor_membership.user)
    return client
