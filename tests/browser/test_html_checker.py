"""The HTML checker itself: it passes valid pages and fails an invalid one, naming the page, line and error."""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser import html_checker

PAGES = Path(__file__).resolve().parent / "broken_pages"


@pytest.fixture(autouse=True)
def java():
    if html_checker.java() is None:
        if os.environ.get("CI"):
            pytest.fail("No Java to run the Nu HTML Checker")
        pytest.skip("No Java to run the Nu HTML Checker")


def folder_of(tmp_path, *names):
    for name in names:
        shutil.copy(PAGES / name, tmp_path / name)
    return tmp_path


def test_valid_pages_pass(tmp_path):
    html_checker.assert_valid_html(folder_of(tmp_path, "good.html", "valid_footer_crown.html"), {})


def test_an_invalid_page_fails_naming_the_page_its_address_the_line_and_the_error(tmp_path):
    folder = folder_of(tmp_path, "good.html", "invalid_html.html")
    with pytest.raises(html_checker.InvalidHtml) as invalid:
        html_checker.assert_valid_html(folder, {"invalid_html.html": "http://localhost/sign-in/"})
    report = str(invalid.value).splitlines()
    errors = [line for line in report if line.startswith("invalid_html.html (http://localhost/sign-in/) line ")]
    assert [error.split(": ", 1)[1] for error in errors] == [
        "Element “form” not allowed as child of element “span” in this context. "
        "(Suppressing further errors from this subtree.)",
        "Saw a “form” start tag, but there was already an active “form” element. Nested forms are not allowed. "
        "Ignoring the tag.",
        "Stray end tag “form”.",
    ]
    assert not [line for line in report if line.startswith("good.html")]


def test_only_the_footer_crown_may_have_role_presentation_on_an_svg(tmp_path):
    (tmp_path / "other_svg.html").write_text(
        (PAGES / "valid_footer_crown.html").read_text().replace("govuk-footer__crown", "app-logo")
    )
    with pytest.raises(html_checker.InvalidHtml, match="“presentation” for attribute “role” on element “svg”"):
        html_checker.assert_valid_html(tmp_path, {})
