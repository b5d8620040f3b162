import re

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.urls import reverse

from accounts.forms import NEW_PASSWORD_ERRORS
from tests.conftest import PASSWORD
from tests.support.html import error_summary, heading, soup

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


def test_sign_in_page(client):
    page = soup(client.get(SIGN_IN))
    assert heading(page) == "Sign in to Manage ITT mentors"
    assert page.title.get_text() == "Sign in to Manage ITT mentors – Manage ITT mentors – GOV.UK"
    assert page.select_one("label[for=id_username]").get_text(strip=True) == "Email address"
    assert page.select_one("label[for=id_password]").get_text(strip=True) == "Password"
    assert page.select_one("form")["novalidate"] is not None


def test_signing_in_opens_the_users_school(client, coordinator, primary_school):
    response = client.post(SIGN_IN, {"username": "coordinator@example.com", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mentors:list", kwargs={"urn": primary_school.urn})
    assert soup(response).select_one(".govuk-caption-l").get_text(strip=True) == primary_school.name


def test_email_address_is_not_case_sensitive(client, coordinator):
    response = client.post(SIGN_IN, {"username": "  Coordinator@Example.COM ", "password": PASSWORD})
    assert response.status_code == 302


def test_empty_form(client):
    response = client.post(SIGN_IN, {})
    assert soup(response).title.get_text().startswith("Error: Sign in")
    assert error_summary(response) == ["Enter your email address", "Enter your password"]
    assert soup(response).select_one(".govuk-error-summary__list a")["href"] == "#id_username"


def test_email_address_in_the_wrong_format(client):
    response = client.post(SIGN_IN, {"username": "not-an-email", "password": "x"})
    assert error_summary(response) == ["Enter an email address in the correct format, like name@example.com"]


@pytest.mark.parametrize(
    "email, password",
    [("coordinator@example.com", "wrong-password"), ("nobody@example.com", PASSWORD)],
    ids=["wrong password", "no such account"],
)
def test_wrong_details_never_reveal_whether_an_account_exists(client, coordinator, email, password):
    response = client.post(SIGN_IN, {"username": email, "password": password})
    assert error_summary(response) == ["Enter a correct email address and password"]
    assert soup(response).select_one("#id_username")["value"] == email


def test_wrong_details_are_shown_at_the_email_address_where_the_summary_leads(client, coordinator):
    page = soup(client.post(SIGN_IN, {"username": "coordinator@example.com", "password": "wrong"}))
    assert page.select_one(".govuk-error-summary__list a")["href"] == "#id_username"
    username = page.select_one("#id_username")
    assert "govuk-input--error" in username["class"]
    message = username.find_parent(class_="govuk-form-group").select_one(".govuk-error-message")
    assert message.get_text(" ", strip=True) == "Error: Enter a correct email address and password"
    assert message["id"] in username["aria-describedby"].split()


def main_without_csrf_token(response):
    main = soup(response).main
    for token in main.select("input[name=csrfmiddlewaretoken]"):
        token.decompose()
    return str(main)


def test_a_wrong_password_and_an_unknown_address_get_the_same_page(client, coordinator):
    wrong_password = client.post(SIGN_IN, {"username": "coordinator@example.com", "password": "wrong-password"})
    no_account = client.post(SIGN_IN, {"username": "someone@example.com", "password": "wrong-password"})
    assert wrong_password.status_code == no_account.status_code == 200
    assert main_without_csrf_token(wrong_password).replace("coordinator@", "someone@") == main_without_csrf_token(
        no_account
    )


def test_an_inactive_account_cannot_sign_in(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    response = client.post(SIGN_IN, {"username": "coordinator@example.com", "password": PASSWORD})
    assert error_summary(response) == ["Enter a correct email address and password"]


def test_sign_out_is_a_post(coordinator_client):
    assert coordinator_client.get(reverse("accounts:sign-out")).status_code == 405
    response = coordinator_client.post(reverse("accounts:sign-out"), follow=True)
    assert heading(response) == "You have signed out"
    assert coordinator_client.get("/").status_code == 302
    assert coordinator_client.get("/").url.startswith(SIGN_IN)


def test_signed_in_pages_offer_sign_out(coordinator_client, primary_school):
    page = soup(coordinator_client.get(reverse("mentors:list", kwargs={"urn": primary_school.urn})))
    # The last item of the navigation list: a form may not sit in the span the component wraps an item's html in.
    form = page.select_one(".govuk-service-navigation__list > li.govuk-service-navigation__item:last-child > form")
    assert form["action"] == reverse("accounts:sign-out")
    assert form["method"] == "post"
    assert form.button.get_text(strip=True) == "Sign out"


class TestPasswordReset:
    def test_sends_a_link_that_sets_a_new_password(self, client, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:password-reset"), {"email": "coordinator@example.com"}, follow=True
            )
        assert heading(response) == "Check your email"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["coordinator@example.com"]
        assert mail.outbox[0].subject == "Reset your password for Manage ITT mentors"
        link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)

        form_page = client.get(link, follow=True)
        assert heading(form_page) == "Choose a new password"
        new_password = "a-brand-new-password-42"
        done = client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": new_password, "new_password2": new_password},
            follow=True,
        )
        assert "Your password has been changed" in soup(done).get_text()
        coordinator.refresh_from_db()
        assert coordinator.check_password(new_password)

    def test_an_unknown_email_address_gets_the_same_page_and_no_email(self, client):
        response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.com"}, follow=True)
        assert heading(response) == "Check your email"
        assert mail.outbox == []

    def test_answers_the_same_with_or_without_an_account(self, client, coordinator):
        known, unknown = (
            client.post(reverse("accounts:password-reset"), {"email": email}, follow=True)
            for email in ["coordinator@example.com", "someone@example.com"]
        )
        assert known.redirect_chain == unknown.redirect_chain == [(reverse("accounts:password-reset-sent"), 302)]
        assert main_without_csrf_token(known) == main_without_csrf_token(unknown)

    def test_errors(self, client):
        response = client.post(reverse("accounts:password-reset"), {"email": ""})
        assert error_summary(response) == ["Enter your email address"]
        response = client.post(reverse("accounts:password-reset"), {"email": "nope"})
        assert error_summary(response) == ["Enter an email address in the correct format, like name@example.com"]

    def test_new_passwords_must_match(self, client, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:password-reset"), {"email": "coordinator@example.com"})
        link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
        form_url = client.get(link, follow=True).redirect_chain[-1][0]
        response = client.post(form_url, {"new_password1": "a-brand-new-password-42", "new_password2": "other"})
        assert error_summary(response) == ["Enter the same password in both fields"]
        response = client.post(form_url, {})
        assert error_summary(response) == ["Enter a new password", "Confirm your new password"]

    @pytest.fixture
    def set_password_url(self, client, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:password-reset"), {"email": "coordinator@example.com"})
        link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
        return client.get(link, follow=True).redirect_chain[-1][0]

    def test_the_new_password_hint_says_what_a_password_needs_in_plain_words(self, client, set_password_url):
        page = soup(client.get(set_password_url))
        assert page.select_one("#id_new_password1_hint").get_text(strip=True) == (
            "Your password must be at least 8 characters. Do not use only numbers, a commonly used password, or your "
            "name or email address."
        )
        assert not page.select("main ul, main li")  # not Django's bulleted list
        assert not page.select("#id_new_password2_hint")

    @pytest.mark.parametrize(
        "password, error",
        [
            ("a1b2c3d", "New password must be 8 characters or more"),
            ("5829301746", "New password must not be only numbers"),
            ("password1", "New password must not be a commonly used password"),
            ("coordinator1", "New password must not be like your name or email address"),
        ],
    )
    def test_a_password_the_validators_refuse_is_shown_against_the_new_password(
        self, client, set_password_url, password, error
    ):
        response = client.post(set_password_url, {"new_password1": password, "new_password2": password})
        assert error_summary(response) == [error]
        page = soup(response)
        assert page.select_one(".govuk-error-summary__list a")["href"] == "#id_new_password1"
        field_error = page.select_one("#div_id_new_password1 .govuk-error-message")
        assert field_error.get_text(" ", strip=True) == f"Error: {error}"
        assert not page.select("#div_id_new_password2 .govuk-error-message")

    def test_each_password_validator_has_its_words(self):
        """A validator added to settings needs an error of its own in NEW_PASSWORD_ERRORS, and a case above."""
        assert len(password_validation.get_default_password_validators()) == len(NEW_PASSWORD_ERRORS)

    def test_a_used_or_broken_link_says_it_has_expired(self, client):
        response = client.get("/password-reset/MQ/set-password/", follow=True)
        assert heading(response) == "The link has expired"
