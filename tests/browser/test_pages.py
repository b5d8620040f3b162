"""Every page and page state, in a real browser: screenshotted, and checked against WCAG 2.2 AA."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail

from accounts.middleware import LAST_ACTIVE_AT, SIGNED_IN_AT
from mentors.views.manage import CHANGE_PAGES
from schools.models import Membership
from tests.support.browser import coordinator_of, fill_personal_details
from tests.support.factories import MembershipFactory, MentorFactory, SchoolFactory


@pytest.fixture
def school(browser_db):
    return SchoolFactory(name="Oakwood Academy", secondary=True, urn=999002)


@pytest.fixture
def coordinator(school):
    return coordinator_of(school, SchoolFactory(name="Brookfield Primary School", urn=999001))


def test_public_pages(new_page, check, coordinator):
    page = new_page()
    for path, name in [
        ("/sign-in/", "sign-in"),
        ("/accessibility/", "accessibility"),
        ("/cookies/", "cookies"),
        ("/privacy/", "privacy"),
        ("/password-reset/", "password-reset"),
    ]:
        page.goto(path)
        check(page, name)
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    check(page, "sign-in-errors")
    page.get_by_label("Email address").fill("coordinator@example.com")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Which organisation are you working in?").wait_for()
    check(page, "change-organisation")
    page.get_by_role("button", name="Continue").click()
    check(page, "change-organisation-errors")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="You have signed out").wait_for()
    check(page, "signed-out")


def test_password_reset_pages(new_page, check, coordinator):
    page = new_page()
    page.goto("/password-reset/")
    page.get_by_label("Email address").fill("coordinator@example.com")
    page.get_by_role("button", name="Send reset link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    check(page, "sent")
    link = re.search(r"/password-reset/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    check(page, "choose-a-new-password")
    page.get_by_role("button", name="Change password").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "choose-a-new-password-errors")
    page.get_by_label("New password", exact=True).fill("password1")
    page.get_by_label("Confirm new password").fill("password1")
    page.get_by_role("button", name="Change password").click()
    page.get_by_text("New password must not be a commonly used password").first.wait_for()
    check(page, "choose-a-new-password-refused")
    page.get_by_label("New password", exact=True).fill("a-brand-new-password-42")
    page.get_by_label("Confirm new password").fill("a-brand-new-password-42")
    page.get_by_role("button", name="Change password").click()
    page.get_by_role("heading", name="Your password has been changed").wait_for()
    check(page, "changed")


def test_mentor_list_states(new_page, check, coordinator, school):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/")
    check(page, "list-empty")
    for number in range(26):
        MentorFactory(school=school, last_name=f"Mentor {number:02d}")
    page.goto(f"/schools/{school.urn}/mentors/")
    check(page, "list-full")
    page.get_by_role("link", name="Next").click()
    check(page, "list-second-page")
    page.get_by_label("Search by name, TRN or email address").fill("nobody at all")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="No mentors found for ‘nobody at all’").wait_for()
    check(page, "list-search-no-result")


def test_add_mentor_steps_empty_and_with_errors(new_page, check, coordinator, school):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/add/")
    answers = [
        ("personal-details", lambda: fill_personal_details(page)),
        ("subject", lambda: page.get_by_label("Physics").check()),
        ("age-range", lambda: page.get_by_label("11 to 18").check()),
        ("key-stage", lambda: page.get_by_label("Key stage 4").check()),
    ]
    for step, answer in answers:
        check(page, f"{step}-empty")
        page.get_by_role("button", name="Continue").click()
        page.locator(".govuk-error-summary").wait_for()
        check(page, f"{step}-errors")
        answer()
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Check your answers").wait_for()
    check(page, "check-your-answers")
    page.get_by_role("button", name="Add mentor").click()
    page.get_by_role("heading", name="Mentor added").wait_for()
    check(page, "confirmation")


def test_details_change_pages_and_removal(new_page, check, coordinator, school):
    MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR)
    mentor = MentorFactory(school=school, first_name="Zoë", last_name="O'Brien")
    mentor.subject = mentor.subject.__class__.objects.get(name="Physics")
    mentor.age_range = mentor.age_range.__class__.objects.get(name="11 to 18")
    mentor.key_stage = mentor.key_stage.__class__.objects.get(name="Key stage 4")
    mentor.save()
    page = new_page(coordinator)
    details = f"/schools/{school.urn}/mentors/{mentor.pk}/"
    page.goto(details)
    check(page, "details")
    invalid = {
        "personal-details": lambda: page.get_by_label("First name").fill(""),
        "date-qualified": lambda: page.get_by_label("Day").fill("31")
        or page.get_by_label("Month").fill("2")
        or page.get_by_label("Year").fill("2015"),
        "date-started-mentoring": lambda: page.get_by_label("Year").fill("20"),
        "qualifications": lambda: page.get_by_role("textbox").fill("x" * 1001),
        "provider-training": lambda: page.get_by_role("textbox").fill("x" * 1001),
        "subject-networks": lambda: page.get_by_role("textbox").fill("x" * 1001),
        "other-experiences": lambda: page.get_by_role("textbox").fill("x" * 1001),
        "send-support": lambda: None,  # nothing ticked
        "availability": lambda: page.get_by_label("No, they are not available").check()
        or page.get_by_label("Year").fill("2020")
        or page.get_by_label("Month").fill("1")
        or page.get_by_label("Day").fill("1"),
    }
    for slug in CHANGE_PAGES:
        page.goto(f"{details}change/{slug}/")
        check(page, f"change-{slug}")
        if slug in invalid:
            invalid[slug]()
            page.get_by_role("button", name="Save changes").click()
            page.locator(".govuk-error-summary").wait_for()
            check(page, f"change-{slug}-errors")
    page.goto(f"/schools/{school.urn}/mentors/?review=due")
    check(page, "list-to-review")
    page.get_by_label("Select Zoë O'Brien").check()
    page.get_by_role("button", name="Confirm details are up to date").click()
    page.get_by_text("1 mentor’s details confirmed as up to date").wait_for()
    check(page, "list-reviewed")
    page.goto(f"{details}remove/")
    check(page, "remove")
    page.get_by_role("button", name="Remove mentor").click()
    page.get_by_text("Zoë O'Brien has been removed").wait_for()
    check(page, "removed")


def turn_session_clocks_back(clock, seconds):
    for session in Session.objects.all():
        store = SessionStore(session_key=session.session_key)
        store[clock] -= seconds
        store.save()


def test_signed_out_and_locked_out_pages(new_page, check, coordinator, school):
    page = new_page(coordinator)
    turn_session_clocks_back(LAST_ACTIVE_AT, 3 * 60 * 60)
    page.goto(f"/schools/{school.urn}/mentors/")
    page.get_by_role("heading", name="You have been signed out").wait_for()
    check(page, "signed-out-inactive")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Email address").fill("coordinator@example.com")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Mentors").wait_for()
    assert page.url.endswith(f"/schools/{school.urn}/mentors/")

    turn_session_clocks_back(SIGNED_IN_AT, 12 * 60 * 60)
    page.reload()
    page.get_by_role("heading", name="You have been signed out").wait_for()
    check(page, "signed-out-time-limit")

    page = new_page()
    page.goto("/sign-in/")
    for _ in range(5):
        page.get_by_label("Email address").fill("coordinator@example.com")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="You have tried to sign in too many times").wait_for()
    check(page, "locked-out")


LOOK = """element => {
    const style = getComputedStyle(element);
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    return {
        colour: style.color, font: style.font, underline: style.textDecorationLine, top: text.top, height: text.height
    };
}"""


def test_sign_out_looks_like_the_other_navigation_links(new_page, coordinator, school):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/")
    link = page.get_by_role("link", name="Change organisation")
    sign_out = page.get_by_role("button", name="Sign out")
    assert sign_out.evaluate(LOOK) == link.evaluate(LOOK)
    link.hover()
    hovered_link = link.evaluate(LOOK)
    sign_out.hover()
    assert sign_out.evaluate(LOOK) == hovered_link


def test_dfe_sign_in_pages(new_page, check, coordinator, dfe_sign_in, settings):
    page = new_page()
    page.goto("/sign-in/")
    check(page, "sign-in-with-dfe-sign-in")
    dfe_sign_in.person = {"sub": "unknown", "email": "someone.else@example.com", "email_verified": True}
    page.get_by_role("button", name="Sign in with DfE Sign-in").click()
    page.get_by_role("heading", name="You do not have access to this service").wait_for()
    check(page, "no-access")
    page.goto("/dfe-sign-in/callback/?code=stale&state=stale")
    page.get_by_role("heading", name="You have not been signed in").wait_for()
    check(page, "not-signed-in")
    settings.DFE_SIGN_IN_ONLY = True
    page.goto("/sign-in/")
    check(page, "sign-in-with-dfe-sign-in-only")
    dfe_sign_in.failing["discovery"] = 503
    settings.DFE_SIGN_IN_TIMEOUT = 5  # a new client, which discovers again
    page.get_by_role("button", name="Sign in with DfE Sign-in").click()
    page.get_by_role("heading", name="Sorry, you cannot sign in at the moment").wait_for()
    check(page, "dfe-sign-in-unavailable")
