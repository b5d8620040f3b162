"""Browser tests: the service run by the tests (pytest-django's live_server), driven by Debian's Chromium."""

import os
import re
import shutil
from functools import partial
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from claims.models import FundingRegion
from tests.browser import html_checker
from tests.browser.accessibility import assert_accessible
from tests.support.factories import ProviderFactory, SchoolFactory

# Playwright's sync API keeps an event loop running in the test thread, which Django takes for async code and
# refuses database access from; the tests' database calls are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = Path(__file__).resolve().parents[2] / ".artifacts" / "screenshots"
SAVED_HTML = ARTIFACTS.parent / "html"
# WCAG 1.4.10 (reflow): every page must work at 320 CSS pixels wide without scrolling sideways.
NARROWEST = 320


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"No Chromium at {CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_db(committed_db):
    """The live server runs in another thread, so these tests commit their data (see committed_db)."""


@pytest.fixture
def brookfield(browser_db):
    """Brookfield Primary School, in Camden: Inner London, where an hour of training is £53.60."""
    return SchoolFactory(
        name="Brookfield Primary School",
        urn=999001,
        district_code="E09000007",
        funding_region=FundingRegion.objects.get(name="Inner London"),
    )


@pytest.fixture
def northshire(browser_db):
    return ProviderFactory(name="Northshire SCITT", code="N1S", town="Newcastle upon Tyne")


@pytest.fixture
def new_page(browser, live_server, browser_db, request):
    """Opens a page (signed in as `user`, if given) whose every visit is screenshotted into .artifacts/."""
    contexts = []

    def open_page(user=None, javascript=True, width=1024, height=800, enforce_csp=False):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
            # Bypassed only so axe-core can be injected; the service's own policy is tested elsewhere, and enforced
            # where a journey depends on it.
            bypass_csp=not enforce_csp,
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(10000)
        page.on("response", partial(_remember_document, page))
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            _documents.pop(page, None)
        context.close()


# Each open page's latest document, as the server sent it: what the HTML checker reads.
_documents = {}


def _remember_document(page, response):
    if response.request.is_navigation_request() and response.frame == page.main_frame:
        _documents[page] = response


@pytest.fixture(scope="session")
def html_pages():
    """Saves each checked page's HTML into .artifacts/html/, and checks them all with the W3C's Nu HTML Checker
    once the session's browser tests are done. Its errors are reported at the end of the session, against the
    test that ran last: each names the page (<test>-<name>.html), its address, the line and the error."""
    if html_checker.java() is None:
        message = "No Java to run the Nu HTML Checker: install it (apt-get install -y default-jre-headless)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    shutil.rmtree(SAVED_HTML, ignore_errors=True)
    SAVED_HTML.mkdir(parents=True)
    pages = {}

    def save(page, name):
        (SAVED_HTML / f"{name}.html").write_bytes(_documents[page].body())
        pages[f"{name}.html"] = page.url

    yield save
    if pages:
        html_checker.assert_valid_html(SAVED_HTML, pages)


HEADING = """() => [...document.querySelectorAll("h1")].map(h1 => {
    const copy = h1.cloneNode(true);
    copy.querySelectorAll("[class^=govuk-caption]").forEach(caption => caption.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
})"""
SERVICE_TITLE = " – Manage ITT mentors – GOV.UK"


def assert_titled_by_its_heading(page):
    """A page has one h1, and its title starts with it (after "Error: " when the page shows errors), as GOV.UK
    service pages are titled, so that what a screen reader announces first is what the page says first."""
    headings = page.evaluate(HEADING)
    assert len(headings) == 1, f"{page.url} has {len(headings)} h1 headings: {headings}"
    title = page.title()
    assert title.endswith(SERVICE_TITLE), f"{page.url}: the title {title!r} does not end with the service's name"
    if page.locator(".govuk-error-summary").count():
        assert title.startswith("Error: "), f"{page.url} shows errors, but its title {title!r} does not say so"
        title = title.removeprefix("Error: ")
    assert title.startswith(headings[0]), f"{page.url}: the title {title!r} does not start with its h1 {headings[0]!r}"


@pytest.fixture
def check(request, html_pages):
    """Screenshot the page into .artifacts/screenshots/<test>-<name>.png, check its accessibility, save its HTML
    for the HTML checker, then check that nothing scrolls sideways at 320 pixels wide (screenshot <...>-320.png)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")

    def check_page(page, name):
        page.wait_for_load_state("networkidle")
        page.evaluate("() => document.fonts.ready")
        assert_titled_by_its_heading(page)
        page.screenshot(path=str(ARTIFACTS / f"{test_name}-{name}.png"), full_page=True)
        assert_accessible(page)
        html_pages(page, f"{test_name}-{name}")
        size = page.viewport_size
        page.set_viewport_size({"width": NARROWEST, "height": size["height"]})
        try:
            if size["width"] != NARROWEST:
                page.screenshot(path=str(ARTIFACTS / f"{test_name}-{name}-{NARROWEST}.png"), full_page=True)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= NARROWEST, f"{name} is {width} pixels wide at {NARROWEST}: it scrolls sideways"
        finally:
            page.set_viewport_size(size)

    return check_page
