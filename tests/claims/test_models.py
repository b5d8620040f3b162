"""The funding rules as data, claim windows' times, and what the database refuses whatever the code does."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import DataError, IntegrityError, transaction

from claims.models import AcademicYear, Claim, ClaimMentor, ClaimWindow, District, FundingRate, FundingRegion
from tests.support.factories import ClaimFactory, MentorFactory, make_claim

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


class TestTheRulesAsPublished:
    """The data migration's rules: the facts DfE published for 2024 to 2025 and 2025 to 2026."""

    @pytest.mark.parametrize("start_year, initial, refresher", [(2024, 20, 6), (2025, 16, 6), (2026, 16, 6)])
    def test_academic_years_and_their_hours(self, start_year, initial, refresher):
        year = AcademicYear.objects.get(start_year=start_year)
        assert (year.initial_hours, year.refresher_hours) == (initial, refresher)
        assert str(year) == f"{start_year} to {start_year + 1}"
        assert (year.starts_on, year.ends_on) == (date(start_year, 9, 1), date(start_year + 1, 8, 31))

    @pytest.mark.parametrize("start_year", [2024, 2025, 2026])
    def test_each_year_has_each_regions_rate(self, start_year):
        rates = FundingRate.objects.filter(academic_year__start_year=start_year).order_by("region")
        assert [(rate.region.name, rate.pence_per_hour) for rate in rates] == [
            ("Inner London", 5360),
            ("Outer London", 4825),
            ("Fringe", 4510),
            ("Rest of England", 4380),
        ]

    def test_regions_and_their_districts(self):
        counts = {region.name: region.districts.count() for region in FundingRegion.objects.all()}
        assert counts == {"Inner London": 19, "Outer London": 14, "Fringe": 33, "Rest of England": 0}
        assert District.objects.get(code="E09000007").name == "Camden"
        assert District.objects.get(code="E06000060").region.name == "Fringe"
        assert FundingRegion.objects.get(other_districts=True).name == "Rest of England"

    @pytest.mark.parametrize(
        "day, start_year",
        [(date(2025, 9, 1), 2025), (date(2026, 8, 31), 2025), (date(2026, 1, 1), 2025), (date(2025, 8, 31), 2024)],
    )
    def test_the_academic_year_a_day_is_in(self, day, start_year):
        assert AcademicYear.start_year_of(day) == start_year


class TestClaimWindowTimes:
    """A window opens at the start of its first day and closes at 11:59pm on its last, UK time."""

    @pytest.fixture
    def summer(self):  # British Summer Time: UK time is UTC + 1
        return ClaimWindow(academic_year=AcademicYear.objects.get(start_year=2025), opens_on=date(2026, 5, 1),
                           closes_on=date(2026, 7, 31))  # fmt: skip

    @pytest.fixture
    def winter(self):  # Greenwich Mean Time: UK time is UTC
        return ClaimWindow(academic_year=AcademicYear.objects.get(start_year=2026), opens_on=date(2026, 11, 2),
                           closes_on=date(2026, 12, 18))  # fmt: skip

    @pytest.mark.parametrize(
        "moment, is_open",
        [
            (datetime(2026, 4, 30, 22, 59, 59, tzinfo=UTC), False),  # 11:59:59pm on 30 April in the UK
            (datetime(2026, 4, 30, 23, 0, tzinfo=UTC), True),  # midnight starting 1 May
            (datetime(2026, 7, 31, 22, 58, 59, tzinfo=UTC), True),  # 11:58:59pm on the last day
            (datetime(2026, 7, 31, 22, 59, tzinfo=UTC), False),  # 11:59pm: closed
            (datetime(2026, 7, 31, 23, 30, tzinfo=UTC), False),
        ],
    )
    def test_in_summer_time(self, summer, moment, is_open):
        assert summer.is_open(moment) is is_open

    @pytest.mark.parametrize(
        "moment, is_open",
        [
            (datetime(2026, 11, 1, 23, 59, 59, tzinfo=UTC), False),
            (datetime(2026, 11, 2, 0, 0, tzinfo=UTC), True),
            (datetime(2026, 12, 18, 23, 58, 59, tzinfo=UTC), True),
            (datetime(2026, 12, 18, 23, 59, tzinfo=UTC), False),
        ],
    )
    def test_in_winter(self, winter, moment, is_open):
        assert winter.is_open(moment) is is_open

    def test_reads_as_its_days_and_year(self, summer):
        assert str(summer) == "1 May 2026 to 31 July 2026 (2025 to 2026)"


def refused(make):
    # A value too long for its column is a DataError; every other refusal, an IntegrityError.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        make()


class TestTheDatabaseRefuses:
    @pytest.fixture
    def year(self):
        return AcademicYear.objects.get(start_year=2025)

    def window(self, year, opens_on, closes_on):
        return ClaimWindow.objects.create(academic_year=year, opens_on=opens_on, closes_on=closes_on)

    @pytest.mark.parametrize(
        "opens_on, closes_on",
        [
            (date(2026, 5, 31), date(2026, 6, 10)),  # sharing its last day
            (date(2026, 4, 1), date(2026, 5, 1)),  # sharing its first day
            (date(2026, 5, 10), date(2026, 5, 20)),  # inside it
            (date(2026, 4, 1), date(2026, 7, 1)),  # around it
        ],
    )
    def test_windows_that_overlap(self, year, opens_on, closes_on):
        self.window(year, date(2026, 5, 1), date(2026, 5, 31))
        refused(lambda: self.window(AcademicYear.objects.get(start_year=2026), opens_on, closes_on))

    def test_but_not_windows_one_after_the_other(self, year):
        self.window(year, date(2026, 5, 1), date(2026, 5, 31))
        self.window(year, date(2026, 6, 1), date(2026, 6, 30))
        assert ClaimWindow.objects.count() == 2

    def test_a_window_that_closes_before_it_opens(self, year):
        refused(lambda: self.window(year, date(2026, 5, 2), date(2026, 5, 1)))

    def test_a_claim_whose_amount_is_not_its_hours_times_its_rate(self):
        refused(lambda: ClaimFactory(total_hours=10, rate_pence=4380, amount_pence=43801))

    @pytest.mark.parametrize("reference", ["1234567", "123456789", "1234567A", "-1234567"])
    def test_a_reference_that_is_not_8_digits(self, reference):
        refused(lambda: ClaimFactory(reference=reference))

    def test_the_same_reference_twice(self):
        ClaimFactory(reference="00000042")
        refused(lambda: ClaimFactory(reference="00000042"))

    def test_a_submitted_claim_without_when_or_by_whom(self):
        refused(lambda: ClaimFactory(submitted_at=None))
        refused(lambda: ClaimFactory(submitted_by=None))
        assert ClaimFactory(status=Claim.Status.DRAFT, submitted_at=None, submitted_by=None).pk

    def test_a_claim_of_no_hours(self):
        refused(lambda: ClaimFactory(total_hours=0))

    def test_a_mentor_twice_in_a_claim_or_with_no_hours(self):
        mentor = MentorFactory()
        claim = make_claim(hours={mentor: 5})
        refused(lambda: ClaimMentor.objects.create(claim=claim, mentor=mentor, trn=mentor.trn, hours=1))
        other = MentorFactory(school=mentor.school)
        refused(lambda: ClaimMentor.objects.create(claim=claim, mentor=other, trn=other.trn, hours=0))

    def test_an_unknown_status(self):
        refused(lambda: ClaimFactory(status="paid_twice"))

    def test_two_regions_of_every_other_district(self):
        refused(lambda: FundingRegion.objects.create(name="Elsewhere", other_districts=True))

    def test_two_rates_for_a_region_in_a_year(self, year):
        rate = year.rates.first()
        refused(lambda: FundingRate.objects.create(academic_year=year, region=rate.region, pence_per_hour=1))

    def test_no_hours_in_a_year(self):
        refused(lambda: AcademicYear.objects.create(start_year=2030, initial_hours=0, refresher_hours=6))
