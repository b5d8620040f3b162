"""The two reports, mentors and funding, as figures: the same for DfE's staff (every school) and a provider (its
partner schools and its own claims, with small numbers suppressed)."""

from mentors.models import MentorStatus
from schools.models import School

from . import selectors, summaries
from .charts import bar_chart
from .figures import MONEY, SHARE, TEXT, Figure, Measure, share, suppress_counts
from .suppression import FEWER_THAN

NOT_RECORDED = "Not recorded"
# What a grouped value means, where it is a code.
LABELS = {
    "phase": lambda code: School.GiasPhase(code).label,
    "status": lambda status: MentorStatus(status).label,
    "academic-year": lambda start_year: f"{start_year} to {start_year + 1}",
}


def _label(slug, value):
    if value in (None, ""):
        return NOT_RECORDED
    return LABELS.get(slug, str)(value)


def source(scope):
    """Where a scope's figures come from: every school's are summarised (grouping them live is too slow); a
    provider's, of its partner schools only, are grouped live."""
    return selectors if scope.provider is not None else summaries


def _suppression_note(scope):
    if scope.provider is None:
        return []
    return [f"To protect people's privacy, numbers from 1 to 4 are shown as “{FEWER_THAN}”."]


def mentor_figures(scope, filters, today=None):
    suppress = scope.provider is not None
    figures = []
    breakdowns = source(scope).mentor_breakdowns(scope, filters)
    for slug, by, field in selectors.MENTOR_BREAKDOWNS:
        rows = [[_label(slug, value), count] for value, count in breakdowns[field]]
        figures.append(
            Figure(
                slug=f"mentors-by-{slug}",
                caption=f"Current mentors by {by[0].lower()}{by[1:]}",
                measures=[Measure(by, TEXT), Measure("Mentors")],
                rows=suppress_counts(rows, [1], suppress),
            )
        )
    figures[0].chart = bar_chart(
        title="Current mentors by funding region",
        description="A bar for each funding region; the table after the chart gives each number.",
        table_id=figures[0].table_id,
        series=["Mentors"],
        groups=[(label, [count]) for label, count in figures[0].rows],
    )
    schools = [
        [_label("gias-region", region), with_mentors, without]
        for region, with_mentors, without in source(scope).schools_with_mentors_by_region(scope, filters)
    ]
    figures.append(
        Figure(
            slug="schools-with-mentors",
            caption="Open schools with and without mentors, by region (GIAS)",
            measures=[Measure("Region (GIAS)", TEXT), Measure("Schools with mentors"), Measure("Schools without")],
            rows=suppress_counts(schools, [1, 2], suppress),
        )
    )
    months = [
        [f"{month:%B %Y}", added, removed]
        for month, added, removed in source(scope).mentors_added_and_removed(scope, filters, today)
    ]
    monthly = Figure(
        slug="mentors-added-and-removed",
        caption=f"Mentors added and removed each month, {months[0][0]} to {months[-1][0]}",
        measures=[Measure("Month", TEXT), Measure("Mentors added"), Measure("Mentors removed")],
        rows=suppress_counts(months, [1, 2], suppress),
    )
    monthly.chart = bar_chart(
        title="Mentors added and removed each month",
        description=f"Two bars for each month from {months[0][0]} to {months[-1][0]}: mentors added, then mentors "
        "removed. The table after the chart gives each number.",
        table_id=monthly.table_id,
        series=["Added", "Removed"],
        groups=[(f"{label[:3]} {label[-4:]}", [added, removed]) for label, added, removed in monthly.rows],
        label_every=3,
    )
    figures.append(monthly)
    for figure in figures:
        figure.notes = _suppression_note(scope)
    return figures


CLAIM_MEASURES = [Measure("Claims"), Measure("Mentors"), Measure("Hours"), Measure("Amount", MONEY)]


def funding_figures(scope, filters):
    suppress = scope.provider is not None
    figures = []
    for slug, by, field in selectors.CLAIM_BREAKDOWNS:
        if slug == "provider" and scope.provider is not None:
            continue  # a provider's figures are all its own
        rows = [[_label(slug, value), *figures_] for value, *figures_ in source(scope).claims_by(scope, filters, field)]
        figures.append(
            Figure(
                slug=f"claims-by-{slug}",
                caption=f"Claims by {by[0].lower()}{by[1:]}",
                measures=[Measure(by, TEXT), *CLAIM_MEASURES],
                rows=suppress_counts(rows, [1, 2], suppress, hides=[3, 4]),
            )
        )
    by_region = figures[1]
    by_region.chart = bar_chart(
        title="Amount claimed by funding region, in pounds",
        description="A bar for each funding region; the table after the chart gives each amount.",
        table_id=by_region.table_id,
        series=["Amount claimed (£)"],
        groups=[
            (label, [amount // 100 if isinstance(amount, int) else amount]) for label, *_, amount in by_region.rows
        ],
    )
    shares = [
        [_label("funding-region", region), schools, claimed, share(claimed, schools)]
        for region, schools, claimed in source(scope).share_of_schools_that_claimed(scope, filters)
    ]
    if suppress:
        shares = [row if row[2] >= 5 else [*row[:3], FEWER_THAN] for row in shares]
    figures.append(
        Figure(
            slug="schools-that-claimed",
            caption="Share of each funding region's open schools that claimed",
            measures=[
                Measure("Funding region", TEXT),
                Measure("Open schools"),
                Measure("Schools that claimed"),
                Measure("Share that claimed", SHARE),
            ],
            rows=suppress_counts(shares, [1, 2], suppress),
        )
    )
    statuses = [
        [str(dict(selectors.Claim.Status.choices)[status]), count]
        for status, count in source(scope).claims_by_status(scope, filters)
    ]
    figures.append(
        Figure(
            slug="claims-by-status",
            caption="Claims by status",
            measures=[Measure("Status", TEXT), Measure("Claims")],
            rows=suppress_counts(statuses, [1], suppress),
            notes=[
                "Every claim by the status it has now, including drafts, claims the payer did not pay, and claims "
                "being audited or clawed back. The amounts above are what was claimed: money taken back by a "
                "clawback is not subtracted from them."
            ],
        )
    )
    for figure in figures:
        figure.notes = [*figure.notes, *_suppression_note(scope)]
    return figures


def describe_filters(filters):
    """What the figures are of, in words."""
    parts = []
    if filters.academic_year is not None:
        parts.append(f"in {filters.academic_year}")
    if filters.region is not None:
        parts.append(f"in the {filters.region} funding region")
    if filters.phase is not None:
        parts.append(f"at {School.GiasPhase(filters.phase).label.lower()} schools")
    return " ".join(parts)
