"""The accessibility checker itself: it passes a good page and fails each kind of broken one."""

from pathlib import Path

import pytest

from tests.browser.accessibility import AccessibilityProblems, assert_accessible

PAGES = Path(__file__).resolve().parent / "broken_pages"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def load(page, name):
    page.set_content((PAGES / name).read_text())


def test_a_good_page_passes(page):
    load(page, "good.html")
    assert_accessible(page)


@pytest.mark.parametrize(
    "name, rule",
    [
        ("missing_label.html", "label"),
        ("wrong_heading_order.html", "heading-order"),
        ("error_summary_not_linked.html", "error-summary-link"),
        ("content_outside_landmarks.html", "region"),
        ("two_banners.html", "landmark-no-duplicate-banner"),
    ],
)
def test_a_broken_page_fails_naming_the_rule_the_element_and_the_help(page, name, rule):
    load(page, name)
    with pytest.raises(AccessibilityProblems) as problems:
        assert_accessible(page)
    report = str(problems.value)
    assert f"\n{rule}: " in report
    assert " – " in report  # the help text follows the element
