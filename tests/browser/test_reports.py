"""The reports in a real browser: each page, filtered and with a filter in error, checked against WCAG 2.2 AA, with
their charts and tables; a provider's reports; the API's documentation."""

from datetime import timedelta

from django.utils import timezone

from claims.models import FundingRegion
from reports.services import refresh_summaries
from tests.support.factories import (
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    UserFactory,
    make_claim,
)


def _data(browser_db):
    provider = ProviderFactory(name="Northshire SCITT", code="N1S")
    inner = FundingRegion.objects.get(name="Inner London")
    schools = [SchoolFactory(region="London", funding_region=inner), SchoolFactory(region="North East", secondary=True)]
    for number, school in enumerate(schools):
        PartnershipFactory(school=school, provider=provider)
        mentors = MentorFactory.create_batch(6 + number, school=school)
        for months, mentor in enumerate(mentors):
            mentor.history.update(history_date=timezone.now() - timedelta(days=31 * months))
        make_claim(hours={mentors[0]: 6, mentors[1]: 4}, provider=provider)
    refresh_summaries()  # staff's reports read them
    return provider


def test_staff_reports(new_page, check, browser_db):
    _data(browser_db)
    page = new_page(UserFactory(is_staff=True))
    page.goto("/")
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("heading", name="Mentors report").wait_for()
    check(page, "reports-mentors")
    page.get_by_label("School phase").select_option("Secondary")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_text("Showing figures at secondary schools.").wait_for()
    check(page, "reports-mentors-filtered")
    page.goto("/reports/mentors/?phase=99")
    check(page, "reports-mentors-error")
    page.get_by_role("link", name="Funding report").click()
    page.get_by_role("heading", name="Funding report").wait_for()
    check(page, "reports-funding")
    # The chart is an image named by its title, described, and pointing to its table.
    chart = page.get_by_role("img", name="Amount claimed by funding region, in pounds")
    assert chart.get_attribute("aria-details") == "table-claims-by-funding-region"


def test_provider_reports(new_page, check, browser_db):
    provider = _data(browser_db)
    page = new_page(ProviderMembershipFactory(provider=provider).user)
    page.goto(f"/providers/{provider.code}/reports/")
    check(page, "reports-provider-mentors")
    page.get_by_text("fewer than 5").first.wait_for()
    page.get_by_role("link", name="Funding report").click()
    page.get_by_role("heading", name="Funding report").wait_for()
    check(page, "reports-provider-funding")


def test_api_docs(new_page, check, browser_db):
    page = new_page(None)
    page.goto("/api/v1/docs/")
    check(page, "api-docs")
