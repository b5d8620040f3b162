"""The accessibility statement says what the regulations ask, in the model statement's words, and stays true."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from accounts.views import describe_duration

pytestmark = pytest.mark.django_db

WCAG = "the Web Content Accessibility Guidelines version 2.2 AA standard"
# The compliance statuses the regulations allow, in the model accessibility statement's words.
COMPLIANCE_STATUSES = [
    rf"This service is fully compliant with {WCAG}\.",
    rf"This service is partially compliant with {WCAG}, due to the (non-compliances|exemptions|non-compliances "
    r"and exemptions) listed below\.",
    rf"This service is not compliant with {WCAG}\. The (non-compliances|exemptions|non-compliances and exemptions) "
    r"are listed below\.",
]
# The sample statement's sections, in its order.
SECTIONS = [
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Technical information about this service’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "What we are doing to improve accessibility",
    "Preparation of this accessibility statement",
]


@pytest.fixture
def statement(client):
    return BeautifulSoup(client.get(reverse("pages:accessibility")).content, "html.parser").main


def text(element):
    return " ".join(element.get_text().split())


def test_the_compliance_status_is_one_the_regulations_allow(statement):
    status = text(statement.select_one("#compliance-status"))
    assert any(re.fullmatch(allowed, status) for allowed in COMPLIANCE_STATUSES), status


def test_it_has_the_sample_statements_sections(statement):
    headings = [text(heading) for heading in statement.select("h2, h3")]
    assert headings == SECTIONS


def test_each_non_compliance_names_the_success_criterion_it_fails(statement):
    heading = statement.find("h3", string="Non-compliance with the accessibility regulations")
    problems = []
    for element in heading.find_next_siblings():
        if element.name in ("h2", "h3"):
            break
        problems.append(element)
    assert problems
    for problem in problems:
        assert re.search(r"This fails WCAG 2\.2 success criterion \d\.\d\.\d+ \([^)]+\)\.", text(problem))


def test_the_time_limits_it_describes_are_the_services(statement):
    idle, absolute = (
        describe_duration(settings.SESSION_IDLE_TIMEOUT),
        describe_duration(settings.SESSION_ABSOLUTE_TIMEOUT),
    )
    assert f"if you do nothing for {idle}" in text(statement)
    assert f"{absolute} after you signed in" in text(statement)


def test_it_says_where_to_report_a_problem(statement, settings):
    section = statement.find("h2", string="Reporting accessibility problems with this service").find_next("p")
    assert section.select_one("a")["href"] == f"mailto:{settings.SUPPORT_EMAIL}"
