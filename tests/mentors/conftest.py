import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from schools.models import Membership
from tests.factories import MembershipFactory, MentorFactory, SchoolFactory, UserFactory

VALID_PERSONAL_DETAILS = {
    "first_name": "Zoë",
    "last_name": "O'Brien",
    "trn": "0123456",
    "email": "zoe.obrien@example.com",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response):
    return [link.get_text(strip=True) for link in soup(response).select(".govuk-error-summary__list a")]


def inline_errors(response):
    return [
        re.sub(r"^Error:\s*", "", message.get_text(" ", strip=True))
        for message in soup(response).select(".govuk-error-message")
    ]


def radio_labels(response):
    return [label.get_text(strip=True) for label in soup(response).select(".govuk-radios__label")]


def radio_value(response, label):
    page = soup(response)
    for item in page.select(".govuk-radios__item"):
        if item.label.get_text(strip=True) == label:
            return item.input["value"]
    raise AssertionError(f"No radio labelled {label!r}: {radio_labels(response)}")


class AddMentorJourney:
    """Drives the add-mentor journey through the test client as a person would: by labels, not ids."""

    def __init__(self, client, school):
        self.client = client
        self.school = school
        response = client.get(reverse("mentors:add", kwargs={"urn": school.urn}))
        assert response.status_code == 302, response
        self.personal_details_url = response.url
        self.base_url = response.url.removesuffix("personal-details/")

    def url(self, step):
        return f"{self.base_url}{step}/"

    def get(self, step, **params):
        return self.client.get(self.url(step), params)

    def post(self, step, data, query=""):
        return self.client.post(self.url(step) + query, data)

    def choose(self, step, field, label, query=""):
        value = radio_value(self.get(step), label)
        return self.post(step, {field: value}, query)

    def answer_all(self, *, subject, age_range, key_stage, **personal_details):
        self.post("personal-details", {**VALID_PERSONAL_DETAILS, **personal_details})
        self.choose("subject", "subject", subject)
        self.choose("age-range", "age_range", age_range)
        response = self.choose("key-stage", "key_stage", key_stage)
        assert response.url == self.url("check-your-answers"), response.url
        return response


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


def mentor_url(name, mentor, **kwargs):
    return reverse(f"mentors:{name}", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk, **kwargs})
