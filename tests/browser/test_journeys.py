"""Journeys as people make them: keyboard only, without JavaScript, on a narrow phone screen."""

import pytest

from mentors.models import Mentor
from tests.support.browser import coordinator_of, fill_personal_details, focused, tab_to, tab_to_button
from tests.support.factories import SchoolFactory


@pytest.fixture
def school(browser_db):
    return SchoolFactory(name="Oakwood Academy", secondary=True)


@pytest.fixture
def coordinator(school):
    return coordinator_of(school)


def test_add_a_mentor_with_the_keyboard_only(new_page, check, coordinator, school):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/")
    tab_to_button(page, "Add mentor")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Personal details").wait_for()

    for field_id, text in [
        ("id_first_name", "Zoë"),
        ("id_last_name", "O'Brien"),
        ("id_trn", "0123456"),
        ("id_email", "zoe@example.com"),
    ]:
        tab_to(page, field_id)
        page.keyboard.type(text)
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    for heading, presses in [("Subject", 29), ("Age range", 1), ("Key stage", 1)]:
        page.get_by_role("heading", name=heading).wait_for()
        tab_to(page, "id_" + heading.lower().replace(" ", "_") + "_1")
        page.keyboard.press("Space")  # chooses the focused radio
        for _ in range(presses):
            page.keyboard.press("ArrowDown")  # and the arrows move the choice down the list
        tab_to_button(page, "Continue")
        page.keyboard.press("Enter")

    page.get_by_role("heading", name="Check your answers").wait_for()
    check(page, "check-your-answers")
    tab_to_button(page, "Add mentor")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Mentor added").wait_for()
    mentor = Mentor.objects.get()
    assert (mentor.subject.name, mentor.age_range.name, mentor.key_stage.name) == ("Physics", "11 to 16", "Key stage 4")


def test_the_error_summary_takes_focus_and_its_links_move_focus_to_the_field(new_page, check, coordinator, school):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/add/")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "govuk-error-summary" in focused(page)
    page.get_by_role("link", name="Enter a teacher reference number (TRN)").click()
    assert focused(page) == "id_trn"

    fill_personal_details(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # no subject chosen
    page.get_by_role("link", name="Select a subject").click()
    assert focused(page) == "id_subject_1"


def test_without_javascript(new_page, check, coordinator, school):
    page = new_page(coordinator, javascript=False)
    page.goto(f"/schools/{school.urn}/mentors/add/")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("link", name="Enter a first name").is_visible()
    check(page, "personal-details-errors")
    fill_personal_details(page)
    page.get_by_role("button", name="Continue").click()
    for label in ["Physics", "11 to 16", "Key stage 4"]:
        page.get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add mentor").click()
    page.get_by_role("heading", name="Mentor added").wait_for()
    check(page, "confirmation")
    assert Mentor.objects.count() == 1


def test_on_a_320_pixel_wide_screen(new_page, check, coordinator, school):
    page = new_page(coordinator, width=320, height=640)
    page.goto(f"/schools/{school.urn}/mentors/add/")
    fill_personal_details(page)
    page.get_by_role("button", name="Continue").click()
    for label in ["Physics", "11 to 16", "Key stage 4"]:
        page.get_by_label(label, exact=True).check()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320  # nothing scrolls sideways
        page.get_by_role("button", name="Continue").click()
    check(page, "check-your-answers")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Add mentor").click()
    page.get_by_role("heading", name="Mentor added").wait_for()


def test_a_change_link_round_trip(new_page, check, coordinator, school):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/add/")
    fill_personal_details(page)
    page.get_by_role("button", name="Continue").click()
    for label in ["Physics", "11 to 16", "Key stage 4"]:
        page.get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Change subject").click()
    assert page.get_by_label("Physics", exact=True).is_checked()
    page.get_by_label("Chemistry").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Check your answers").wait_for()
    assert "Chemistry" in page.locator(".govuk-summary-list").inner_text()
    check(page, "check-your-answers-after-change")


def test_removing_a_mentor(new_page, check, coordinator, school):
    from tests.support.factories import MentorFactory

    mentor = MentorFactory(school=school, first_name="Zoë", last_name="O'Brien")
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/")
    page.get_by_role("link", name="Zoë O'Brien").click()
    page.get_by_role("button", name="Remove mentor").click()
    page.get_by_label("They have left the school").check()
    page.get_by_role("button", name="Remove mentor").click()
    page.get_by_text("Zoë O'Brien has been removed").wait_for()
    check(page, "removed")
    mentor.refresh_from_db()
    assert mentor.removed_at is not None


def test_the_error_summary_takes_focus_on_a_change_page_opened_at_a_field(new_page, check, coordinator, school):
    """The details page's Change links open personal details at the field (#id_email). After a failed submission
    the error summary must still take focus, so that it is read out, not the field the address once pointed to."""
    from tests.support.factories import MentorFactory

    mentor = MentorFactory(school=school, first_name="Zoë", last_name="O'Brien")
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/{mentor.pk}/")
    page.get_by_role("link", name="Change email address").click()
    assert page.url.endswith("/change/personal-details/#id_email")
    page.get_by_label("Email address").fill("not an email address")
    page.get_by_role("button", name="Save changes").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "#" not in page.url
    assert "govuk-error-summary" in focused(page)
    check(page, "change-personal-details-error-focus")


def test_signing_in_and_out_with_dfe_sign_in_under_the_content_security_policy(
    new_page, coordinator, school, dfe_sign_in, settings
):
    """The browser goes to DfE Sign-in and back, and signing out (a form) goes on to its end-session page, which the
    policy's form-action allows as production's settings do (tests/config/test_dfe_sign_in_settings.py)."""
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], dfe_sign_in.issuer]}
    }
    dfe_sign_in.person = {"sub": "coordinator", "email": coordinator.email, "email_verified": True}
    page = new_page(enforce_csp=True)
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in with DfE Sign-in").click()
    page.get_by_role("heading", name="Mentors").wait_for()
    assert page.url.endswith(f"/schools/{school.urn}/mentors/")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="You have signed out").wait_for()
    assert dfe_sign_in.requests_to("end_session"), "DfE Sign-in's session was not ended"
    page.goto(f"/schools/{school.urn}/mentors/")
    page.get_by_role("heading", name="Sign in to Manage ITT mentors").wait_for()
