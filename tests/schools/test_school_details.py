"""The school's own page: what GIAS says of it, with its provision for special educational needs."""

import pytest
from django.urls import reverse

from tests.support.factories import MembershipFactory, SchoolFactory
from tests.support.html import heading, soup, summary_rows

pytestmark = pytest.mark.django_db


def details_url(school):
    return reverse("schools:details", kwargs={"urn": school.urn})


def test_shows_the_schools_sen_provision_from_gias(client):
    school = SchoolFactory(
        name="Brookfield Primary School",
        urn=999001,
        sen_types=["SpLD - Specific Learning Difficulty", "ASD - Autistic Spectrum Disorder"],
        resourced_provision_type="Resourced provision",
        resourced_provision_on_roll=8,
        resourced_provision_capacity=10,
    )
    client.force_login(MembershipFactory(school=school).user)

    page = soup(client.get(details_url(school)))

    assert heading(page) == "School details"
    about = {key: value for key, value, _ in summary_rows(page, card="About the school")}
    assert about["URN"] == "999001"
    assert about["Pupils’ ages"] == "4 to 11"
    assert about["Town"] == "Not recorded in GIAS"
    sen = [(key, value) for key, value, _ in summary_rows(page, card="Special educational needs (SEN) provision")]
    assert sen == [
        ("Types of SEN provided for", "SpLD - Specific Learning Difficulty, ASD - Autistic Spectrum Disorder"),
        ("Type of resourced provision", "Resourced provision"),
        ("Pupils in resourced provision", "8"),
        ("Resourced provision places", "10"),
        ("Pupils in the SEN unit", "Not recorded in GIAS"),
        ("SEN unit places", "Not recorded in GIAS"),
    ]


def test_a_school_without_sen_provision_says_so(client):
    school = SchoolFactory()
    client.force_login(MembershipFactory(school=school).user)
    sen = summary_rows(client.get(details_url(school)), card="Special educational needs (SEN) provision")
    assert sen[0][:2] == ("Types of SEN provided for", "None recorded in GIAS")


def test_linked_from_the_mentor_list(client):
    school = SchoolFactory()
    client.force_login(MembershipFactory(school=school).user)
    page = soup(client.get(reverse("mentors:list", kwargs={"urn": school.urn})))
    assert page.find("a", string="School details and SEN provision")["href"] == details_url(school)


def test_other_schools_users_find_nothing(client):
    school = SchoolFactory()
    client.force_login(MembershipFactory().user)
    assert client.get(details_url(school)).status_code == 404
