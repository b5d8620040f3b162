from itertools import combinations

from django.db import transaction
from django.utils import timezone

from claims.models import AcademicYear

from . import selectors
from .models import SummaryRefresh, SummaryRow

NATIONAL = selectors.Scope()
EVERY = selectors.Filters()
MENTOR_FILTERS = ("region", "phase")
FUNDING_FILTERS = ("academic_year", "region", "phase")


def _subsets(names):
    return [by for size in range(len(names) + 1) for by in combinations(names, size)]


def _rows(figure, by, rows, *, fixed=None):
    """Summary rows from a selector's grouped rows (the values of the filters in by, the value, then numbers). A row
    whose school has no region is in no region's figures: only "all regions" counts it."""
    made = []
    for position, row in enumerate(rows):
        filters, value, numbers = row[: len(by)], row[len(by)], list(row[len(by) + 1 :])
        chosen = {**(fixed or {}), **dict(zip(by, filters, strict=True))}
        if None in chosen.values():
            continue
        made.append(
            SummaryRow(
                figure=figure,
                academic_year_id=chosen.get("academic_year"),
                region_id=chosen.get("region"),
                phase=chosen.get("phase"),
                position=position,
                value=value,
                numbers=numbers,
            )
        )
    return made


def _mentor_rows(since):
    rows = []
    for by in _subsets(MENTOR_FILTERS):
        breakdowns = selectors.mentor_breakdowns(NATIONAL, EVERY, by=by)
        for slug, _, field in selectors.MENTOR_BREAKDOWNS:
            rows += _rows(f"mentors-by-{slug}", by, breakdowns[field])
        rows += _rows("schools-with-mentors", by, selectors.schools_with_mentors_by_region(NATIONAL, EVERY, by=by))
        changes = selectors.monthly_changes(NATIONAL, EVERY, since, by=by)
        monthly = [(*key[:-1], key[-1].isoformat(), *numbers) for key, numbers in sorted(changes.items(), key=str)]
        rows += _rows("mentors-added-and-removed", by, monthly)
    return rows


def _funding_rows():
    rows = []
    years = list(AcademicYear.objects.values_list("pk", flat=True))
    for by in _subsets(FUNDING_FILTERS):
        for slug, _, field in selectors.CLAIM_BREAKDOWNS:
            rows += _rows(f"claims-by-{slug}", by, selectors.claims_by(NATIONAL, EVERY, field, by=by))
        rows += _rows("claims-by-status", by, selectors.claims_by_status(NATIONAL, EVERY, by=by))
        # Whether a school claimed depends on the year, which is not the school's: one query for each year.
        school_by = tuple(name for name in by if name != "academic_year")
        for year in years if "academic_year" in by else [None]:
            filters = selectors.Filters(academic_year=year and AcademicYear(pk=year))
            shares = selectors.share_of_schools_that_claimed(NATIONAL, filters, by=school_by)
            rows += _rows("schools-that-claimed", school_by, shares, fixed={"academic_year": year} if year else None)
    return rows


@transaction.atomic
def refresh_summaries(*, today=None):
    """Replace every summary row with the live figures of every school, for each choice of filters the staff
    reports offer, and record when. Readers see the old rows or the new ones, never a mix."""
    since = selectors.month_starts(today)[0]
    rows = _mentor_rows(since) + _funding_rows()
    SummaryRow.objects.all().delete()
    SummaryRow.objects.bulk_create(rows, batch_size=5000)
    SummaryRefresh.objects.all().delete()
    return SummaryRefresh.objects.create(refreshed_at=timezone.now())
