"""A school's providers: the list, adding one (with and without the autocomplete) and removing one."""

import pytest
from django.urls import reverse

from emails.models import Email
from partnerships.models import Partnership
from schools.models import Membership
from tests.mentors.test_mentor_list import header_cells, table_rows
from tests.support.factories import MembershipFactory, PartnershipFactory, ProviderFactory
from tests.support.html import error_summary, heading, inline_errors, soup, summary_rows, title
from tests.support.journeys import AddProviderJourney

pytestmark = pytest.mark.django_db


def list_url(school):
    return reverse("partnerships:list", kwargs={"urn": school.urn})


def remove_url(school, provider):
    return reverse("partnerships:remove", kwargs={"urn": school.urn, "code": provider.code})


@pytest.fixture
def lead_mentor_client(client, primary_school):
    client.force_login(MembershipFactory(school=primary_school, role=Membership.Role.LEAD_MENTOR).user)
    return client


def test_the_list_shows_the_school_s_providers_with_remove_links(coordinator_client, primary_school, provider):
    PartnershipFactory(school=primary_school, provider=provider)
    PartnershipFactory(school=primary_school, provider=ProviderFactory(name="Ashby University", code="A1U"))
    PartnershipFactory(provider=ProviderFactory(name="Elsewhere SCITT"))

    response = coordinator_client.get(list_url(primary_school))

    assert heading(response) == "Providers"
    assert header_cells(response) == ["Name", "Code", "Type", "Action"]
    assert [row[:2] for row in table_rows(response)] == [["Ashby University", "A1U"], ["Northshire SCITT", "N1S"]]
    assert table_rows(response)[1][3] == "RemoveNorthshire SCITT"  # "Northshire SCITT" visually hidden
    assert soup(response).select("tbody a")[1]["href"] == remove_url(primary_school, provider)
    navigation = soup(response).select_one(".govuk-service-navigation")
    assert navigation.select_one("[aria-current]").get_text(strip=True) == "Providers"


def test_a_lead_mentor_sees_the_list_without_adding_or_removing(lead_mentor_client, primary_school, provider):
    PartnershipFactory(school=primary_school, provider=provider)
    response = lead_mentor_client.get(list_url(primary_school))
    assert header_cells(response) == ["Name", "Code", "Type"]
    assert not soup(response).select("main .govuk-button")
    assert lead_mentor_client.get(reverse("partnerships:add", kwargs={"urn": primary_school.urn})).status_code == 403
    assert lead_mentor_client.get(remove_url(primary_school, provider)).status_code == 403
    assert lead_mentor_client.post(remove_url(primary_school, provider)).status_code == 403
    assert Partnership.objects.count() == 1


def test_no_providers_yet(coordinator_client, primary_school):
    response = coordinator_client.get(list_url(primary_school))
    assert "Brookfield Primary School has not added any providers yet." in soup(response).main.get_text()


@pytest.mark.parametrize("autocomplete", [True, False])
def test_adding_a_provider(coordinator_client, primary_school, provider, provider_user, autocomplete):
    journey = AddProviderJourney(coordinator_client, primary_school)
    question = journey.get("provider")
    assert soup(question).select_one("label[for=id_provider]").get_text(strip=True) == "Add providerAccredited provider"

    response = journey.choose_provider(provider, autocomplete=autocomplete)

    assert response.url == journey.url("check-your-answers")
    confirm = journey.get("check-your-answers")
    assert heading(confirm) == "Confirm you want to add Northshire SCITT"
    assert [row[:2] for row in summary_rows(confirm)][:2] == [
        ("Accredited provider", "Northshire SCITT"),
        ("Code", "N1S"),
    ]
    assert [b.get_text(strip=True) for b in soup(confirm).select("main .govuk-button")] == ["Add provider"]
    added = journey.post("check-your-answers", {})
    confirmation = coordinator_client.get(added.url)
    assert soup(confirmation).select_one(".govuk-panel__title").get_text(strip=True) == "Provider added"
    partnership = Partnership.objects.get()
    assert (partnership.school, partnership.provider, partnership.created_by.email) == (
        primary_school,
        provider,
        "coordinator@example.com",
    )
    assert Email.objects.get().kind == Email.Kind.PARTNERSHIP_ADDED
    # Submitting again (a double click, the back button) adds nothing more.
    assert journey.post("check-your-answers", {}).url == added.url
    assert Partnership.objects.count() == 1 and Email.objects.count() == 1


@pytest.mark.parametrize("autocomplete", [True, False])
def test_adding_a_provider_twice_is_an_error(coordinator_client, primary_school, provider, autocomplete):
    PartnershipFactory(school=primary_school, provider=provider)
    journey = AddProviderJourney(coordinator_client, primary_school)
    response = journey.choose_provider(provider, autocomplete=autocomplete)
    assert response.status_code == 200
    message = "Northshire SCITT is already one of Brookfield Primary School’s providers"
    assert title(response).startswith("Error: ")
    assert error_summary(response) == [message]
    assert inline_errors(response) == [message]


def test_a_provider_that_is_not_accredited_cannot_be_found_or_chosen(coordinator_client, primary_school):
    ProviderFactory(name="Closed SCITT", code="C1S", accredited=False)
    journey = AddProviderJourney(coordinator_client, primary_school)
    searched = journey.post("provider", {"provider": "Closed SCITT", "provider_code": "C1S"})
    assert error_summary(searched) == [
        "No accredited provider matches ‘Closed SCITT’. Check the spelling, or search by name, code, UKPRN, URN or "
        "postcode"
    ]
    ProviderFactory(name="Closed Campus SCITT", code="C2S")
    journey.post("provider", {"provider": "Closed"})
    chosen = journey.post("provider-results", {"provider": "C1S"})
    assert error_summary(chosen) == ["Select an accredited provider"]
    assert not Partnership.objects.exists()


def test_a_provider_added_by_someone_else_meanwhile_is_said_on_submitting(coordinator_client, primary_school, provider):
    journey = AddProviderJourney(coordinator_client, primary_school)
    journey.choose_provider(provider)
    PartnershipFactory(school=primary_school, provider=provider)
    response = journey.post("check-your-answers", {})
    assert response.url == journey.url("provider")
    message = "Northshire SCITT is already one of Brookfield Primary School’s providers"
    assert error_summary(coordinator_client.get(response.url)) == [message]
    assert Partnership.objects.count() == 1


def test_removing_a_provider_asks_first(coordinator_client, primary_school, provider, provider_user):
    PartnershipFactory(school=primary_school, provider=provider)
    page = coordinator_client.get(remove_url(primary_school, provider))
    assert heading(page) == "Are you sure you want to remove Northshire SCITT?"
    assert Partnership.objects.exists()

    response = coordinator_client.post(remove_url(primary_school, provider), follow=True)

    assert response.redirect_chain == [(list_url(primary_school), 302)]
    assert "Northshire SCITT has been removed" in soup(response).get_text()
    assert not Partnership.objects.exists()
    assert Email.objects.get().kind == Email.Kind.PARTNERSHIP_REMOVED


def test_removing_a_provider_that_is_not_a_partner_is_not_found(coordinator_client, primary_school, provider):
    assert coordinator_client.get(remove_url(primary_school, provider)).status_code == 404
    assert coordinator_client.post(remove_url(primary_school, provider)).status_code == 404


def test_another_school_s_providers_are_not_found(coordinator_client, other_school, provider):
    PartnershipFactory(school=other_school, provider=provider)
    assert coordinator_client.get(list_url(other_school)).status_code == 404
    assert coordinator_client.post(remove_url(other_school, provider)).status_code == 404
    assert Partnership.objects.count() == 1
