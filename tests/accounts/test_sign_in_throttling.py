"""After 5 failed sign-ins with one email address from one IP address, sign-in is refused for 15 minutes."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from accounts.throttling import client_ip_behind_proxy
from tests.conftest import PASSWORD
from tests.support.html import heading, soup

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
LOCKED_OUT = "You have tried to sign in too many times"


def main_text(response):
    return soup(response).main.get_text(" ", strip=True)


def sign_in(client, email, password="wrong-password", ip="192.0.2.1", path=SIGN_IN, **headers):
    return client.post(path, {"username": email, "password": password}, REMOTE_ADDR=ip, **headers)


def fail(client, email, times, **kwargs):
    return [sign_in(client, email, **kwargs) for _ in range(times)][-1]


def test_the_fifth_failure_locks_sign_in_for_15_minutes(client, coordinator):
    response = fail(client, "coordinator@example.com", 4)
    assert response.status_code == 200
    assert "Enter a correct email address and password" in main_text(response)

    response = sign_in(client, "coordinator@example.com")
    assert response.status_code == 429
    page = soup(response)
    assert page.title.get_text() == f"{LOCKED_OUT} – Manage ITT mentors – GOV.UK"
    assert heading(page) == LOCKED_OUT
    assert "You can try again in 15 minutes." in main_text(response)
    assert page.main.find("a", string="reset your password")["href"] == reverse("accounts:password-reset")
    assert page.select_one("link[rel=stylesheet]")  # the service's layout


def test_while_locked_even_the_right_password_is_refused(client, coordinator):
    fail(client, "coordinator@example.com", 5)
    response = sign_in(client, "coordinator@example.com", PASSWORD)
    assert response.status_code == 429
    assert heading(response) == LOCKED_OUT
    assert client.get(reverse("organisations:start")).url.startswith(SIGN_IN)


def test_an_address_without_an_account_is_locked_out_the_same_way(client, coordinator):
    attempts = {
        email: [sign_in(client, email) for _ in range(6)] for email in ["coordinator@example.com", "nobody@example.com"]
    }
    known, unknown = attempts.values()
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [200, 200, 200, 200, 429, 429]
    for known_response, unknown_response in zip(known, unknown, strict=True):
        assert main_text(known_response).replace("coordinator", "nobody") == main_text(unknown_response)


def turn_attempts_back(minutes):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_after_15_minutes_sign_in_works_again(client, coordinator):
    fail(client, "coordinator@example.com", 5)
    turn_attempts_back(15)
    assert sign_in(client, "coordinator@example.com", PASSWORD).status_code == 302


def test_trying_while_locked_out_starts_the_15_minutes_again(client, coordinator):
    fail(client, "coordinator@example.com", 5)
    turn_attempts_back(14)
    assert sign_in(client, "coordinator@example.com", PASSWORD).status_code == 429
    turn_attempts_back(2)
    assert sign_in(client, "coordinator@example.com", PASSWORD).status_code == 429


def test_signing_in_clears_the_failures(client, coordinator):
    fail(client, "coordinator@example.com", 4)
    assert sign_in(client, "coordinator@example.com", PASSWORD).status_code == 302
    client.post(reverse("accounts:sign-out"))
    assert fail(client, "coordinator@example.com", 4).status_code == 200
    assert sign_in(client, "coordinator@example.com", PASSWORD).status_code == 302


def test_the_same_address_in_another_case_counts_as_the_same(client, coordinator):
    for email in [
        "coordinator@example.com",
        "COORDINATOR@example.com",
        " Coordinator@Example.com ",
        "coordinator@EXAMPLE.COM",
    ]:
        sign_in(client, email)
    assert sign_in(client, "Coordinator@example.com").status_code == 429


def test_a_lockout_is_for_that_address_from_that_ip_address_only(client, coordinator, django_user_model):
    django_user_model.objects.create_user("colleague@example.com", PASSWORD)
    fail(client, "coordinator@example.com", 5, ip="192.0.2.1")
    # An attacker cannot lock someone out from everywhere, nor a whole school behind one IP address.
    assert sign_in(client, "coordinator@example.com", PASSWORD, ip="198.51.100.7").status_code == 302
    client.post(reverse("accounts:sign-out"))
    assert sign_in(client, "colleague@example.com", PASSWORD, ip="192.0.2.1").status_code == 302


def test_a_forged_x_forwarded_for_does_not_escape_a_lockout_without_a_proxy(client, coordinator):
    fail(client, "coordinator@example.com", 5)
    response = sign_in(client, "coordinator@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429


def test_behind_the_proxy_the_client_is_the_address_the_proxy_added():
    factory = RequestFactory()
    forged = factory.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.1")
    assert client_ip_behind_proxy(forged) == "198.51.100.7"
    assert client_ip_behind_proxy(factory.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_choosing_a_new_password_unlocks_sign_in(client, coordinator, django_capture_on_commit_callbacks):
    fail(client, "coordinator@example.com", 5)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": "coordinator@example.com"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "a-brand-new-password-42"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert sign_in(client, "coordinator@example.com", new_password).status_code == 302


def test_admin_sign_in_is_throttled_too(client, admin_user):
    admin_login = reverse("admin:login")
    fail(client, admin_user.email, 5, path=admin_login)
    response = sign_in(client, admin_user.email, "password", path=admin_login)
    assert response.status_code == 429
    assert heading(response) == LOCKED_OUT
