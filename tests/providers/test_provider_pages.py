"""A provider's home (its partner schools) and a partner school's mentors, as the provider's users see them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.mentors.test_mentor_list import header_cells, table_rows
from tests.support.factories import MentorFactory, PartnershipFactory
from tests.support.html import caption, heading, soup, title

pytestmark = pytest.mark.django_db


def home_url(provider):
    return reverse("providers:home", kwargs={"code": provider.code})


def school_url(provider, school, **params):
    url = reverse("providers:school", kwargs={"code": provider.code, "urn": school.urn})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.fixture
def provider_client(client, provider_user):
    client.force_login(provider_user)
    return client


def test_a_provider_user_signs_in_to_the_provider_s_home(client, provider_user, provider):
    response = client.post(
        reverse("accounts:sign-in"), {"username": provider_user.email, "password": "a-long-test-password"}
    )
    assert response.url == reverse("organisations:start")
    assert client.get(response.url).url == home_url(provider)


def test_the_home_lists_partner_schools_with_their_mentors_shown_to_providers(
    provider_client, provider, partnership, primary_school, secondary_school, other_school
):
    PartnershipFactory(school=secondary_school, provider=provider)
    MentorFactory(school=primary_school)
    MentorFactory(school=primary_school)
    MentorFactory(school=primary_school, shown_to_providers=False)
    MentorFactory(school=primary_school, removed_at=timezone.now())
    MentorFactory(school=other_school)

    response = provider_client.get(home_url(provider))

    assert heading(response) == "Northshire SCITT"
    assert title(response).startswith("Northshire SCITT – ")
    assert header_cells(response) == ["Name", "URN", "Town", "Phase", "Current mentors"]
    rows = table_rows(response)
    assert [row[0] for row in rows] == ["Brookfield Primary School", "Oakwood Academy"]
    assert rows[0][1:] == [str(primary_school.urn), primary_school.town, "Primary", "2"]
    assert rows[1][-1] == "0"
    link = soup(response).select_one("tbody a")
    assert link["href"] == school_url(provider, primary_school)
    navigation = soup(response).select_one(".govuk-service-navigation")
    assert navigation.select_one("[aria-current]").get_text(strip=True) == "Schools"


def test_a_provider_without_partners_says_so(provider_client, provider):
    response = provider_client.get(home_url(provider))
    assert "Northshire SCITT has no partner schools yet." in soup(response).main.get_text()
    assert not soup(response).select("table")


def test_a_partner_school_s_current_mentors_shown_to_providers(provider_client, provider, partnership, primary_school):
    MentorFactory(
        school=primary_school,
        first_name="Ada",
        last_name="Lovelace",
        trn="1234567",
        date_started_mentoring=date(2020, 9, 1),
    )
    MentorFactory(school=primary_school, first_name="Kept", last_name="Private", shown_to_providers=False)
    MentorFactory(school=primary_school, first_name="Gone", last_name="Removed", removed_at=timezone.now())

    response = provider_client.get(school_url(provider, primary_school))

    assert heading(response) == "Mentors"
    assert caption(response) == f"Brookfield Primary School (URN {primary_school.urn})"
    assert header_cells(response) == ["Name", "TRN", "Subject", "Age range", "Key stage", "Date started mentoring"]
    assert table_rows(response) == [
        ["Ada Lovelace", "1234567", "Primary", "5 to 11", "Key stage 2", "1 September 2020"]
    ]
    # Read only: no links to the school's own pages, no buttons but the search.
    assert not soup(response).select("tbody a")
    assert [b.get_text(strip=True) for b in soup(response).select("main .govuk-button")] == ["Search"]


@pytest.mark.parametrize(
    ("query", "found"), [("lovelace", ["Ada Lovelace"]), ("7654321", ["Grace Hopper"]), ("ada h", [])]
)
def test_searching_a_partner_school_s_mentors_by_name_or_trn(
    provider_client, provider, partnership, primary_school, query, found
):
    MentorFactory(
        school=primary_school, first_name="Ada", last_name="Lovelace", trn="1234567", email="ada.h@example.com"
    )
    MentorFactory(school=primary_school, first_name="Grace", last_name="Hopper", trn="7654321")
    response = provider_client.get(school_url(provider, primary_school, q=query))
    assert [row[0] for row in table_rows(response)] == found
    if not found:
        assert f"No mentors found for ‘{query}’" in soup(response).main.get_text()


def test_a_search_too_long_is_an_error(provider_client, provider, partnership, primary_school):
    response = provider_client.get(school_url(provider, primary_school, q="x" * 255))
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert "Search must be 254 characters or fewer" in soup(response).select_one(".govuk-error-summary").get_text()


def test_mentors_are_listed_25_a_page(provider_client, provider, partnership, primary_school):
    for n in range(26):
        MentorFactory(school=primary_school, last_name=f"Mentor {n:02d}")
    first = provider_client.get(school_url(provider, primary_school))
    assert len(table_rows(first)) == 25
    second = provider_client.get(school_url(provider, primary_school, page=2))
    assert [row[0] for row in table_rows(second)] == ["Ada Mentor 25"]


def test_a_school_that_is_not_a_partner_is_not_found(provider_client, provider, other_school):
    MentorFactory(school=other_school)
    assert provider_client.get(school_url(provider, other_school)).status_code == 404


def test_another_provider_s_pages_are_not_found(provider_client, partnership, primary_school):
    other = PartnershipFactory(school=primary_school).provider
    assert provider_client.get(home_url(other)).status_code == 404
    assert provider_client.get(school_url(other, primary_school)).status_code == 404


def test_a_school_user_finds_no_provider_pages(coordinator_client, provider, partnership, primary_school):
    assert coordinator_client.get(home_url(provider)).status_code == 404
    assert coordinator_client.get(school_url(provider, primary_school)).status_code == 404


def test_a_school_that_ends_the_partnership_is_no_longer_shown(provider_client, provider, partnership, primary_school):
    partnership.delete()
    assert provider_client.get(school_url(provider, primary_school)).status_code == 404
    assert not table_rows(provider_client.get(home_url(provider)))
