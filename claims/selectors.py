"""Reads about funding claims: the funding rules in force, claim windows, mentors' allowances and a school's claims."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, Prefetch, Q, Sum, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mentors.models import Mentor

from .models import (
    AcademicYear,
    Claim,
    ClaimMentor,
    ClaimWindow,
    District,
    FundingRate,
    FundingRegion,
    GrantConditionsAcceptance,
)


class NoFundingRegions(Exception):
    """No funding region covers the districts no region lists (support staff have removed it)."""


def funding_region_finder():
    """A function of a GIAS district code giving the id of its funding region: the region that lists the district,
    or the one of every other district (the rest of England). The regions are read once, here."""
    by_district = dict(District.objects.values_list("code", "region_id"))
    other = FundingRegion.objects.filter(other_districts=True).values_list("pk", flat=True).first()
    if other is None:
        raise NoFundingRegions("No funding region is marked as the region of every other district.")
    return lambda code: by_district.get(code.strip().upper(), other)


# Claim windows.


def open_window(now=None):
    """The claim window open now (with its academic year), or None."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    window = (
        ClaimWindow.objects.select_related("academic_year").filter(opens_on__lte=today, closes_on__gte=today).first()
    )
    return window if window is not None and window.is_open(now) else None


def next_window(now=None):
    """The next claim window to open after today, or None when none is planned."""
    today = timezone.localdate(now or timezone.now())
    return ClaimWindow.objects.select_related("academic_year").filter(opens_on__gt=today).order_by("opens_on").first()


def rate_for(region, academic_year):
    """The hourly rate of the funding region in the academic year, or None when support staff have not set one."""
    return FundingRate.objects.select_related("region").filter(region=region, academic_year=academic_year).first()


def current_academic_year():
    """The academic year today is in, or None when support staff have not set it up."""
    return AcademicYear.objects.filter(start_year=AcademicYear.start_year_of(timezone.localdate())).first()


def rates_in(academic_year):
    """Every funding region's hourly rate in the academic year, in the regions' order."""
    return FundingRate.objects.filter(academic_year=academic_year).select_related("region").order_by("region")


def acceptance_of(school):
    """Who accepted the grant conditions for the school, and when; None before anyone has."""
    return GrantConditionsAcceptance.objects.select_related("accepted_by").filter(school=school).first()


# Allowances.


@dataclass(frozen=True)
class Allowance:
    """A mentor's allowance of hours with one provider in one academic year, and what has been claimed of it.

    The allowance is the year's refresher hours when the mentor already has a submitted claim with the provider in
    an earlier year, and its initial hours otherwise. Claimed hours are counted at every school, from every claim
    but those the payer rejected (drafts count too).
    """

    allowed: int
    claimed: int = 0
    claimed_here: int = 0  # of them, by the school asking
    refresher: bool = False

    @property
    def left(self):
        return max(self.allowed - self.claimed, 0)

    @property
    def claimed_elsewhere(self):
        return self.claimed - self.claimed_here


def allowances(*, trns, provider, academic_year, school=None):
    """Each TRN's Allowance with the provider in the academic year (claimed_here counts the school's claims), in
    one query whatever the number of TRNs."""
    counting = ~Q(claim__status__in=Claim.NOT_COUNTING)
    this_year = Q(claim__academic_year=academic_year) & counting
    earlier_and_submitted = (
        Q(claim__academic_year__start_year__lt=academic_year.start_year)
        & counting
        & ~Q(claim__status__in=Claim.NOT_SUBMITTED)
    )
    rows = (
        ClaimMentor.objects.filter(
            trn__in=trns, claim__provider=provider, claim__academic_year__start_year__lte=academic_year.start_year
        )
        .values("trn")
        .annotate(
            claimed=Sum("hours", filter=this_year, default=0),
            claimed_here=Sum("hours", filter=this_year & Q(claim__school=school), default=0),
            earlier=Count("pk", filter=earlier_and_submitted),
        )
        .order_by()
    )
    found = {
        row["trn"]: Allowance(
            allowed=academic_year.hours_allowed(refresher=row["earlier"] > 0),
            claimed=row["claimed"],
            claimed_here=row["claimed_here"],
            refresher=row["earlier"] > 0,
        )
        for row in rows
    }
    fresh = Allowance(allowed=academic_year.hours_allowed(refresher=False))
    return {trn: found.get(trn, fresh) for trn in trns}


@dataclass(frozen=True)
class ClaimableMentors:
    """A school's current mentors as a claim with a provider in an academic year sees them: those with hours left
    to claim (listed), and those whose allowance is used up (unlisted, and why). Allowances by mentor id."""

    listed: list
    unlisted: list
    allowances: dict


def claimable_mentors(*, school, provider, academic_year):
    """The school's current mentors, in order of name, split by whether they have hours left with the provider in
    the academic year: two queries, whatever the number of mentors."""
    # Only what a claim shows and keeps of each: a large school has hundreds.
    mentors = list(
        Mentor.objects.current()
        .filter(school=school)
        .only("school_id", "first_name", "last_name", "trn")
        .order_by("last_name", "first_name", "pk")
    )
    found = allowances(
        trns=[mentor.trn for mentor in mentors], provider=provider, academic_year=academic_year, school=school
    )
    by_mentor = {mentor.pk: found[mentor.trn] for mentor in mentors}
    return ClaimableMentors(
        listed=[mentor for mentor in mentors if by_mentor[mentor.pk].left],
        unlisted=[mentor for mentor in mentors if not by_mentor[mentor.pk].left],
        allowances=by_mentor,
    )


# A school's claims.


def claims_of(school):
    """The school's claims, newest first."""
    return Claim.objects.filter(school=school).select_related("provider").order_by("-created_at", "-pk")


def claim_at(school, claim_id):
    """One of the school's claims with its mentors and history; 404 for any other."""
    return get_object_or_404(
        Claim.objects.select_related("provider", "academic_year", "funding_region", "submitted_by").prefetch_related(
            Prefetch("mentors", queryset=ClaimMentor.objects.select_related("mentor")), "activities"
        ),
        school=school,
        pk=claim_id,
    )


@dataclass(frozen=True)
class Claiming:
    """Whether a school can add a claim now, and what the claims page says about it."""

    window: object  # the claim window open now, or None
    next_window: object  # when none is open, the next one planned, or None
    acceptance: object  # who accepted the grant conditions for the school, or None
    rate: object  # the school's hourly rate in the open window's academic year, or None

    @property
    def is_open(self):
        """A claim can be added: a window is open, the grant conditions accepted and the school's rate set."""
        return bool(self.window and self.acceptance and self.rate)


def claiming(school):
    window = open_window()
    return Claiming(
        window=window,
        next_window=None if window else next_window(),
        acceptance=acceptance_of(school),
        rate=rate_for(school.funding_region_id, window.academic_year) if window else None,
    )


# Audits.

# A provider has 21 days from the request to audit a claim; a deadline on a weekend moves to the Monday.
AUDIT_DAYS = 21


def audit_deadline(requested_at):
    """The last day to audit a claim requested at that time (UK date)."""
    day = timezone.localdate(requested_at) + timedelta(days=AUDIT_DAYS)
    saturday = 5
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= saturday else day


def claims_with(provider):
    """The claims for training with the provider, those awaiting its audit first (soonest deadline first), then the
    newest; with their schools and the mentors' hours counted."""
    awaiting = Q(status=Claim.Status.AUDIT_REQUESTED)
    return (
        Claim.objects.filter(provider=provider)
        .exclude(status=Claim.Status.DRAFT)
        .select_related("school")
        .annotate(mentor_count=Count("mentors"), awaiting=Case(When(awaiting, then=0), default=1))
        .order_by("awaiting", "audit_requested_at", "-submitted_at", "-pk")
    )


def claim_with(provider, claim_id):
    return get_object_or_404(
        Claim.objects.select_related("school", "academic_year").prefetch_related(
            Prefetch("mentors", queryset=ClaimMentor.objects.select_related("mentor"))
        ),
        provider=provider,
        pk=claim_id,
    )
