import csv
import io
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimMentor, FundingRegion
from mentors.models import Mentor
from reports.suppression import FEWER_THAN
from schools.models import School
from tests.support.factories import (
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    SchoolFactory,
    TraineeAssignmentFactory,
    UserFactory,
    make_claim,
)
from tests.support.html import error_summary, soup, title

MENTORS = reverse("reports:mentors")
FUNDING = reverse("reports:funding")


def table(response, slug):
    """A figure's table as rows of cell texts, without the headings small screens show in each cell."""
    found = soup(response).select_one(f"#table-{slug}")
    assert found is not None, f"no table {slug}"
    for heading in found.select(".app-responsive-table__heading"):
        heading.extract()
    return [[cell.get_text(strip=True) for cell in row.select("td")] for row in found.select("tbody tr")]


def download(client, url, slug, **filters):
    response = client.get(url, {**filters, "format": "csv", "table": slug})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode())))


def region(name):
    return FundingRegion.objects.get(name=name)


@pytest.fixture
def inner_london_school(db):
    return SchoolFactory(name="Camden School", region="London", funding_region=region("Inner London"), secondary=True)


class TestWhoSeesThem:
    def test_staff_have_a_reports_link_in_the_header(self, staff_client):
        page = soup(staff_client.get(reverse("organisations:start")))
        links = {link.get_text(strip=True): link["href"] for link in page.select("a.govuk-service-navigation__link")}
        assert links["Reports"] == MENTORS

    def test_others_have_none(self, coordinator_client, primary_school):
        page = soup(coordinator_client.get(reverse("mentors:list", kwargs={"urn": primary_school.urn})))
        assert "Reports" not in page.select_one(".govuk-service-navigation").get_text()

    @pytest.mark.parametrize("url", [MENTORS, FUNDING])
    def test_not_found_for_anyone_but_staff(self, coordinator_client, url):
        assert coordinator_client.get(url).status_code == 404

    @pytest.mark.parametrize("url", [MENTORS, FUNDING])
    def test_pages_link_to_each_other(self, staff_client, url):
        page = soup(staff_client.get(url))
        nav = page.select_one("nav[aria-label=Reports]")
        assert [a["href"] for a in nav.select("a")] == [MENTORS, FUNDING]
        assert nav.select_one("[aria-current=page]")["href"] == url


class TestMentors:
    def test_current_mentors_by_each_breakdown(self, staff_client, primary_school, inner_london_school):
        MentorFactory.create_batch(2, school=primary_school)
        MentorFactory(school=inner_london_school)
        MentorFactory(school=inner_london_school, removed_at=timezone.now())
        MentorFactory(school=SchoolFactory(is_open=False))  # at a closed school: not counted
        response = staff_client.get(MENTORS)
        assert table(response, "mentors-by-funding-region") == [["Inner London", "1"], ["Rest of England", "2"]]
        assert table(response, "mentors-by-gias-region") == [["Not recorded", "2"], ["London", "1"]]
        assert table(response, "mentors-by-phase") == [["Primary", "2"], ["Secondary", "1"]]
        subjects = table(response, "mentors-by-subject")
        assert sum(int(count) for _, count in subjects) == 3

    def test_by_status(self, staff_client, primary_school):
        MentorFactory(school=primary_school, unavailable=True)
        TraineeAssignmentFactory(mentor=MentorFactory(school=primary_school))
        MentorFactory.create_batch(2, school=primary_school)
        rows = table(staff_client.get(MENTORS), "mentors-by-status")
        assert sorted(rows) == [["Available", "2"], ["Mentoring a trainee", "1"], ["Not available", "1"]]

    def test_schools_with_and_without_mentors(self, staff_client, primary_school, inner_london_school):
        MentorFactory(school=inner_london_school)
        SchoolFactory(region="London")
        rows = table(staff_client.get(MENTORS), "schools-with-mentors")
        assert rows == [["Not recorded", "0", "1"], ["London", "1", "1"]]

    def test_filters_by_region_and_phase(self, staff_client, primary_school, inner_london_school):
        MentorFactory(school=primary_school)
        MentorFactory.create_batch(3, school=inner_london_school)
        response = staff_client.get(MENTORS, {"region": region("Inner London").pk})
        assert table(response, "mentors-by-funding-region") == [["Inner London", "3"]]
        assert "Showing figures in the Inner London funding region." in soup(response).get_text(" ", strip=True)
        response = staff_client.get(MENTORS, {"phase": School.GiasPhase.PRIMARY})
        assert table(response, "mentors-by-phase") == [["Primary", "1"]]

    @pytest.mark.parametrize(
        ("filters", "message"),
        [
            ({"region": "999"}, "Select a funding region from the list"),
            ({"region": "x"}, "Select a funding region from the list"),
            ({"phase": "99"}, "Select a school phase from the list"),
        ],
    )
    def test_a_filter_that_is_not_a_choice(self, staff_client, primary_school, filters, message):
        MentorFactory(school=primary_school)
        response = staff_client.get(MENTORS, filters)
        assert response.status_code == 200
        assert error_summary(response) == [message]
        assert title(response).startswith("Error: ")
        # The figures are of every school meanwhile.
        assert table(response, "mentors-by-phase") == [["Primary", "1"]]

    def test_added_and_removed_each_month_from_history(self, staff_client, primary_school, coordinator):
        now = timezone.now()
        old = MentorFactory(school=primary_school)
        old.history.update(history_date=now - timedelta(days=400))
        recent = MentorFactory(school=primary_school)
        recent.removed_at = now
        recent.save()
        too_old = MentorFactory(school=primary_school)
        too_old.history.update(history_date=now - timedelta(days=800))
        before = download(staff_client, MENTORS, "mentors-added-and-removed")
        assert before[0] == ["Month", "Mentors added", "Mentors removed"]
        assert len(before) == 25
        this_month = f"{timezone.localdate():%B %Y}"
        that_month = f"{timezone.localtime(now - timedelta(days=400)):%B %Y}"
        counts = {month: [int(added), int(removed)] for month, added, removed in before[1:]}
        assert counts[this_month] == [1, 1]
        assert counts[that_month] == [1, 0]
        assert sum(added for added, _ in counts.values()) == 2
        # Changing a mentor today, or removing them again, changes no past month.
        old.first_name = "Changed"
        old.save()
        recent.last_name = "Changed"
        recent.save()
        after = download(staff_client, MENTORS, "mentors-added-and-removed")
        assert after[1:-1] == before[1:-1]
        assert {row[0]: row for row in after}[this_month] == [this_month, "1", "1"]

    def test_every_table_downloads(self, staff_client, primary_school):
        MentorFactory(school=primary_school)
        page = soup(staff_client.get(MENTORS, {"phase": School.GiasPhase.PRIMARY}))
        links = [a["href"] for a in page.select("a[download]")]
        assert len(links) == len(page.select("table"))
        for link in links:
            assert link.startswith("?phase=2&format=csv&table=")
            assert staff_client.get(MENTORS + link).status_code == 200

    def test_no_such_table(self, staff_client):
        assert staff_client.get(MENTORS, {"format": "csv", "table": "nothing"}).status_code == 404

    def test_the_charts_point_to_their_tables(self, staff_client, primary_school):
        MentorFactory(school=primary_school)
        page = soup(staff_client.get(MENTORS))
        charts = page.select("svg.app-chart")
        assert len(charts) == 2
        for chart in charts:
            assert page.select_one(f"table#{chart['aria-details']}") is not None
            title_id, description_id = chart["aria-labelledby"].split()
            assert chart.select_one(f"title#{title_id}").get_text()
            assert chart.select_one(f"desc#{description_id}").get_text()


@pytest.fixture
def claims(primary_school, inner_london_school):
    """Claims of every kind: submitted in two years and regions with two providers, a draft and one not paid."""
    providers = ProviderFactory.create_batch(2)
    made = []
    for number, school in enumerate([primary_school, primary_school, inner_london_school]):
        mentors = MentorFactory.create_batch(2, school=school)
        made.append(make_claim(hours={mentors[0]: 6, mentors[1]: 10 + number}, provider=providers[number % 2]))
        made.append(make_claim(hours={mentors[0]: 3}, provider=providers[0], start_year=2024))
    make_claim(hours={MentorFactory(school=primary_school): 5}, status=Claim.Status.DRAFT)
    make_claim(hours={MentorFactory(school=primary_school): 7}, status=Claim.Status.NOT_PAID)
    return made


def _totals(rows):
    """The claims, mentors, hours and amount columns' totals of a CSV of claims."""
    return [sum(int(row[i]) for row in rows[1:]) for i in (1, 2, 3)] + [round(sum(float(r[4]) for r in rows[1:]), 2)]


class TestFunding:
    @pytest.mark.parametrize("slug", ["claims-by-academic-year", "claims-by-funding-region", "claims-by-provider"])
    def test_csv_totals_match_the_database(self, staff_client, claims, slug):
        rows = download(staff_client, FUNDING, slug)
        assert rows[0] == [rows[0][0], "Claims", "Mentors", "Hours", "Amount"]
        submitted = Claim.objects.submitted()
        hours = ClaimMentor.objects.filter(claim__in=submitted).aggregate(total=Sum("hours"))["total"]
        amount = submitted.aggregate(total=Sum("amount_pence"))["total"]
        claims_total, _, hours_total, amount_total = _totals(rows)
        assert (claims_total, hours_total, amount_total) == (submitted.count(), hours, amount / 100)

    def test_by_academic_year(self, staff_client, claims):
        rows = table(staff_client.get(FUNDING), "claims-by-academic-year")
        assert rows == [
            ["2024 to 2025", "3", "3", "9", "£394.20"],
            ["2025 to 2026", "3", "6", "51", "£2,233.80"],
        ]

    def test_filters_by_academic_year_region_and_phase(self, staff_client, claims):
        rows = download(staff_client, FUNDING, "claims-by-funding-region", academic_year="2025")
        assert rows[1:] == [["Inner London", "1", "2", "18", "788.40"], ["Rest of England", "2", "4", "33", "1445.40"]]
        response = staff_client.get(FUNDING, {"academic_year": "2025", "region": region("Inner London").pk})
        assert table(response, "claims-by-academic-year") == [["2025 to 2026", "1", "2", "18", "£788.40"]]
        response = staff_client.get(FUNDING, {"phase": School.GiasPhase.SECONDARY})
        assert [row[1] for row in table(response, "claims-by-academic-year")] == ["1", "1"]

    def test_share_of_schools_that_claimed(self, staff_client, claims):
        SchoolFactory()  # no claim
        rows = table(staff_client.get(FUNDING), "schools-that-claimed")
        assert rows == [["Inner London", "1", "1", "100.0%"], ["Rest of England", "2", "1", "50.0%"]]

    def test_claims_by_status_say_clawbacks_are_not_subtracted(self, staff_client, claims):
        response = staff_client.get(FUNDING)
        assert sorted(table(response, "claims-by-status")) == [["Draft", "1"], ["Not paid", "1"], ["Submitted", "6"]]
        assert "money taken back by a clawback is not subtracted" in response.content.decode()

    def test_a_name_starting_like_a_formula_stays_text_in_csv(self, staff_client, primary_school):
        make_claim(hours={MentorFactory(school=primary_school): 4}, provider=ProviderFactory(name="=HYPERLINK(1)"))
        rows = download(staff_client, FUNDING, "claims-by-provider")
        assert rows[1][0] == "'=HYPERLINK(1)"


class TestProviderReports:
    def url(self, provider, kind="mentors"):
        return reverse(f"reports:provider-{kind}", kwargs={"code": provider.code})

    def test_only_partner_schools_mentors_shown_to_providers_with_small_numbers_suppressed(
        self, provider_client, provider, partner, other_school
    ):
        MentorFactory.create_batch(5, school=partner)
        MentorFactory(school=partner, shown_to_providers=False)
        MentorFactory.create_batch(7, school=other_school)
        other_partner = SchoolFactory(secondary=True, funding_region=region("Inner London"))
        PartnershipFactory(school=other_partner, provider=provider)
        MentorFactory.create_batch(2, school=other_partner)
        response = provider_client.get(self.url(provider))
        assert table(response, "mentors-by-funding-region") == [["Inner London", FEWER_THAN], ["Rest of England", "5"]]
        assert table(response, "mentors-by-phase") == [["Primary", "5"], ["Secondary", FEWER_THAN]]
        assert "numbers from 1 to 4 are shown as “fewer than 5”" in response.content.decode()
        rows = download(provider_client, self.url(provider), "mentors-by-funding-region")
        assert rows[1:] == [["Inner London", FEWER_THAN], ["Rest of England", "5"]]

    def test_only_their_own_claims(self, provider_client, provider, partner):
        mentors = MentorFactory.create_batch(6, school=partner)
        for mentor in mentors[:5]:
            make_claim(hours={mentor: 4}, provider=provider)
        make_claim(hours={mentors[5]: 9}, provider=ProviderFactory())
        response = provider_client.get(self.url(provider, "funding"))
        assert table(response, "claims-by-academic-year") == [["2025 to 2026", "5", "5", "20", "£876.00"]]
        assert soup(response).select_one("#table-claims-by-provider") is None
        assert table(response, "claims-by-status") == [["Submitted", "5"]]

    def test_few_claims_hide_their_hours_and_amount(self, provider_client, provider, partner):
        make_claim(hours={MentorFactory(school=partner): 4}, provider=provider)
        rows = download(provider_client, self.url(provider, "funding"), "claims-by-academic-year")
        assert rows[1:] == [["2025 to 2026", FEWER_THAN, FEWER_THAN, FEWER_THAN, FEWER_THAN]]

    def test_the_header_links_to_them(self, provider_client, provider):
        page = soup(provider_client.get(self.url(provider, "funding")))
        links = {link.get_text(strip=True): link["href"] for link in page.select("a.govuk-service-navigation__link")}
        assert links["Reports"] == self.url(provider)

    def test_not_found_for_other_providers_users(self, client, provider):
        client.force_login(UserFactory())
        assert client.get(self.url(provider)).status_code == 404


def test_mentors_counted_are_current(staff_client, primary_school):
    MentorFactory.create_batch(3, school=primary_school)
    rows = download(staff_client, MENTORS, "mentors-by-funding-region")
    assert sum(int(count) for _, count in rows[1:]) == Mentor.objects.current().count()


def test_no_chart_without_a_bar(provider_client, provider, partner):
    """A provider's figures all fewer than 5 have nothing to draw: the tables say so."""
    MentorFactory(school=partner)
    page = soup(provider_client.get(reverse("reports:provider-mentors", kwargs={"code": provider.code})))
    assert page.select("svg.app-chart") == []
    assert page.select_one("#table-mentors-by-funding-region") is not None
