"""The reports' figures: current mentors, schools with and without them, mentors added and removed each month (from
history), and claims. Every figure is one grouped query, whatever the number of rows it counts.

A scope says whose figures: every school's (DfE's staff), or one provider's partner schools and its own claims."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from claims.models import AcademicYear, Claim, ClaimMentor, FundingRegion
from mentors.models import Mentor
from mentors.selectors import with_status
from providers.models import Provider
from schools.models import School

MONTHS = 24
# Claims that count in funding figures: submitted, and not rejected by the payer.
NOT_IN_FUNDING = Claim.NOT_COUNTING | Claim.NOT_SUBMITTED


@dataclass(frozen=True)
class Scope:
    """Whose figures: every school's, or a provider's partner schools and the claims for training with it."""

    provider: Provider | None = None


@dataclass(frozen=True)
class Filters:
    academic_year: AcademicYear | None = None
    region: FundingRegion | None = None
    phase: int | None = None


def _schools_q(scope, filters, prefix=""):
    """The open schools a figure counts, as a condition on the school at prefix (such as "school__")."""
    q = Q(**{f"{prefix}is_open": True})
    if scope.provider is not None:
        q &= Q(**{f"{prefix}partnerships__provider": scope.provider})
    if filters.region is not None:
        q &= Q(**{f"{prefix}funding_region": filters.region})
    if filters.phase is not None:
        q &= Q(**{f"{prefix}phase_of_education_code": filters.phase})
    return q


def _school_groups(by, prefix=""):
    """The fields of the school at prefix that group figures by the filters named in by (for the summaries)."""
    fields = {"region": f"{prefix}funding_region", "phase": f"{prefix}phase_of_education_code"}
    return [fields[name] for name in by]


def _claim_groups(by, prefix="claim__"):
    fields = {
        "academic_year": f"{prefix}academic_year",
        "region": f"{prefix}funding_region",
        "phase": f"{prefix}school__phase_of_education_code",
    }
    return [fields[name] for name in by]


def current_mentors(scope, filters):
    mentors = Mentor.objects.current().filter(_schools_q(scope, filters, "school__"))
    if scope.provider is not None:
        # A mentor the school keeps from its providers is not counted in theirs either.
        mentors = mentors.filter(shown_to_providers=True)
    return mentors


# Each breakdown of current mentors: its slug, what it is by, and the field it groups on.
MENTOR_BREAKDOWNS = [
    ("funding-region", "Funding region", "school__funding_region__name"),
    ("gias-region", "Region (GIAS)", "school__region"),
    ("phase", "School phase", "school__phase_of_education_code"),
    ("subject", "Subject", "subject__name"),
    ("age-range", "Age range", "age_range__name"),
    ("key-stage", "Key stage", "key_stage__name"),
    ("status", "Status", "status"),
]


# Each figure below can also be grouped by the filters named in `by` ("academic_year", "region", "phase"): its rows
# then start with those filters' values (ids and codes), so that reports.services can summarise every filter at once.


def mentor_breakdowns(scope, filters, by=()):
    """{field: [(*values of the filters in by, value, number of current mentors)]} for each field of
    MENTOR_BREAKDOWNS, in order of value. One query counts the mentors of each combination of every field's values,
    and each breakdown adds those up: grouping the live rows once, not once a breakdown."""
    fields = [field for _, _, field in MENTOR_BREAKDOWNS]
    groups = _school_groups(by, "school__")
    combinations = (
        with_status(current_mentors(scope, filters))
        .order_by()
        .values_list(*groups, *fields)
        .annotate(mentors=Count("pk"))
    )
    counts = {field: Counter() for field in fields}
    for *values, mentors in combinations:
        chosen, own = values[: len(groups)], values[len(groups) :]
        for field, value in zip(fields, own, strict=True):
            counts[field][(*chosen, value)] += mentors
    return {
        field: sorted(((*key, number) for key, number in counted.items()), key=_in_order)
        for field, counted in counts.items()
    }


def _in_order(row):
    """A grouped row's place, as ORDER BY its values would give it: by each value but the last (its number), nothing
    last."""
    return [(value is None, value) for value in row[:-1]]


def schools_with_mentors_by_region(scope, filters, by=()):
    """(GIAS region, schools with current mentors, schools without) of the open schools in scope."""
    has_mentors = Exists(Mentor.objects.current().filter(school=OuterRef("pk")))
    groups = _school_groups(by)
    rows = (
        School.objects.filter(_schools_q(scope, filters))
        .order_by()
        .values_list(*groups, "region")
        .annotate(with_mentors=Count("pk", filter=Q(has_mentors)), schools=Count("pk"))
        .order_by(*groups, "region")
    )
    return [(*values, region, with_mentors, schools - with_mentors) for *values, region, with_mentors, schools in rows]


def month_starts(today=None, months=MONTHS):
    """The first day of each of the last months, this one included, oldest first (UK time)."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def mentors_added_and_removed(scope, filters, today=None):
    """(first day of the month, mentors added, mentors removed) for each of the last 24 months, from the mentors'
    history: a mentor is added in the month of their first version and removed in the month of the first version
    that says they were removed, so a change made today never changes a past month."""
    months = month_starts(today)
    counts = monthly_changes(scope, filters, months[0])
    return [(month, *counts.get((month,), [0, 0])) for month in months]


def monthly_changes(scope, filters, since, by=()):
    """{(*values of the filters in by, first day of the month): [mentors added, mentors removed]} from since on."""
    since = timezone.make_aware(timezone.datetime.combine(since, timezone.datetime.min.time()))
    history = Mentor.history.filter(_schools_q(scope, filters, "school__"), history_date__gte=since)
    added = Q(history_type="+")
    earlier_removal = Mentor.history.filter(
        id=OuterRef("id"), removed_at__isnull=False, history_id__lt=OuterRef("history_id")
    )
    removed = Q(removed_at__isnull=False) & ~Q(Exists(earlier_removal))
    groups = _school_groups(by, "school__")
    by_month = (
        history.filter(Q(history_type="+") | Q(removed_at__isnull=False))
        .annotate(month=TruncMonth("history_date"))
        .order_by()
        .values_list(*groups, "month")
        .annotate(added=Count("history_id", filter=added), removed=Count("history_id", filter=removed))
    )
    counts = {}
    for *values, month, added_then, removed_then in by_month:
        month = timezone.localtime(month).date() if hasattr(month, "hour") else month
        if added_then or removed_then:
            counts[(*values, month)] = [added_then, removed_then]
    return counts


def _claim_mentors(scope, filters):
    """The mentors' hours in the claims a funding figure counts (at any school, open or since closed)."""
    rows = ClaimMentor.objects.exclude(claim__status__in=NOT_IN_FUNDING)
    if scope.provider is not None:
        rows = rows.filter(claim__provider=scope.provider)
    if filters.academic_year is not None:
        rows = rows.filter(claim__academic_year=filters.academic_year)
    if filters.region is not None:
        rows = rows.filter(claim__funding_region=filters.region)
    if filters.phase is not None:
        rows = rows.filter(claim__school__phase_of_education_code=filters.phase)
    return rows


# Each breakdown of claims: its slug, what it is by, and the field it groups on.
CLAIM_BREAKDOWNS = [
    ("academic-year", "Academic year", "claim__academic_year__start_year"),
    ("funding-region", "Funding region", "claim__funding_region__name"),
    ("provider", "Accredited provider", "claim__provider__name"),
]


def claims_by(scope, filters, field, by=()):
    """(value, claims, mentors, hours, amount in pence) for each value of the field. Mentors are counted once each
    (by TRN) in a row; a claim's amount is its hours times its rate, so the sum of its mentors' hours times it."""
    groups = _claim_groups(by)
    return list(
        _claim_mentors(scope, filters)
        .order_by()
        .values_list(*groups, field)
        .annotate(
            claims=Count("claim", distinct=True),
            mentors=Count("trn", distinct=True),
            total_hours=Sum("hours"),
            amount=Sum(F("hours") * F("claim__rate_pence")),
        )
        .order_by(*groups, field)
    )


def share_of_schools_that_claimed(scope, filters, by=()):
    """(funding region, open schools, those with a claim counted in funding) for each region. The academic year
    is not a school's: by names only the region and phase."""
    claims = Claim.objects.exclude(status__in=NOT_IN_FUNDING).filter(school=OuterRef("pk"))
    if scope.provider is not None:
        claims = claims.filter(provider=scope.provider)
    if filters.academic_year is not None:
        claims = claims.filter(academic_year=filters.academic_year)
    groups = _school_groups(by)
    return list(
        School.objects.filter(_schools_q(scope, filters))
        .order_by()
        .values_list(*groups, "funding_region__name")
        .annotate(schools=Count("pk"), claimed=Count("pk", filter=Q(Exists(claims))))
        .order_by(*groups, "funding_region__name")
    )


def claims_by_status(scope, filters, by=()):
    """(status, claims) of every claim in scope, drafts and those not paid included."""
    claims = Claim.objects.all()
    if scope.provider is not None:
        claims = claims.filter(provider=scope.provider)
    if filters.academic_year is not None:
        claims = claims.filter(academic_year=filters.academic_year)
    if filters.region is not None:
        claims = claims.filter(funding_region=filters.region)
    if filters.phase is not None:
        claims = claims.filter(school__phase_of_education_code=filters.phase)
    groups = _claim_groups(by, prefix="")
    return list(
        claims.order_by().values_list(*groups, "status").annotate(claims=Count("pk")).order_by(*groups, "status")
    )
