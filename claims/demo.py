"""Demo data for funding claims (seed_demo): a claim window open whenever the demo is made."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import selectors
from .models import AcademicYear, ClaimWindow, FundingRate

DEMO_WINDOW_DAYS = 90


@transaction.atomic
def open_claim_window(now=None):
    """A claim window open now, for the academic year today is in: the one open already, or one from today for
    DEMO_WINDOW_DAYS days that ends before the next window planned. The academic year is made, with the hours and
    rates of the latest one, when support staff have not made it yet."""
    now = now or timezone.now()
    window = selectors.open_window(now)
    if window:
        return window
    today = timezone.localdate(now)
    closes_on = today + timedelta(days=DEMO_WINDOW_DAYS - 1)
    later = ClaimWindow.objects.filter(opens_on__gt=today).order_by("opens_on").first()
    if later:
        closes_on = min(closes_on, later.opens_on - timedelta(days=1))
    # A window whose last day is today and that closed at 11:59pm is kept open longer, rather than overlapped.
    closed_today = ClaimWindow.objects.filter(opens_on__lte=today, closes_on__gte=today).first()
    if closed_today:
        closed_today.closes_on = max(closes_on, today + timedelta(days=1))
        closed_today.save(update_fields=["closes_on"])
        return closed_today
    return ClaimWindow.objects.create(academic_year=_academic_year(today), opens_on=today, closes_on=closes_on)


def _academic_year(today):
    start_year = AcademicYear.start_year_of(today)
    year = AcademicYear.objects.filter(start_year=start_year).first()
    if year:
        return year
    latest = AcademicYear.objects.order_by("-start_year").first()
    year = AcademicYear.objects.create(
        start_year=start_year, initial_hours=latest.initial_hours, refresher_hours=latest.refresher_hours
    )
    FundingRate.objects.bulk_create(
        FundingRate(academic_year=year, region_id=rate.region_id, pence_per_hour=rate.pence_per_hour)
        for rate in latest.rates.all()
    )
    return year
