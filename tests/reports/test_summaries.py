"""The staff reports' summaries: the same figures as grouping the live rows, for every choice of filters."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from claims.models import AcademicYear, Claim, FundingRegion
from reports import selectors, summaries
from reports.models import SummaryRefresh, SummaryRow
from reports.services import refresh_summaries
from schools.models import School
from tests.support.factories import MentorFactory, SchoolFactory, UserFactory, make_claim
from tests.support.html import soup

NATIONAL = selectors.Scope()


@pytest.fixture
def varied(db, primary_school, coordinator):
    """Schools in two funding regions and phases, one with no GIAS region, mentors current and removed, and claims
    in several statuses, years and providers."""
    london = SchoolFactory(
        name="Camden School",
        region="London",
        funding_region=FundingRegion.objects.get(name="Inner London"),
        secondary=True,
    )
    nowhere = SchoolFactory(name="Unplaced School", region="")
    mentors = {
        school: MentorFactory.create_batch(count, school=school)
        for school, count in ((primary_school, 3), (london, 2), (nowhere, 1))
    }
    removed = MentorFactory(school=london)
    removed.removed_at = timezone.now() - timedelta(days=40)
    removed.save()
    first, second, _ = mentors[primary_school]
    make_claim(hours={first: 10, second: 20}, status=Claim.Status.SUBMITTED)
    make_claim(hours={first: 5}, status=Claim.Status.PAID, start_year=2024)
    make_claim(hours={mentors[london][0]: 12}, status=Claim.Status.PAID)
    make_claim(hours={mentors[london][1]: 8}, status=Claim.Status.DRAFT)
    return [primary_school, london, nowhere]


def _every_filters(with_year):
    years = [None, *AcademicYear.objects.all()] if with_year else [None]
    regions = [None, *FundingRegion.objects.all()]
    phases = [None, School.GiasPhase.PRIMARY, School.GiasPhase.SECONDARY]
    return [selectors.Filters(academic_year=y, region=r, phase=p) for y in years for r in regions for p in phases]


FIGURES = [
    ("mentor breakdowns", "mentor_breakdowns", (), False),
    ("schools with mentors", "schools_with_mentors_by_region", (), False),
    ("added and removed", "mentors_added_and_removed", (), False),
    *((f"claims by {slug}", "claims_by", (field,), True) for slug, _, field in selectors.CLAIM_BREAKDOWNS),
    ("share that claimed", "share_of_schools_that_claimed", (), True),
    ("claims by status", "claims_by_status", (), True),
]


def _as_tuples(rows):
    """A figure's rows, or each figure's of a set ({field: rows}), as tuples (a summary's JSON has lists)."""
    if isinstance(rows, dict):
        return {key: _as_tuples(each) for key, each in rows.items()}
    return [tuple(row) for row in rows]


@pytest.mark.parametrize(("name", "function", "args", "with_year"), FIGURES, ids=[case[0] for case in FIGURES])
def test_summaries_equal_the_live_figures(varied, name, function, args, with_year):
    refresh_summaries()
    for filters in _every_filters(with_year):
        live = _as_tuples(getattr(selectors, function)(NATIONAL, filters, *args))
        summarised = _as_tuples(getattr(summaries, function)(NATIONAL, filters, *args))
        assert summarised == live, filters
    everything = getattr(selectors, function)(NATIONAL, selectors.Filters(), *args)
    assert all(everything.values()) if isinstance(everything, dict) else everything


def test_refreshing_twice_gives_the_same_rows(varied):
    def rows():
        return sorted(
            SummaryRow.objects.values_list(
                "figure", "academic_year", "region", "phase", "position", "value", "numbers"
            ),
            key=str,
        )

    refresh_summaries()
    first = rows()
    refresh_summaries()
    assert rows() == first
    assert first
    assert SummaryRefresh.objects.count() == 1


@pytest.mark.parametrize("url", [reverse("reports:mentors"), reverse("reports:funding")])
def test_the_page_says_when_they_were_refreshed(client, varied, url):
    client.force_login(UserFactory(is_staff=True))
    refreshed = refresh_summaries()
    refreshed.refreshed_at = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    refreshed.save()
    page = soup(client.get(url))
    # 08:30 UTC is 9:30am British Summer Time.
    assert "These figures were last refreshed on 1 July 2026 at 9:30am." in page.get_text(" ", strip=True)


@pytest.mark.parametrize("url", [reverse("reports:mentors"), reverse("reports:funding")])
def test_never_refreshed_shows_no_figures(client, varied, url):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert "These figures have not been worked out yet." in page.get_text(" ", strip=True)
    assert not page.select("table")
    assert client.get(url, {"format": "csv", "table": "claims-by-status"}).status_code == 404


def test_the_pages_read_the_summaries_not_live_rows(client, varied):
    client.force_login(UserFactory(is_staff=True))
    refresh_summaries()
    before = soup(client.get(reverse("reports:mentors"))).select_one("#table-mentors-by-status").get_text()
    MentorFactory.create_batch(5, school=varied[0])
    after = soup(client.get(reverse("reports:mentors"))).select_one("#table-mentors-by-status").get_text()
    assert after == before


@pytest.mark.parametrize(("arguments", "said"), [(["--now"], "Refreshed"), ([], "Queued")])
def test_the_command(varied, capsys, arguments, said):
    call_command("refresh_reports", *arguments)
    assert capsys.readouterr().out.startswith(said)
    # In tests the task runs at once: either way, the summaries are there.
    assert SummaryRefresh.objects.exists()
    assert SummaryRow.objects.filter(figure="mentors-by-status").exists()
