"""The demo's claim window (seed_demo): open whenever the demo is made, never overlapping another."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from claims.demo import DEMO_WINDOW_DAYS, open_claim_window
from claims.models import AcademicYear, ClaimWindow

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Europe/London"))


def window(opens_on, closes_on, start_year=2026):
    return ClaimWindow.objects.create(
        academic_year=AcademicYear.objects.get(start_year=start_year), opens_on=opens_on, closes_on=closes_on
    )


def test_opens_a_window_from_today_for_the_year_today_is_in():
    opened = open_claim_window(NOON)
    assert (opened.opens_on, opened.closes_on) == (
        date(2026, 11, 29),
        date(2026, 11, 29) + timedelta(DEMO_WINDOW_DAYS - 1),
    )
    assert opened.academic_year.start_year == 2026
    assert opened.is_open(NOON)


def test_keeps_a_window_open_already():
    existing = window(date(2026, 11, 1), date(2026, 11, 30))
    assert open_claim_window(NOON) == existing
    assert ClaimWindow.objects.count() == 1


def test_ends_before_the_next_window_planned():
    window(date(2026, 12, 10), date(2026, 12, 20))
    opened = open_claim_window(NOON)
    assert opened.closes_on == date(2026, 12, 9)


def test_keeps_open_a_window_that_closed_at_11_59pm_today():
    closed = window(date(2026, 11, 1), date(2026, 11, 29))
    late = NOON.replace(hour=23, minute=59, second=30)
    assert not closed.is_open(late)
    assert open_claim_window(late) == closed
    closed.refresh_from_db()
    assert closed.is_open(late)
    assert ClaimWindow.objects.count() == 1


def test_makes_the_academic_year_from_the_latest_when_support_staff_have_not():
    later = NOON.replace(year=2028)  # 29 November 2028: in 2028 to 2029, which the data does not have
    opened = open_claim_window(later)
    year = opened.academic_year
    assert (year.start_year, year.initial_hours, year.refresher_hours) == (2028, 16, 6)
    assert sorted(year.rates.values_list("pence_per_hour", flat=True)) == [4380, 4510, 4825, 5360]
