"""What a provider's users see of their partner schools' mentors: their trainees, and a search of the mentors the
schools show to providers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentors import selectors
from mentors.models import Mentor, MentorStatus
from reference_data.models import AgeRange, KeyStage, Phase, SendArea, Subject
from schools.models import Membership, School
from schools.selectors import service_phases, teaching
from tests.support.factories import (
    MembershipFactory,
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    TraineeAssignmentFactory,
    UserFactory,
)
from tests.support.html import error_summary, heading, soup

pytestmark = pytest.mark.django_db


def days(number):
    return timezone.localdate() + datetime.timedelta(days=number)


@pytest.fixture
def provider(primary_school, secondary_school):
    provider = ProviderFactory(name="Northshire SCITT", code="N1S")
    for school in (primary_school, secondary_school):
        PartnershipFactory(school=school, provider=provider)
    return provider


@pytest.fixture
def provider_client(client, provider):
    client.force_login(ProviderMembershipFactory(provider=provider).user)
    return client


def url(name, provider):
    return reverse(f"mentors:{name}", kwargs={"code": provider.code})


def cells(page):
    """Each table row's cells' text, without the headings shown on small screens."""
    rows = []
    for row in page.select("tbody tr"):
        texts = []
        for cell in row.select("td"):
            for heading_ in cell.select(".app-responsive-table__heading"):
                heading_.extract()
            texts.append(cell.get_text(" ", strip=True))
        rows.append(texts)
    return rows


class TestTrainees:
    def test_the_providers_trainees_at_its_partner_schools_current_first(
        self, provider_client, provider, primary_school, secondary_school
    ):
        grace = MentorFactory(school=primary_school, first_name="Grace", last_name="Adeyemi")
        daniel = MentorFactory(school=secondary_school, first_name="Daniel", last_name="Murphy")
        TraineeAssignmentFactory(
            mentor=grace, provider=provider, first_name="Maya", last_name="Chen", starts_on=days(-400), ends_on=days(-1)
        )
        TraineeAssignmentFactory(
            mentor=grace, provider=provider, first_name="Leo", last_name="Fischer", starts_on=days(-9), ends_on=days(9)
        )
        TraineeAssignmentFactory(
            mentor=daniel, provider=provider, first_name="Aisha", last_name="Bello", starts_on=days(5), ends_on=days(90)
        )
        # Not this provider's, or not to be shown to it.
        TraineeAssignmentFactory(mentor=grace, provider=ProviderFactory(), first_name="Other", last_name="Provider")
        hidden = MentorFactory(school=primary_school, shown_to_providers=False)
        TraineeAssignmentFactory(mentor=hidden, provider=provider, first_name="Hidden", last_name="Mentor")
        removed = MentorFactory(school=primary_school, removed_at=timezone.now())
        TraineeAssignmentFactory(mentor=removed, provider=provider, first_name="Removed", last_name="Mentor")
        elsewhere = MentorFactory(school=SchoolFactory())
        TraineeAssignmentFactory(mentor=elsewhere, provider=provider, first_name="Not", last_name="Partner")

        page = soup(provider_client.get(url("provider-trainees", provider)))

        assert heading(page) == "Trainees"
        assert cells(page) == [
            ["Aisha Bello", "Oakwood Academy", "Daniel Murphy", _date(days(5)), _date(days(90))],
            ["Leo Fischer", "Brookfield Primary School", "Grace Adeyemi", _date(days(-9)), _date(days(9))],
            ["Maya Chen", "Brookfield Primary School", "Grace Adeyemi", _date(days(-400)), _date(days(-1))],
        ]

    def test_paginated(self, provider_client, provider, primary_school):
        mentor = MentorFactory(school=primary_school)
        for number in range(26):
            TraineeAssignmentFactory(mentor=mentor, provider=provider, starts_on=days(-number - 1))
        first = soup(provider_client.get(url("provider-trainees", provider)))
        assert len(cells(first)) == 25
        second = soup(provider_client.get(url("provider-trainees", provider) + "?page=2"))
        assert len(cells(second)) == 1

    def test_none_yet(self, provider_client, provider):
        page = provider_client.get(url("provider-trainees", provider))
        assert "have not recorded any of your trainees" in page.content.decode()

    def test_a_user_of_another_provider_finds_nothing(self, client, provider):
        client.force_login(ProviderMembershipFactory().user)
        assert client.get(url("provider-trainees", provider)).status_code == 404
        assert client.get(url("provider-search", provider)).status_code == 404


def _date(day):
    return f"{day.day} {day:%B %Y}"


def search(client, provider, **query):
    return soup(client.get(url("provider-search", provider), query))


def names(page):
    """The mentors found, by name, in order (their cell also has their status)."""
    found = []
    for cell in page.select("tbody tr td:first-child"):
        for extra in cell.select(".app-responsive-table__heading, .govuk-tag"):
            extra.extract()
        found.append(cell.get_text(" ", strip=True))
    return found


class TestFindMentors:
    @pytest.fixture
    def mentors(self, primary_school, secondary_school):
        special = SchoolFactory(
            name="Meadow Special School",
            phase_of_education_code=School.GiasPhase.NOT_APPLICABLE,
            statutory_low_age=11,
            statutory_high_age=19,
        )
        return {
            "available": MentorFactory(school=primary_school, first_name="Owen", last_name="Price"),
            "mentoring": MentorFactory(school=primary_school, first_name="Grace", last_name="Adeyemi"),
            "unavailable": MentorFactory(school=primary_school, first_name="Ann", last_name="Able", unavailable=True),
            "secondary": MentorFactory(
                school=secondary_school,
                first_name="Hannah",
                last_name="Kowalski",
                subject=Subject.objects.get(name="English"),
                age_range=AgeRange.objects.get(name="11 to 18"),
                key_stage=KeyStage.objects.get(name="Key stage 4"),
            ),
            "special": MentorFactory(school=special, first_name="Sam", last_name="Special"),
        }

    @pytest.fixture
    def found(self, provider, mentors):
        PartnershipFactory(school=mentors["special"].school, provider=provider)
        TraineeAssignmentFactory(mentor=mentors["mentoring"], provider=provider)
        mentors["available"].send_support.set([SendArea.objects.get(name="Cognition and learning")])
        return mentors

    def test_grouped_by_school_available_first_with_the_coordinator_to_contact(
        self, provider_client, provider, found, primary_school
    ):
        MembershipFactory(
            school=primary_school, user=UserFactory(first_name="Amira", last_name="Khan", email="amira@example.com")
        )
        MembershipFactory(school=primary_school, role=Membership.Role.LEAD_MENTOR)
        page = search(provider_client, provider)

        assert [tag.get_text(strip=True) for tag in page.select("tbody .govuk-tag")[:3]] == [
            "Available",
            "Mentoring a trainee",
            "Not available",
        ]
        groups = [group.get_text(strip=True) for group in page.select("h3")]
        assert groups == ["Brookfield Primary School", "Meadow Special School", "Oakwood Academy"]
        assert names(page) == ["Owen Price", "Grace Adeyemi", "Ann Able", "Sam Special", "Hannah Kowalski"]
        contact = page.select_one("h3 + p").get_text(" ", strip=True)
        assert contact == "ITT coordinator: Amira Khan, amira@example.com"
        assert page.select_one("h3 + p a")["href"] == "mailto:amira@example.com"
        assert "The school has no ITT coordinator in this service." in page.get_text(" ", strip=True)

    def test_hidden_removed_and_other_schools_mentors_never_appear(self, provider_client, provider, primary_school):
        MentorFactory(school=primary_school, first_name="Shown", last_name="Mentor")
        MentorFactory(school=primary_school, first_name="Hidden", last_name="Mentor", shown_to_providers=False)
        MentorFactory(school=primary_school, first_name="Removed", last_name="Mentor", removed_at=timezone.now())
        MentorFactory(school=SchoolFactory(), first_name="Stranger", last_name="Mentor")
        assert names(search(provider_client, provider)) == ["Shown Mentor"]

    @pytest.mark.parametrize(
        "query, expected",
        [
            ({}, ["Owen Price", "Grace Adeyemi", "Ann Able", "Sam Special", "Hannah Kowalski"]),
            ({"status": MentorStatus.AVAILABLE}, ["Owen Price", "Sam Special", "Hannah Kowalski"]),
            ({"status": [MentorStatus.MENTORING, MentorStatus.NOT_AVAILABLE]}, ["Grace Adeyemi", "Ann Able"]),
            ({"subject": "English"}, ["Hannah Kowalski"]),
            ({"age_range": "11 to 18"}, ["Hannah Kowalski"]),
            ({"key_stage": "Key stage 2"}, ["Owen Price", "Grace Adeyemi", "Ann Able", "Sam Special"]),
            ({"send_support": "Cognition and learning"}, ["Owen Price"]),
            ({"send_support": "Sensory and/or physical needs"}, []),
            ({"phase": "primary"}, ["Owen Price", "Grace Adeyemi", "Ann Able"]),
            ({"phase": "secondary"}, ["Sam Special", "Hannah Kowalski"]),
            (
                {"phase": ["primary", "secondary"]},
                ["Owen Price", "Grace Adeyemi", "Ann Able", "Sam Special", "Hannah Kowalski"],
            ),
            ({"phase": "primary", "status": MentorStatus.AVAILABLE}, ["Owen Price"]),
        ],
    )
    def test_each_filter_narrows_the_search(self, provider_client, provider, found, query, expected):
        lists = {"subject": Subject, "age_range": AgeRange, "key_stage": KeyStage, "send_support": SendArea}
        query = {
            name: str(lists[name].objects.get(name=value).pk) if name in lists else value
            for name, value in query.items()
        }
        page = search(provider_client, provider, **query)
        assert names(page) == expected
        assert not error_summary(page)

    @pytest.mark.parametrize(
        "query, message",
        [
            ({"subject": "nope"}, "Select a subject from the list"),
            ({"age_range": "999999"}, "Select an age range from the list"),
            ({"key_stage": "1.5"}, "Select a key stage from the list"),
            ({"status": "asleep"}, "Select a status from the list"),
            ({"send_support": "x"}, "Select SEND support from the list"),
            ({"phase": "nursery"}, "Select a school phase from the list"),
        ],
    )
    def test_a_wrong_filter_is_explained_and_the_others_still_apply(
        self, provider_client, provider, found, query, message
    ):
        others = {} if "status" in query else {"status": MentorStatus.NOT_AVAILABLE}
        page = search(provider_client, provider, **query, **others)
        assert error_summary(page) == [message]
        if others:
            assert names(page) == ["Ann Able"]
        assert page.title.get_text().startswith("Error: Find mentors")

    def test_years_of_teaching_and_mentoring(self, provider_client, provider, primary_school):
        today = timezone.localdate()
        MentorFactory(
            school=primary_school,
            date_qualified=today.replace(year=today.year - 8),
            date_started_mentoring=today - datetime.timedelta(days=30),
        )
        MentorFactory(school=primary_school, date_qualified=None, date_started_mentoring=None)
        experience = [row[-1] for row in cells(search(provider_client, provider))]
        assert sorted(experience) == [
            "Teaching: 8 years Mentoring: less than 1 year",
            "Teaching: not known Mentoring: not known",
        ]

    def test_twenty_a_page(self, provider_client, provider, primary_school):
        MentorFactory.create_batch(21, school=primary_school)
        first = search(provider_client, provider)
        assert len(cells(first)) == 20
        assert "21 mentors found" in first.get_text()
        assert len(cells(search(provider_client, provider, page=2))) == 1


@pytest.mark.parametrize(
    "gias_phase, low, high",
    [
        (School.GiasPhase.PRIMARY, 4, 11),
        (School.GiasPhase.SECONDARY, 11, 18),
        (School.GiasPhase.ALL_THROUGH, 4, 18),
        (School.GiasPhase.NURSERY, 2, 5),
        (School.GiasPhase.SIXTEEN_PLUS, 16, 19),
        (School.GiasPhase.NOT_APPLICABLE, 2, 11),
        (School.GiasPhase.NOT_APPLICABLE, 11, 19),
        (School.GiasPhase.NOT_APPLICABLE, 5, 16),
        (School.GiasPhase.NOT_APPLICABLE, None, None),
        (School.GiasPhase.NOT_APPLICABLE, None, 10),
        (School.GiasPhase.NOT_APPLICABLE, 12, None),
    ],
)
def test_the_school_phase_filter_agrees_with_service_phases(gias_phase, low, high):
    school = SchoolFactory(phase_of_education_code=gias_phase, statutory_low_age=low, statutory_high_age=high)
    in_database = tuple(
        phase.code
        for phase in Phase.objects.order_by("position")
        if School.objects.filter(teaching(phase.code), pk=school.pk).exists()
    )
    assert in_database == service_phases(school)


def test_find_for_provider_counts_each_mentor_once(provider, primary_school):
    mentor = MentorFactory(school=primary_school)
    mentor.send_support.set(SendArea.objects.all())
    found = selectors.find_for_provider(provider, send_areas=list(SendArea.objects.all()))
    assert [row["pk"] for row in found] == [mentor.pk]
    assert Mentor.objects.count() == 1
