"""Support staff keep the funding rules in admin: academic years with their rates, regions, claim windows; the
claims and acceptances of the grant conditions are the service's record, read only there."""

from datetime import date

import pytest
from django.urls import reverse

from claims.models import AcademicYear, ClaimWindow, FundingRegion
from tests.support.factories import MentorFactory, SchoolFactory, make_claim
from tests.support.html import soup

pytestmark = pytest.mark.django_db


def errors(response):
    page = soup(response)
    return [error.get_text(" ", strip=True) for error in page.select(".errorlist li")]


class TestClaimWindows:
    url = reverse("admin:claims_claimwindow_add")

    @pytest.fixture
    def may_window(self):
        return ClaimWindow.objects.create(
            academic_year=AcademicYear.objects.get(start_year=2025),
            opens_on=date(2026, 5, 1),
            closes_on=date(2026, 5, 31),
        )

    def post(self, admin_client, url, opens_on, closes_on, start_year=2025):
        return admin_client.post(
            url,
            {
                "academic_year": AcademicYear.objects.get(start_year=start_year).pk,
                "opens_on": opens_on.isoformat(),
                "closes_on": closes_on.isoformat(),
            },
        )

    def test_an_overlapping_window_is_refused_saying_which_it_overlaps(self, admin_client, may_window):
        response = self.post(admin_client, self.url, date(2026, 5, 31), date(2026, 6, 30))
        assert errors(response) == [
            "These days overlap the claim window from 1 May 2026 to 31 May 2026 (2025 to 2026). Claim windows cannot "
            "overlap: choose days before or after it, or change that window first"
        ]
        assert ClaimWindow.objects.count() == 1

    def test_a_window_after_it_is_saved(self, admin_client, may_window):
        response = self.post(admin_client, self.url, date(2026, 6, 1), date(2026, 6, 30))
        assert response.status_code == 302
        assert ClaimWindow.objects.count() == 2

    def test_a_window_may_be_moved_over_its_own_days(self, admin_client, may_window):
        url = reverse("admin:claims_claimwindow_change", args=[may_window.pk])
        assert self.post(admin_client, url, date(2026, 5, 10), date(2026, 6, 10)).status_code == 302
        may_window.refresh_from_db()
        assert may_window.closes_on == date(2026, 6, 10)

    def test_a_window_that_closes_before_it_opens(self, admin_client):
        response = self.post(admin_client, self.url, date(2026, 5, 2), date(2026, 5, 1))
        assert errors(response) == ["The last day must be the same as the first day or after it"]


class TestAcademicYears:
    url = reverse("admin:claims_academicyear_add")

    def post(self, admin_client, rates):
        data = {
            "start_year": "2027",
            "initial_hours": "16",
            "refresher_hours": "6",
            "rates-TOTAL_FORMS": str(len(rates)),
            "rates-INITIAL_FORMS": "0",
            "rates-MIN_NUM_FORMS": "1",
            "rates-MAX_NUM_FORMS": "1000",
        }
        for number, (region, pence) in enumerate(rates.items()):
            data |= {
                f"rates-{number}-region": FundingRegion.objects.get(name=region).pk,
                f"rates-{number}-pence_per_hour": pence,
            }
        return admin_client.post(self.url, data)

    def test_a_year_with_a_rate_for_each_region(self, admin_client):
        rates = {"Inner London": 5500, "Outer London": 5000, "Fringe": 4600, "Rest of England": 4500}
        assert self.post(admin_client, rates).status_code == 302
        year = AcademicYear.objects.get(start_year=2027)
        assert {rate.region.name: rate.pence_per_hour for rate in year.rates.all()} == rates

    def test_a_year_missing_a_regions_rate_is_refused(self, admin_client):
        response = self.post(admin_client, {"Inner London": 5500, "Outer London": 5000, "Fringe": 4600})
        assert "Give a rate for every funding region: Rest of England has none" in response.content.decode()
        assert not AcademicYear.objects.filter(start_year=2027).exists()


class TestTheServicesRecords:
    def test_claims_are_read_only(self, admin_client):
        mentor = MentorFactory()
        claim = make_claim(hours={mentor: 10})
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        page = admin_client.get(url)
        assert page.status_code == 200
        assert claim.reference in page.content.decode()
        assert admin_client.post(url, {}).status_code == 403
        assert admin_client.get(reverse("admin:claims_claim_add")).status_code == 403
        assert admin_client.get(reverse("admin:claims_claim_delete", args=[claim.pk])).status_code == 403

    def test_claims_are_searched_by_reference_school_and_provider(self, admin_client):
        mentor = MentorFactory(school=SchoolFactory(name="Hillcrest Academy"))
        claim = make_claim(hours={mentor: 10}, reference="31415926")
        url = reverse("admin:claims_claim_changelist")
        for query in ["31415926", "Hillcrest", str(mentor.school.urn), claim.provider.name]:
            assert admin_client.get(url, {"q": query}).context["cl"].result_count == 1, query
        assert admin_client.get(url, {"q": "27182818"}).context["cl"].result_count == 0


def test_a_schools_funding_region_is_changed_in_admin(admin_client):
    school = SchoolFactory()
    response = admin_client.get(reverse("admin:schools_school_change", args=[school.pk]))
    assert "Every GIAS import finds it from the district code again" in response.content.decode()
    assert response.context["adminform"].form.fields["funding_region"].queryset.count() == 4
