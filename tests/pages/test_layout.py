"""The layout every page shares, and the pages anyone may read."""

import pytest
from django.urls import reverse

from tests.support.factories import MembershipFactory, MentorFactory
from tests.support.html import heading, soup

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "pages:accessibility": "Accessibility statement for Manage ITT mentors",
    "pages:cookies": "Cookies",
    "pages:privacy": "Privacy notice",
    "accounts:sign-in": "Sign in to Manage ITT mentors",
    "accounts:password-reset": "Reset your password",
    "accounts:signed-out": "You have signed out",
}


@pytest.mark.parametrize("url_name, page_heading", PUBLIC_PAGES.items())
def test_public_pages_need_no_sign_in(client, url_name, page_heading):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert heading(response) == page_heading


@pytest.mark.parametrize("url", ["/", "/organisations/change/", "/schools/999001/"])
def test_other_pages_send_a_signed_out_user_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:sign-in')}?next={url}"


def test_layout(coordinator_client, primary_school):
    page = soup(coordinator_client.get(reverse("mentors:list", kwargs={"urn": primary_school.urn})))
    assert page.html["lang"] == "en"
    skip_link = page.select_one("a.govuk-skip-link")
    assert skip_link.get_text(strip=True) == "Skip to main content"
    assert page.select_one(skip_link["href"]).name == "main"
    # Landmarks, as GOV.UK Frontend's page template has them: the banner, then the footer's contentinfo.
    header = page.select_one("body > header.govuk-template__header")
    assert header.select_one(".govuk-header")
    assert header.select_one(".govuk-service-navigation__service-name").get_text(strip=True) == "Manage ITT mentors"
    assert header.select_one(".govuk-phase-banner .govuk-tag").get_text(strip=True) == "Beta"
    assert page.select_one("body > footer.govuk-template__footer > .govuk-footer")
    assert not page.select("nav[aria-label=Back]")  # nothing before the main content
    footer_links = {a.get_text(strip=True): a["href"] for a in page.select(".govuk-footer__meta a.govuk-footer__link")}
    assert footer_links["Accessibility statement"] == reverse("pages:accessibility")
    assert footer_links["Cookies"] == reverse("pages:cookies")
    assert footer_links["Privacy notice"] == reverse("pages:privacy")
    assert page.title.get_text() == f"Mentors – {primary_school.name} – Manage ITT mentors – GOV.UK"


@pytest.mark.parametrize("url_name", ["accounts:sign-in", "accounts:password-reset", "organisations:change"])
def test_a_form_page_has_one_form(client, coordinator, secondary_school, url_name):
    """The page's form, not one nested in another, with one CSRF token (the form helper's own are off)."""
    if url_name == "organisations:change":
        MembershipFactory(user=coordinator, school=secondary_school)  # one school would be no choice
        client.force_login(coordinator)
    page = soup(client.get(reverse(url_name)))
    assert len(page.select("main form")) == 1
    assert len(page.select("main form input[name=csrfmiddlewaretoken]")) == 1


def test_a_back_link_is_in_a_navigation_landmark(coordinator_client, primary_school):
    mentor = MentorFactory(school=primary_school)
    page = soup(
        coordinator_client.get(reverse("mentors:detail", kwargs={"urn": primary_school.urn, "mentor_id": mentor.pk}))
    )
    back = page.select_one("nav[aria-label=Back]")
    assert back.find_next_sibling().name == "main"
    assert back.select_one("a.govuk-back-link").get_text(strip=True) == "All mentors"


def test_stylesheet_and_scripts_are_served(client):
    page = soup(client.get(reverse("accounts:sign-in")))
    for url in [page.select_one("link[rel=stylesheet]")["href"], page.select_one("script[type=module]")["src"]]:
        assert client.get(url).status_code == 200
    assert client.get("/static/govuk/govuk-frontend.min.js").status_code == 200
    assert client.get("/static/govuk/assets/images/govuk-crest.svg").status_code == 200


def test_cookies_page_lists_the_cookies_the_service_sets(client, settings):
    table = soup(client.get(reverse("pages:cookies"))).select_one("table.govuk-table")
    rows = [[cell.get_text(strip=True) for cell in row.select("td, th")] for row in table.select("tbody tr")]
    assert [row[0] for row in rows] == [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]
    assert rows[0][2] == "When you sign out, or after 12 hours"


def test_page_not_found_is_a_gov_uk_page(coordinator_client):
    response = coordinator_client.get("/no-such-page/")
    assert response.status_code == 404
    assert heading(response) == "Page not found"


def test_a_stale_form_gets_a_gov_uk_page_not_a_django_one(coordinator):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:sign-in"), {"username": "coordinator@example.com", "password": "x"})
    assert response.status_code == 403
    assert heading(response) == "Sorry, there is a problem with the service"


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    assert "Sorry, there is a problem with the service" in render_to_string("500.html")
