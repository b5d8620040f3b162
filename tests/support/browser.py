"""What the browser tests share besides their fixtures (tests/browser/conftest.py): moving through a page with the
keyboard, filling in questions, and the demo's coordinator."""

import json

from tests.support.factories import MembershipFactory, UserFactory


def coordinator_of(*schools):
    """Amira Khan, ITT coordinator of each of the schools."""
    user = UserFactory(email="coordinator@example.com", first_name="Amira", last_name="Khan")
    for school in schools:
        MembershipFactory(user=user, school=school)
    return user


def focused(page):
    return page.evaluate("() => document.activeElement.id || document.activeElement.className")


def _tab_until(page, reached, what, limit):
    """Press Tab until reached (a JavaScript expression of the focused element) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const focused = document.activeElement; return {reached}; }}"):
            return
    raise AssertionError(f"Tab never reached {what}")


def tab_to(page, element_id, limit=80):
    _tab_until(page, f"focused.id === {json.dumps(element_id)}", f"#{element_id}", limit)


def tab_to_button(page, text, limit=80):
    _tab_until(page, f"focused.textContent.trim() === {json.dumps(text)}", f"the {text!r} button", limit)


def fill_personal_details(page):
    page.get_by_label("First name").fill("Zoë")
    page.get_by_label("Last name").fill("O'Brien")
    page.get_by_label("Teacher reference number (TRN)").fill("0123456")
    page.get_by_label("Email address").fill("zoe@example.com")
