"""The staff reports' figures as reports.services last summarised them: the same functions as reports.selectors
(for every school), each reading its figures' rows for the filters chosen."""

from datetime import date

from .models import SummaryRefresh, SummaryRow
from .selectors import CLAIM_BREAKDOWNS, MENTOR_BREAKDOWNS, month_starts


def refreshed_at():
    """When the summaries were last refreshed, or None if never."""
    return SummaryRefresh.objects.values_list("refreshed_at", flat=True).first()


def _figures(figures, filters):
    """{figure: [(value, *numbers)]} for the filters chosen, in one query."""
    rows = SummaryRow.objects.filter(
        figure__in=figures,
        academic_year=filters.academic_year,
        region=filters.region,
        phase=filters.phase,
    ).order_by("figure", "position")
    found = {figure: [] for figure in figures}
    for figure, value, numbers in rows.values_list("figure", "value", "numbers"):
        found[figure].append((value, *numbers))
    return found


def _rows(figure, filters):
    return _figures([figure], filters)[figure]


def _slug_of(breakdowns, field):
    return next(slug for slug, _, each in breakdowns if each == field)


def mentor_breakdowns(scope, filters):
    fields = {f"mentors-by-{slug}": field for slug, _, field in MENTOR_BREAKDOWNS}
    return {fields[figure]: rows for figure, rows in _figures(list(fields), filters).items()}


def schools_with_mentors_by_region(scope, filters):
    return _rows("schools-with-mentors", filters)


def mentors_added_and_removed(scope, filters, today=None):
    counts = {date.fromisoformat(month): numbers for month, *numbers in _rows("mentors-added-and-removed", filters)}
    return [(month, *counts.get(month, [0, 0])) for month in month_starts(today)]


def claims_by(scope, filters, field):
    return _rows(f"claims-by-{_slug_of(CLAIM_BREAKDOWNS, field)}", filters)


def share_of_schools_that_claimed(scope, filters):
    return _rows("schools-that-claimed", filters)


def claims_by_status(scope, filters):
    return _rows("claims-by-status", filters)
