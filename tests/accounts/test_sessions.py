"""Signed-in sessions end after 2 hours without a request and 12 hours after signing in, and say so."""

from urllib.parse import urlencode

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import LAST_ACTIVE_AT, SIGNED_IN_AT
from tests.conftest import PASSWORD
from tests.support.html import heading, soup

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
INACTIVE_PAGE = reverse("accounts:signed-out-automatically", kwargs={"reason": "inactive"})
TIME_LIMIT_PAGE = reverse("accounts:signed-out-automatically", kwargs={"reason": "time-limit"})


def paragraphs(response):
    return [p.get_text(" ", strip=True) for p in soup(response).select("main p")]


@pytest.fixture
def mentors_url(primary_school):
    return reverse("mentors:list", kwargs={"urn": primary_school.urn})


def turn_clocks_back(client, *, signed_in=0, last_active=0):
    """As if the person signed in and last did something this many seconds earlier than they did."""
    session = client.session
    session[SIGNED_IN_AT] -= signed_in
    session[LAST_ACTIVE_AT] -= last_active
    session.save()


def test_timeouts_are_2_hours_without_a_request_and_12_hours_in_all(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 60 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT


def test_signing_in_starts_both_clocks(client, coordinator):
    client.post(SIGN_IN, {"username": "coordinator@example.com", "password": PASSWORD})
    session = client.session
    assert session[SIGNED_IN_AT] == session[LAST_ACTIVE_AT]
    assert client.cookies["sessionid"]["max-age"] == 12 * 60 * 60


def test_a_session_idle_for_just_under_2_hours_goes_on(coordinator_client, mentors_url):
    turn_clocks_back(coordinator_client, signed_in=2 * 60 * 60 - 5, last_active=2 * 60 * 60 - 5)
    assert coordinator_client.get(mentors_url).status_code == 200


def test_after_2_hours_without_a_request_the_next_one_says_you_were_signed_out(coordinator_client, mentors_url):
    old_key = coordinator_client.session.session_key
    turn_clocks_back(coordinator_client, signed_in=2 * 60 * 60, last_active=2 * 60 * 60)

    response = coordinator_client.get(mentors_url, {"q": "smith"})
    assert response.status_code == 302
    next_page = urlencode({"next": f"{mentors_url}?q=smith"})
    assert response.url == f"{INACTIVE_PAGE}?{next_page}"

    page = coordinator_client.get(response.url)
    assert page.status_code == 200
    assert soup(page).title.get_text() == "You have been signed out – Manage ITT mentors – GOV.UK"
    assert heading(page) == "You have been signed out"
    assert paragraphs(page)[0] == (
        "You were signed out because you had not done anything for 2 hours. "
        "We did this to keep your information secure."
    )
    button = soup(page).select_one("main a.govuk-button")
    assert button.get_text(strip=True) == "Sign in"
    assert button["href"] == f"{SIGN_IN}?{next_page}"

    assert not Session.objects.filter(session_key=old_key).exists()
    assert coordinator_client.get(mentors_url).url.startswith(SIGN_IN)


def test_after_12_hours_signed_in_even_an_active_session_ends(coordinator_client, mentors_url):
    turn_clocks_back(coordinator_client, signed_in=12 * 60 * 60)
    response = coordinator_client.get(mentors_url, follow=True)
    assert response.redirect_chain[0][0].startswith(TIME_LIMIT_PAGE + "?next=")
    assert heading(response) == "You have been signed out"
    assert paragraphs(response)[0] == (
        "You were signed out because you had been signed in for 12 hours. We did this to keep your information secure."
    )
    assert coordinator_client.get(mentors_url).url.startswith(SIGN_IN)


def test_just_under_12_hours_an_active_session_goes_on(coordinator_client, mentors_url):
    turn_clocks_back(coordinator_client, signed_in=12 * 60 * 60 - 5)
    assert coordinator_client.get(mentors_url).status_code == 200


def test_signing_in_from_the_page_goes_back_to_where_you_were(coordinator_client, mentors_url):
    turn_clocks_back(coordinator_client, last_active=3 * 60 * 60)
    page = coordinator_client.get(mentors_url, follow=True)
    sign_in_url = soup(page).select_one("main a.govuk-button")["href"]
    response = coordinator_client.post(sign_in_url, {"username": "coordinator@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == mentors_url


def test_a_form_posted_after_the_timeout_is_not_sent_again(coordinator_client, primary_school):
    turn_clocks_back(coordinator_client, last_active=2 * 60 * 60)
    response = coordinator_client.post(reverse("organisations:change"), {"school": primary_school.urn})
    assert response.status_code == 302
    assert response.url == INACTIVE_PAGE


def test_a_session_without_its_times_has_ended(coordinator_client, mentors_url):
    session = coordinator_client.session
    del session[SIGNED_IN_AT], session[LAST_ACTIVE_AT]
    session.save()
    assert coordinator_client.get(mentors_url).url.startswith(INACTIVE_PAGE)


def test_activity_is_saved_at_most_once_a_minute(coordinator_client):
    """Saving the session on every request would be a database write on every page."""
    page = reverse("pages:accessibility")  # a page that changes nothing else in the session
    last_active_at = coordinator_client.session[LAST_ACTIVE_AT]
    with CaptureQueriesContext(connection) as queries:
        response = coordinator_client.get(page)
    assert "sessionid" not in response.cookies
    assert not [query for query in queries if "django_session" in query["sql"] and "UPDATE" in query["sql"]]
    assert coordinator_client.session[LAST_ACTIVE_AT] == last_active_at

    turn_clocks_back(coordinator_client, last_active=60)
    response = coordinator_client.get(page)
    assert "sessionid" in response.cookies
    assert coordinator_client.session[LAST_ACTIVE_AT] >= last_active_at


def test_the_sign_in_link_keeps_only_a_safe_next_page(client):
    for unsafe in ["https://evil.example/", "//evil.example/"]:
        page = client.get(INACTIVE_PAGE, {"next": unsafe})
        assert soup(page).select_one("main a.govuk-button")["href"] == SIGN_IN
    page = client.get(INACTIVE_PAGE)
    assert soup(page).select_one("main a.govuk-button")["href"] == SIGN_IN


def test_the_page_does_not_tell_a_signed_in_person_they_are_signed_out(coordinator_client):
    response = coordinator_client.get(TIME_LIMIT_PAGE)
    assert response.status_code == 302
    assert response.url == reverse("organisations:start")


def test_the_page_is_only_for_reading(client):
    assert client.post(INACTIVE_PAGE).status_code == 405


def test_an_unknown_reason_is_not_found(client):
    assert client.get(reverse("accounts:signed-out-automatically", kwargs={"reason": "other"})).status_code == 404


def test_signing_in_rotates_the_session_key(client, coordinator, primary_school):
    # A session someone else could know before sign-in, such as one an attacker planted.
    before = client.session.session_key
    assert client.cookies["sessionid"].value == before
    response = client.post(SIGN_IN, {"username": "coordinator@example.com", "password": PASSWORD})
    after = response.cookies["sessionid"].value
    assert after and after != before
    assert client.get(reverse("organisations:start")).url == reverse("schools:home", kwargs={"urn": primary_school.urn})

    old = Client()
    old.cookies["sessionid"] = before
    assert old.get(reverse("organisations:start")).url.startswith(SIGN_IN)


def test_session_and_csrf_cookies_are_http_only_and_same_site_lax(client, coordinator):
    csrf_cookie = client.get(SIGN_IN).cookies["csrftoken"]
    response = client.post(SIGN_IN, {"username": "coordinator@example.com", "password": PASSWORD})
    session_cookie = response.cookies["sessionid"]
    for cookie in (session_cookie, csrf_cookie):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
