"""Providers in a real browser: a provider user's pages, the organisation chooser, and a school's providers, every
page and error state checked against WCAG 2.2 AA; a coordinator adds and removes a partner provider with the
keyboard alone and without JavaScript."""

import pytest

from partnerships.models import Partnership
from tests.support.browser import coordinator_of, tab_to, tab_to_button
from tests.support.factories import (
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    UserFactory,
)


@pytest.fixture
def school(brookfield):
    return brookfield


@pytest.fixture
def coordinator(school):
    return coordinator_of(school)


@pytest.fixture
def provider(northshire):
    return northshire


@pytest.fixture
def others(browser_db):
    return [ProviderFactory(name="Northshire University", code="N2U"), ProviderFactory(name="Eastfield University")]


def test_a_provider_user_s_pages(new_page, check, school, provider):
    PartnershipFactory(school=school, provider=provider)
    MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn="7000001")
    user = UserFactory(email="provider@example.com")
    ProviderMembershipFactory(user=user, provider=provider)
    page = new_page(user)
    page.goto("/")
    page.get_by_role("heading", name="Northshire SCITT").wait_for()
    check(page, "provider-home")
    page.get_by_role("link", name="Brookfield Primary School").click()
    page.get_by_role("cell", name="Zoë O'Brien").wait_for()
    check(page, "provider-partner-school")
    # Longer than the box lets anyone type: as a tampered address would ask.
    page.goto(f"{page.url}?q={'x' * 255}")
    page.get_by_text("Search must be 254 characters or fewer").first.wait_for()
    check(page, "provider-partner-school-errors")


def test_choosing_between_a_school_and_a_provider(new_page, check, school, coordinator, provider):
    ProviderMembershipFactory(user=coordinator, provider=provider)
    page = new_page(coordinator)
    page.goto("/")
    page.get_by_role("heading", name="Which organisation are you working in?").wait_for()
    check(page, "change-organisation-grouped")
    page.get_by_role("button", name="Continue").click()
    check(page, "change-organisation-grouped-errors")
    page.get_by_label("Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Northshire SCITT").wait_for()
    assert page.get_by_role("link", name="Change organisation").is_visible()


def test_a_school_s_providers_pages_and_their_errors(new_page, check, school, coordinator, provider, others):
    PartnershipFactory(school=school, provider=others[1])
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/providers/")
    check(page, "school-providers")
    page.get_by_role("button", name="Add provider").click()
    page.get_by_role("button", name="Continue").click()
    check(page, "add-provider-errors")
    page.get_by_label("Accredited provider").fill("Eastfield")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Eastfield University").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Eastfield University is already one of Brookfield Primary School’s providers").first.wait_for()
    check(page, "add-provider-results-errors")
    page.goto(f"/schools/{school.urn}/providers/add/")
    page.get_by_label("Accredited provider").fill("Northshire")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Continue").click()
    check(page, "add-provider-results")
    page.get_by_label("Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Confirm you want to add Northshire SCITT").wait_for()
    check(page, "add-provider-confirm")
    page.get_by_role("button", name="Add provider").click()
    page.get_by_text("Provider added").wait_for()
    check(page, "add-provider-added")
    page.get_by_role("link", name="View your providers").click()
    page.get_by_role("link", name="Remove Northshire SCITT").click()
    page.get_by_role("heading", name="Are you sure you want to remove Northshire SCITT?").wait_for()
    check(page, "remove-provider")


def test_add_and_remove_a_provider_with_the_keyboard_alone_without_javascript(
    new_page, check, school, coordinator, provider, others
):
    page = new_page(coordinator, javascript=False)
    page.goto(f"/schools/{school.urn}/mentors/")
    tab_to_button(page, "Providers")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Providers", exact=True).wait_for()
    tab_to_button(page, "Add provider")
    page.keyboard.press("Enter")

    page.get_by_label("Accredited provider").wait_for()
    tab_to(page, "id_provider")
    page.keyboard.type("Northshire")
    page.keyboard.press("Enter")  # submits the search, as without JavaScript there are no suggestions
    page.get_by_text("2 accredited providers match ‘Northshire’.").wait_for()
    tab_to(page, "id_provider_1")  # Northshire SCITT, first by name
    page.keyboard.press("Space")
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Confirm you want to add Northshire SCITT").wait_for()
    tab_to_button(page, "Add provider")
    page.keyboard.press("Enter")
    page.get_by_text("Provider added").wait_for()
    assert Partnership.objects.filter(school=school, provider=provider).exists()

    tab_to_button(page, "View your providers")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Providers", exact=True).wait_for()
    tab_to_button(page, "Remove Northshire SCITT")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Are you sure you want to remove Northshire SCITT?").wait_for()
    tab_to_button(page, "Remove provider")
    page.keyboard.press("Enter")
    page.get_by_text("Northshire SCITT has been removed").wait_for()
    check(page, "school-providers-removed")
    assert not Partnership.objects.exists()
