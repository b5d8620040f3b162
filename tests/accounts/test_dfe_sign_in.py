"""Signing in with DfE Sign-in (OpenID Connect), against a stand-in provider on localhost (tests/support/
openid_provider.py): who gets in is the service's own decision, every part of the answer is checked, and nothing
DfE Sign-in does wrong is a 500."""

import socket
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.dfe_sign_in import ID_TOKEN
from accounts.dfe_sign_in import _client as service_client
from accounts.middleware import LAST_ACTIVE_AT, SIGNED_IN_AT
from accounts.models import User
from tests.support.factories import MembershipFactory, UserFactory
from tests.support.html import heading, soup, title
from tests.support.openid_provider import CLIENT_ID, configure, query

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
START = reverse("accounts:dfe-sign-in")
CALLBACK = reverse("accounts:dfe-sign-in-callback")
NO_ACCESS = reverse("accounts:dfe-sign-in-no-access")
SUBJECT = "dfe-sign-in-subject-1"


def signed_in_user(client):
    session = client.session
    return User.objects.get(pk=session[SESSION_KEY]) if SESSION_KEY in session else None


def paragraphs(response):
    return [p.get_text(" ", strip=True) for p in soup(response).select("main p")]


@pytest.fixture
def known(coordinator):
    """The coordinator, who has signed in with DfE Sign-in before (under another email address there)."""
    coordinator.dfe_sign_in_subject = SUBJECT
    coordinator.save()
    return coordinator


class TestWithoutTheSettings:
    def test_the_sign_in_page_offers_only_email_and_password(self, client):
        page = soup(client.get(SIGN_IN))
        assert "DfE Sign-in" not in page.main.get_text()
        assert page.select_one("#id_username") is not None

    @pytest.mark.parametrize("url", [START, CALLBACK, NO_ACCESS])
    def test_its_pages_are_not_found(self, client, coordinator, url):
        assert client.get(url).status_code == 404
        client.force_login(coordinator)
        assert client.get(url).status_code == 404


class TestTheSignInPage:
    def test_offers_dfe_sign_in_beside_email_and_password(self, client, dfe_sign_in):
        page = soup(client.get(SIGN_IN))
        button = page.select_one("main a.govuk-button")
        assert button.get_text(strip=True) == "Sign in with DfE Sign-in"
        assert button["href"] == START
        assert [h.get_text(strip=True) for h in page.select("main h2")] == [
            "Sign in with your email address and password"
        ]
        assert page.select_one("#id_username") is not None
        assert page.find("a", string="I have forgotten my password") is not None

    def test_passes_on_the_page_asked_for(self, client, dfe_sign_in):
        button = soup(client.get(SIGN_IN, {"next": "/schools/"})).select_one("main a.govuk-button")
        assert button["href"] == f"{START}?next=%2Fschools%2F"
        button = soup(client.get(SIGN_IN, {"next": "https://elsewhere.example/"})).select_one("main a.govuk-button")
        assert button["href"] == START

    def test_with_dfe_sign_in_only_offers_nothing_else(self, client, coordinator, dfe_sign_in, settings):
        settings.DFE_SIGN_IN_ONLY = True
        response = client.get(SIGN_IN)
        page = soup(response)
        assert heading(response) == "Sign in to Manage ITT mentors"
        assert [a.get_text(strip=True) for a in page.select("main a.govuk-button")] == ["Sign in with DfE Sign-in"]
        assert page.select("main form") == []
        assert "password" not in page.main.get_text().lower()

    def test_with_dfe_sign_in_only_a_password_posted_signs_nobody_in(self, client, coordinator, dfe_sign_in, settings):
        settings.DFE_SIGN_IN_ONLY = True
        response = client.post(SIGN_IN, {"username": coordinator.email, "password": "a-long-test-password"})
        assert response.status_code == 302
        assert response.url == SIGN_IN
        assert signed_in_user(client) is None
        assert not AccessAttempt.objects.exists()

    @pytest.mark.parametrize(
        "name", ["password-reset", "password-reset-sent", "password-reset-complete", "password-reset-confirm"]
    )
    def test_with_dfe_sign_in_only_passwords_cannot_be_reset(self, client, dfe_sign_in, settings, name):
        kwargs = {"uidb64": "MQ", "token": "set-password"} if name == "password-reset-confirm" else {}
        url = reverse(f"accounts:{name}", kwargs=kwargs)
        assert client.get(url).status_code in (200, 302)
        settings.DFE_SIGN_IN_ONLY = True
        assert client.get(url).status_code == 404
        assert client.post(url, {"email": "coordinator@example.com"}).status_code == 404

    def test_with_dfe_sign_in_only_password_backends_are_not_used(self, coordinator, dfe_sign_in, settings):
        """As production's settings have it (tests/config checks they do): admin's sign-in takes no password."""
        settings.DFE_SIGN_IN_ONLY = True
        settings.AUTHENTICATION_BACKENDS = [
            "axes.backends.AxesStandaloneBackend",
            "accounts.backends.DfESignInBackend",
        ]
        coordinator.is_staff = True
        coordinator.save()
        response = Client().post(
            reverse("admin:login"), {"username": coordinator.email, "password": "a-long-test-password"}
        )
        assert response.status_code == 200  # the form again, with its error
        assert "Please enter the correct email address and password" in response.content.decode()


class TestTheAuthorisationRequest:
    def test_is_the_code_flow_with_pkce_state_and_nonce(self, client, dfe_sign_in):
        response = client.get(START)
        assert response.status_code == 302
        assert response.url.startswith(dfe_sign_in.url("authorize") + "?")
        params = query(response.url)
        assert params.keys() == {
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
        }
        assert params["response_type"] == "code"
        assert params["client_id"] == CLIENT_ID
        assert params["redirect_uri"] == "http://testserver/dfe-sign-in/callback/"
        assert params["scope"] == "openid email profile"
        assert params["code_challenge_method"] == "S256"
        assert len(params["state"]) >= 20 and len(params["nonce"]) >= 20
        # Each sign-in has its own.
        again = query(client.get(START).url)
        assert {again[name] for name in ("state", "nonce", "code_challenge")}.isdisjoint(params.values())

    def test_discovery_is_asked_once(self, client, dfe_sign_in):
        client.get(START)
        Client().get(START)
        assert len(dfe_sign_in.requests_to("discovery")) == 1

    def test_someone_signed_in_already_is_taken_to_the_service(self, client, coordinator, dfe_sign_in):
        client.force_login(coordinator)
        for url in (START, CALLBACK, NO_ACCESS):
            response = client.get(url)
            assert (response.status_code, response.url) == (302, reverse("organisations:start"))
        assert dfe_sign_in.requests_to("discovery") == []

    def test_only_get_is_answered(self, client, dfe_sign_in):
        assert client.post(START).status_code == 405
        assert client.post(CALLBACK).status_code == 405


class TestSigningIn:
    def test_a_known_user_is_signed_in_by_their_subject_as_with_a_password(self, client, known, dfe_sign_in):
        dfe_sign_in.person = {"sub": SUBJECT, "email": "c.ordinator@another.example", "email_verified": True}
        before = time.time()
        response = dfe_sign_in.sign_in(client)
        assert (response.status_code, response.url) == (302, reverse("organisations:start"))
        assert signed_in_user(client) == known
        session = client.session
        assert session[BACKEND_SESSION_KEY] == "accounts.backends.DfESignInBackend"
        # The same session clocks as a password sign-in starts.
        assert session[SIGNED_IN_AT] == session[LAST_ACTIVE_AT] >= int(before)
        known.refresh_from_db()
        assert known.last_login is not None
        assert known.email == "coordinator@example.com"  # the service's records are not changed by DfE Sign-in
        # django-axes, which throttles passwords, has no part in it.
        assert not AccessAttempt.objects.exists()
        follow = client.get(response.url, follow=True)
        assert follow.status_code == 200

    def test_the_session_key_changes(self, client, known, dfe_sign_in):
        client.get(SIGN_IN)
        client.session.save()
        before = client.session.session_key
        dfe_sign_in.sign_in(client)
        assert client.session.session_key != before

    def test_first_sign_in_by_verified_email_address_keeps_the_subject(self, client, coordinator, dfe_sign_in):
        dfe_sign_in.person = {"sub": "new-subject", "email": "Coordinator@Example.COM", "email_verified": True}
        response = dfe_sign_in.sign_in(client)
        assert response.url == reverse("organisations:start")
        assert signed_in_user(client) == coordinator
        coordinator.refresh_from_db()
        assert coordinator.dfe_sign_in_subject == "new-subject"
        # Next time, by the subject, whatever the address.
        dfe_sign_in.person = {"sub": "new-subject", "email": "changed@example.com", "email_verified": False}
        assert signed_in_user(client) == coordinator
        other = Client()
        dfe_sign_in.sign_in(other)
        assert signed_in_user(other) == coordinator

    def test_lands_on_the_page_asked_for_before_signing_in(self, client, coordinator, dfe_sign_in, primary_school):
        mentors = reverse("mentors:list", kwargs={"urn": primary_school.urn})
        response = dfe_sign_in.sign_in(client, start=f"{START}?next={mentors}")
        assert response.url == mentors

    def test_a_page_elsewhere_is_not_where_it_lands(self, client, coordinator, dfe_sign_in):
        response = dfe_sign_in.sign_in(client, start=f"{START}?next=https://elsewhere.example/")
        assert response.url == reverse("organisations:start")

    def test_session_timeouts_apply_as_to_any_session(self, client, known, dfe_sign_in, settings):
        dfe_sign_in.sign_in(client)
        session = client.session
        session[LAST_ACTIVE_AT] -= settings.SESSION_IDLE_TIMEOUT
        session.save()
        response = client.get(reverse("organisations:start"))
        assert response.url.startswith(reverse("accounts:signed-out-automatically", kwargs={"reason": "inactive"}))
        assert signed_in_user(client) is None


class TestNoAccess:
    @pytest.mark.parametrize(
        "person",
        [
            {"sub": "someone", "email": "nobody@example.com", "email_verified": True},
            {"sub": "someone", "email": "coordinator@example.com", "email_verified": False},
            {"sub": "someone", "email": "coordinator@example.com", "email_verified": "true"},
            {"sub": "someone", "email": "coordinator@example.com"},
            {"sub": "someone"},
        ],
        ids=["unknown address", "address not verified", "verified as a string", "no verification", "no address"],
    )
    def test_anyone_the_service_does_not_know_is_told_how_to_ask_for_access(
        self, client, coordinator, dfe_sign_in, person
    ):
        users = list(User.objects.values_list("pk", "email", "dfe_sign_in_subject"))
        dfe_sign_in.person = person
        response = dfe_sign_in.sign_in(client)
        assert (response.status_code, response.url) == (302, NO_ACCESS)
        assert signed_in_user(client) is None
        # No account made, none given the subject.
        assert list(User.objects.values_list("pk", "email", "dfe_sign_in_subject")) == users

        page = client.get(NO_ACCESS)
        assert page.status_code == 403
        assert heading(page) == "You do not have access to this service"
        assert title(page) == "You do not have access to this service – Manage ITT mentors – GOV.UK"
        text = " ".join(paragraphs(page))
        assert "To ask for access, email manage-itt-mentors@education.gov.uk" in text
        assert soup(page).select_one("main a[href='mailto:manage-itt-mentors@education.gov.uk']") is not None
        if "email" in person:
            assert f"You signed in to DfE Sign-in as {person['email']}." in text

    def test_an_address_whose_user_has_another_subject_is_not_matched(self, client, known, dfe_sign_in):
        dfe_sign_in.person = {"sub": "another-subject", "email": known.email, "email_verified": True}
        assert dfe_sign_in.sign_in(client).url == NO_ACCESS
        known.refresh_from_db()
        assert known.dfe_sign_in_subject == SUBJECT

    @pytest.mark.parametrize("by", ["subject", "email address"])
    def test_a_deactivated_user_has_no_access(self, client, known, dfe_sign_in, by):
        known.is_active = False
        if by == "email address":
            known.dfe_sign_in_subject = None
        known.save()
        dfe_sign_in.person = {"sub": SUBJECT, "email": known.email, "email_verified": True}
        assert dfe_sign_in.sign_in(client).url == NO_ACCESS
        known.refresh_from_db()
        assert known.dfe_sign_in_subject == (SUBJECT if by == "subject" else None)

    def test_the_page_on_its_own_says_the_same_without_an_address(self, client, dfe_sign_in):
        page = client.get(NO_ACCESS)
        assert heading(page) == "You do not have access to this service"
        assert "You signed in" not in " ".join(paragraphs(page))


def assert_not_signed_in(response, client):
    assert response.status_code == 400
    assert heading(response) == "You have not been signed in"
    assert soup(response).find("a", string="Sign in again")["href"] == SIGN_IN
    assert signed_in_user(client) is None


class TestAnAnswerThatCannotBeTrusted:
    @pytest.mark.parametrize(
        "change",
        [
            {"tamper": True},
            {"id_token_claims": {"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}},
            {"id_token_claims": {"nonce": "not-the-nonce-sent"}},
            {"id_token_claims": {"aud": "another-service", "azp": CLIENT_ID}},
            {"id_token_claims": {"iss": "https://elsewhere.example"}},
        ],
        ids=["tampered token", "expired token", "wrong nonce", "another service's token", "another issuer"],
    )
    def test_a_token_that_is_not_right_signs_nobody_in(self, client, known, dfe_sign_in, change, caplog):
        for name, value in change.items():
            setattr(dfe_sign_in, name, value)
        assert_not_signed_in(dfe_sign_in.sign_in(client), client)
        assert "A sign-in with DfE Sign-in was refused" in caplog.text

    def test_a_wrong_state_signs_nobody_in_and_asks_for_no_token(self, client, known, dfe_sign_in):
        callback = dfe_sign_in.authorize(client.get(START).url)
        state = query(callback)["state"]
        assert_not_signed_in(client.get(callback.replace(f"state={state}", "state=forged")), client)
        assert dfe_sign_in.requests_to("token") == []

    def test_an_answer_for_another_browser_signs_nobody_in(self, known, dfe_sign_in):
        """Login CSRF: someone's callback address, opened in another browser, has no state there."""
        callback = dfe_sign_in.authorize(Client().get(START).url)
        victim = Client()
        assert_not_signed_in(victim.get(callback), victim)

    def test_an_answer_is_used_once(self, client, known, dfe_sign_in):
        callback = dfe_sign_in.authorize(client.get(START).url)
        assert client.get(callback).status_code == 302
        client.post(reverse("accounts:sign-out"))
        assert_not_signed_in(client.get(callback), client)

    def test_signing_in_cancelled_at_dfe_sign_in(self, client, dfe_sign_in):
        state = query(client.get(START).url)["state"]
        response = client.get(CALLBACK, {"error": "access_denied", "state": state})
        assert_not_signed_in(response, client)

    @hypothesis_settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        params=st.dictionaries(
            st.sampled_from(["code", "state", "error", "error_description", "session_state", "iss"]),
            st.text(max_size=300),
        )
    )
    def test_whatever_comes_back_is_never_a_500(self, dfe_sign_in, params):
        client = Client()
        client.get(START)
        response = client.get(CALLBACK, params)
        assert response.status_code == 400
        assert signed_in_user(client) is None


class TestKeys:
    def test_are_fetched_once_and_again_when_a_token_names_a_new_key(self, known, dfe_sign_in):
        first = Client()
        dfe_sign_in.sign_in(first)
        assert signed_in_user(first) == known
        assert len(dfe_sign_in.requests_to("jwks")) == 1
        dfe_sign_in.sign_in(Client())
        assert len(dfe_sign_in.requests_to("jwks")) == 1  # kept

        dfe_sign_in.rotate_key()
        after_rotation = Client()
        dfe_sign_in.sign_in(after_rotation)
        assert signed_in_user(after_rotation) == known
        assert len(dfe_sign_in.requests_to("jwks")) == 2
        assert len(dfe_sign_in.requests_to("discovery")) == 1


class TestDfESignInUnavailable:
    def assert_unavailable(self, response, client):
        assert response.status_code == 503
        assert heading(response) == "Sorry, you cannot sign in at the moment"
        assert "DfE Sign-in is not working at the moment. Try again later." in paragraphs(response)
        assert signed_in_user(client) is None

    def test_no_answer_at_all(self, client, settings, caplog):
        with socket.socket() as unused:
            unused.bind(("127.0.0.1", 0))
            port = unused.getsockname()[1]
        configure(settings, f"http://127.0.0.1:{port}")
        self.assert_unavailable(client.get(START), client)
        assert "DfE Sign-in is unavailable" in caplog.text

    def test_no_answer_in_time(self, client, settings):
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen()  # accepts connections, never answers
            configure(settings, f"http://127.0.0.1:{silent.getsockname()[1]}")
            settings.DFE_SIGN_IN_TIMEOUT = 0.5
            started = time.monotonic()
            self.assert_unavailable(client.get(START), client)
        assert time.monotonic() - started < 5

    @pytest.mark.parametrize("endpoint", ["discovery", "token", "jwks"])
    def test_an_endpoint_failing(self, client, known, dfe_sign_in, endpoint):
        if endpoint == "discovery":
            dfe_sign_in.failing[endpoint] = 503
            self.assert_unavailable(client.get(START), client)
            return
        callback = dfe_sign_in.authorize(client.get(START).url)
        dfe_sign_in.failing[endpoint] = 502
        self.assert_unavailable(client.get(callback), client)


class TestSigningOut:
    def test_ends_the_session_here_and_at_dfe_sign_in(self, client, known, dfe_sign_in):
        dfe_sign_in.sign_in(client)
        id_token = client.session[ID_TOKEN]
        response = client.post(reverse("accounts:sign-out"))
        assert signed_in_user(client) is None
        assert response.status_code == 302
        assert response.url.startswith(dfe_sign_in.url("end_session") + "?")
        params = query(response.url)
        assert params["id_token_hint"] == id_token
        assert params["post_logout_redirect_uri"] == "http://testserver/signed-out/"
        # DfE Sign-in sends the browser back to the signed-out page.
        back = dfe_sign_in.authorize(response.url)
        assert back.startswith("http://testserver/signed-out/?")
        assert heading(client.get(back)) == "You have signed out"
        assert client.get(reverse("organisations:start")).url.startswith(SIGN_IN)

    def test_someone_who_signed_in_with_a_password_only_signs_out_here(self, coordinator_client, dfe_sign_in):
        response = coordinator_client.post(reverse("accounts:sign-out"))
        assert response.url == reverse("accounts:signed-out")
        assert dfe_sign_in.requests_to("discovery") == []

    def test_dfe_sign_in_unavailable_still_signs_out_here(self, client, known, dfe_sign_in, caplog):
        dfe_sign_in.sign_in(client)
        service_client.cache_clear()  # as a new process would be, without discovery
        dfe_sign_in.failing["discovery"] = 503
        response = client.post(reverse("accounts:sign-out"))
        assert response.url == reverse("accounts:signed-out")
        assert signed_in_user(client) is None
        assert "Could not sign out of DfE Sign-in" in caplog.text


class TestMatchingRules:
    """accounts.services.user_for_dfe_sign_in, case by case."""

    @pytest.mark.parametrize(
        "user, claims, matched, subject_kept",
        [
            ({"dfe_sign_in_subject": "s1"}, ("s1", "other@example.com", False), True, "s1"),
            ({}, ("s1", "amira@example.com", True), True, "s1"),
            ({}, ("s1", "  AMIRA@example.com ", True), True, "s1"),
            ({}, ("s1", "amira@example.com", False), False, None),
            ({}, ("s1", "amira@example.com", None), False, None),
            ({}, ("s1", "amira@example.com", "true"), False, None),
            ({}, ("s1", "", True), False, None),
            ({}, ("s1", "amira@example.co", True), False, None),
            ({"dfe_sign_in_subject": "s2"}, ("s1", "amira@example.com", True), False, "s2"),
            ({"is_active": False}, ("s1", "amira@example.com", True), False, None),
            ({"is_active": False, "dfe_sign_in_subject": "s1"}, ("s1", "amira@example.com", True), False, "s1"),
        ],
        ids=[
            "by subject",
            "by verified address",
            "by address in another case",
            "address not verified",
            "verification not said",
            "verified as a string",
            "no address",
            "another address",
            "the address's user has another subject",
            "deactivated, by address",
            "deactivated, by subject",
        ],
    )
    def test_who_is_matched(self, user, claims, matched, subject_kept):
        from accounts.services import user_for_dfe_sign_in

        amira = UserFactory(email="amira@example.com", **user)
        MembershipFactory(user=amira)
        subject, email, verified = claims
        found = user_for_dfe_sign_in(subject=subject, email=email, email_verified=verified)
        assert found == (amira if matched else None)
        amira.refresh_from_db()
        assert amira.dfe_sign_in_subject == subject_kept
        assert User.objects.count() == 1
