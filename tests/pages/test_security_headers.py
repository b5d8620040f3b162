"""Every kind of response carries the Content Security Policy and the other security headers, and no page has an
inline script or style that the policy would block. Every signed-in response forbids keeping a copy."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from mentors.views.manage import CHANGE_PAGES
from schools.models import Membership
from tests.support.factories import MembershipFactory, MentorFactory
from tests.support.journeys import VALID_PERSONAL_DETAILS, AddMentorJourney

pytestmark = pytest.mark.django_db


def mentor_url(name, mentor, **kwargs):
    return reverse(f"mentors:{name}", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk, **kwargs})


def signed_out_after_inactivity(client, mentor):
    session = client.session
    session["last_active_at"] -= 3 * 60 * 60
    session.save()
    return client.get(mentor_url("detail", mentor), follow=True)


def locked_out(client, mentor):
    for _ in range(5):
        response = client.post(reverse("accounts:sign-in"), {"username": "someone@example.com", "password": "x"})
    return response


def add_mentor_step_with_errors(client, mentor):
    journey = AddMentorJourney(client, mentor.school)
    journey.post("personal-details", VALID_PERSONAL_DETAILS)
    return journey.post("subject", {})


def add_mentor_check_your_answers(client, mentor):
    journey = AddMentorJourney(client, mentor.school)
    journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")
    return journey.get("check-your-answers")


def add_mentor_confirmation(client, mentor):
    journey = AddMentorJourney(client, mentor.school)
    journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")
    response = client.post(journey.url("check-your-answers"), follow=True)
    assert response.redirect_chain[-1][0].endswith("/confirmation/")
    return response


# Each kind of response: who asks (no one signed in, a coordinator, a lead mentor or support staff), and how.
RESPONSES = {
    "content page": ("anonymous", lambda client, mentor: client.get(reverse("pages:accessibility"))),
    "page with a table": ("anonymous", lambda client, mentor: client.get(reverse("pages:cookies"))),
    "sign in": ("anonymous", lambda client, mentor: client.get(reverse("accounts:sign-in"))),
    "sign in with errors": ("anonymous", lambda client, mentor: client.post(reverse("accounts:sign-in"), {})),
    "stale form": (
        "anonymous",
        lambda client, mentor: Client(enforce_csrf_checks=True).post(reverse("accounts:sign-in"), {}),
    ),
    "password reset": ("anonymous", lambda client, mentor: client.get(reverse("accounts:password-reset"))),
    "locked out": ("anonymous", locked_out),
    "redirect to sign in": ("anonymous", lambda client, mentor: client.get(mentor_url("detail", mentor))),
    "signed out after inactivity": ("coordinator", signed_out_after_inactivity),
    "signed out": ("coordinator", lambda client, mentor: client.post(reverse("accounts:sign-out"), follow=True)),
    "choose a school with errors": ("coordinator", lambda client, mentor: client.post(reverse("organisations:change"))),
    "mentor list": (
        "coordinator",
        lambda client, mentor: client.get(reverse("mentors:list", args=[mentor.school.urn])),
    ),
    "mentor list search": (
        "coordinator",
        lambda client, mentor: client.get(reverse("mentors:list", args=[mentor.school.urn]), {"q": "nobody"}),
    ),
    "mentor details": ("coordinator", lambda client, mentor: client.get(mentor_url("detail", mentor))),
    "add mentor step": (
        "coordinator",
        lambda client, mentor: client.get(reverse("mentors:add", args=[mentor.school.urn]), follow=True),
    ),
    "add mentor step with errors": ("coordinator", add_mentor_step_with_errors),
    "add mentor check your answers": ("coordinator", add_mentor_check_your_answers),
    "add mentor confirmation": ("coordinator", add_mentor_confirmation),
    **{
        f"change {page}": (
            "coordinator",
            lambda client, mentor, page=page: client.get(mentor_url("change", mentor, page=page)),
        )
        for page in CHANGE_PAGES
    },
    "remove mentor": ("coordinator", lambda client, mentor: client.get(mentor_url("remove", mentor))),
    "not found": ("coordinator", lambda client, mentor: client.get("/no-such-page/")),
    "forbidden": ("lead mentor", lambda client, mentor: client.get(mentor_url("remove", mentor))),
    "admin index": ("support", lambda client, mentor: client.get(reverse("admin:index"))),
    "admin list": ("support", lambda client, mentor: client.get(reverse("admin:mentors_mentor_changelist"))),
    "admin change form": (
        "support",
        lambda client, mentor: client.get(reverse("admin:mentors_mentor_change", args=[mentor.pk])),
    ),
    "admin sign in": ("anonymous", lambda client, mentor: client.get(reverse("admin:login"))),
}


# Kinds of response after which the person is no longer signed in.
SIGNS_OUT = {"signed out after inactivity", "signed out"}

# Browser features the service has no use for, which its pages turn off.
UNUSED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "hid", "midi"]


@pytest.fixture
def mentor(coordinator, primary_school):
    return MentorFactory(school=primary_school)


@pytest.fixture
def client_for(coordinator, primary_school, admin_user):
    lead_mentor = MembershipFactory(school=primary_school, role=Membership.Role.LEAD_MENTOR).user
    users = {"anonymous": None, "coordinator": coordinator, "lead mentor": lead_mentor, "support": admin_user}

    def make(who):
        client = Client()
        if users[who] is not None:
            client.force_login(users[who])
        return client

    return make


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_carries_the_security_headers(client_for, mentor, kind):
    who, get = RESPONSES[kind]
    response = get(client_for(who), mentor)

    policy = dict(directive.split(" ", 1) for directive in response.headers["Content-Security-Policy"].split("; "))
    # The nonce is there when the page used it (admin pages and redirects have no inline script).
    nonce = re.fullmatch(r"'self'(?: 'nonce-([\w+/=-]+)')?", policy["script-src"]).group(1)
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"

    features = dict(feature.split("=") for feature in response.headers["Permissions-Policy"].split(", "))
    assert all(features[feature] == "()" for feature in UNUSED_FEATURES)
    if who != "anonymous" and kind not in SIGNS_OUT:
        # Pages for someone signed in show personal data: nothing may keep a copy.
        assert "no-store" in response.headers["Cache-Control"].split(", ")

    if response["Content-Type"].startswith("text/html") and response.content:
        assert_nothing_inline_without(nonce, BeautifulSoup(response.content, "html.parser"))


def assert_nothing_inline_without(nonce, page):
    inline = page.select("script:not([src]), style")
    assert all(element.get("nonce") == nonce for element in inline), inline
    assert not page.select("[style]"), page.select("[style]")
    handlers = [
        (element.name, name) for element in page.find_all(True) for name in element.attrs if name.startswith("on")
    ]
    assert not handlers
    assert not page.select("[href^='javascript:' i], [action^='javascript:' i]")


def test_the_layout_has_its_one_inline_script_with_the_nonce(client):
    response = client.get(reverse("accounts:sign-in"))
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    page = BeautifulSoup(response.content, "html.parser")
    assert [script["nonce"] for script in page.select("script:not([src])")] == [nonce]
    # GOV.UK Frontend starts from a module file, not inline code.
    assert [script["src"] for script in page.select("script[type=module]")] == ["/static/js/application.mjs"]


def test_each_response_has_a_new_nonce(client):
    policies = {client.get(reverse("accounts:sign-in")).headers["Content-Security-Policy"] for _ in range(3)}
    assert len(policies) == 3


def test_the_checks_find_inline_code():
    assert_nothing_inline_without("abc", BeautifulSoup('<script nonce="abc">start()</script>', "html.parser"))
    for html in [
        '<script nonce="other">start()</script>',
        "<script>start()</script>",
        "<style>p {}</style>",
        '<p style="color: red">',
        '<button onclick="start()">',
        '<a href="JavaScript:start()">',
    ]:
        with pytest.raises(AssertionError):
            assert_nothing_inline_without("abc", BeautifulSoup(html, "html.parser"))
