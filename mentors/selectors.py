"""Reads about a school's mentors, and the choices a school is offered when it describes one."""

import operator
from datetime import datetime, time
from functools import reduce

from django.db import connection
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Collate, Concat
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reference_data import selectors as reference_lists
from schools.selectors import service_phases, teaching
from schools.terms import term_of

from .models import Mentor, MentorStatus, TraineeAssignment

# A mentor's full name, as Mentor.full_name writes it, for queries.
FULL_NAME = Concat("first_name", Value(" "), "last_name")


def subjects_for_school(school):
    return reference_lists.subjects_for(service_phases(school))


def age_ranges_for_school(school):
    return reference_lists.age_ranges_for(service_phases(school))


def age_range_known_from_gias(school):
    """The age range the school's statutory ages from GIAS leave no doubt about, or None.

    That is the only one of the school's age ranges lying within its statutory low and high ages: an 11 to 16
    school can only mean '11 to 16', while an 11 to 18 school could mean '11 to 16' or '11 to 18'.
    """
    low, high = school.statutory_low_age, school.statutory_high_age
    if low is None or high is None:
        return None
    within = [
        age_range
        for age_range in age_ranges_for_school(school)
        if low <= age_range.low_age and age_range.high_age <= high
    ]
    return within[0] if len(within) == 1 else None


def key_stages_for_school(school, age_range):
    return reference_lists.key_stages_for(service_phases(school), age_range)


def school_has_mentor_with(school, *, other_than=None, **details):
    """Whether another of the school's mentors has these details (a TRN, an email address in any case)."""
    if "email" in details:
        details["email"] = details["email"].lower()  # kept in lower case (services.add_mentor)
    mentors = Mentor.objects.current().filter(school=school, **details)
    if other_than is not None:
        mentors = mentors.exclude(pk=other_than.pk)
    return mentors.exists()


def _alphabetically(field):
    # PostgreSQL's own collation may be bytewise (C.UTF-8), putting "de Souza" and "Ögren" after "Zhang";
    # ICU's root collation orders names as people expect.
    if connection.vendor == "postgresql":
        return Collate(F(field), "und-x-icu")
    return F(field)


def mentors_of(school):
    """The school's mentors (not those removed), in alphabetical order of last name."""
    return (
        Mentor.objects.current()
        .filter(school=school)
        .select_related("school", "subject", "age_range", "key_stage")
        .order_by(_alphabetically("last_name"), _alphabetically("first_name"), "pk")
    )


def search_mentors(school, query):
    """The school's mentors whose name, TRN or email address contains the query (any case)."""
    mentors = mentors_of(school)
    query = " ".join(query.split())
    if not query:
        return mentors
    return mentors.annotate(name=FULL_NAME).filter(
        Q(name__icontains=query) | Q(trn__icontains=query) | Q(email__icontains=query)
    )


def shown_to_providers(school, query=""):
    """The school's mentors its partner providers see (current, and not kept from providers), whose name or TRN
    contains the query (any case), in alphabetical order of last name."""
    mentors = mentors_of(school).filter(shown_to_providers=True)
    query = " ".join(query.split())
    if not query:
        return mentors
    return mentors.annotate(name=FULL_NAME).filter(Q(name__icontains=query) | Q(trn__icontains=query))


# What a list of mentors shows of each: read as plain rows, not mentors, as a list has no use for the rest.
LISTED = ("pk", "full_name", "trn", "subject__name", "age_range__name", "key_stage__name", "status", "lead_mentor_id")


def as_listed(mentors):
    """The mentors (with_status) as rows of LISTED (a dict each), for a page of a list."""
    return mentors.annotate(full_name=FULL_NAME).values(*LISTED)


def mentor_at(school, mentor_id):
    """One of the school's mentors; 404 for a mentor of another school, or one removed."""
    mentors = with_status(mentors_of(school)).select_related("lead_mentor__user", "last_reviewed_by")
    return get_object_or_404(mentors, pk=mentor_id)


def last_change(mentor):
    """The newest entry in the mentor's history: when their details last changed, and by whom."""
    return mentor.history.select_related("history_user").first()


def with_status(mentors, today=None):
    """The mentors, each with its status (MentorStatus) worked out: not available when the school says so (until the
    day they are available again, if it said when), mentoring a trainee when an assignment covers today, and
    otherwise available."""
    today = today or timezone.localdate()
    unavailable = Q(unavailable=True) & (Q(available_again_on__isnull=True) | Q(available_again_on__gt=today))
    mentoring = TraineeAssignment.objects.filter(mentor=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    return mentors.annotate(
        status=Case(
            When(unavailable, then=Value(MentorStatus.NOT_AVAILABLE)),
            When(Exists(mentoring), then=Value(MentorStatus.MENTORING)),
            default=Value(MentorStatus.AVAILABLE),
        )
    )


def _term_started(today=None):
    """When this term started, as a time."""
    return timezone.make_aware(datetime.combine(term_of(today or timezone.localdate()).starts_on, time.min))


def due_for_review(mentors, today=None):
    """The mentors whose details nobody has confirmed are up to date this term."""
    started = _term_started(today)
    return mentors.filter(Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=started))


def is_due_for_review(mentor, today=None):
    return mentor.last_reviewed_at is None or mentor.last_reviewed_at < _term_started(today)


def trainees_of(mentor):
    """The mentor's trainee assignments with their providers: those not yet ended first, then the past, each by
    start date (latest first)."""
    today = timezone.localdate()
    return (
        TraineeAssignment.objects.filter(mentor=mentor)
        .select_related("provider")
        .annotate(ended=Case(When(ends_on__lt=today, then=Value(True)), default=Value(False)))
        .order_by("ended", "-starts_on", "last_name", "pk")
    )


def trainee_of(mentor, trainee_id):
    """One of the mentor's trainee assignments; 404 for another mentor's."""
    return get_object_or_404(
        TraineeAssignment.objects.select_related("provider", "mentor__school"), mentor=mentor, pk=trainee_id
    )


def _shown_to(provider, prefix=""):
    """A filter (Q) of the mentors a provider may see: current mentors of its partner schools that the school shows
    to providers; prefix is the path to the mentor, such as "mentor__"."""
    return Q(
        **{
            f"{prefix}removed_at__isnull": True,
            f"{prefix}shown_to_providers": True,
            f"{prefix}school__partnerships__provider": provider,
        }
    )


def trainees_with(provider):
    """The provider's trainees at its partner schools, as rows for a table: those not yet ended first, then by start
    date (latest first). Trainees of mentors removed, or not shown to providers, are not among them."""
    today = timezone.localdate()
    return (
        TraineeAssignment.objects.filter(_shown_to(provider, "mentor__"), provider=provider)
        .annotate(ended=Case(When(ends_on__lt=today, then=Value(True)), default=Value(False)))
        .order_by("ended", "-starts_on", _alphabetically("last_name"), "pk")
        .values(
            "pk",
            "first_name",
            "last_name",
            "starts_on",
            "ends_on",
            "ended",
            "mentor__first_name",
            "mentor__last_name",
            "mentor__school__name",
        )
    )


# A provider looks for available mentors first.
STATUS_ORDER = Case(
    When(status=MentorStatus.AVAILABLE, then=Value(0)),
    When(status=MentorStatus.MENTORING, then=Value(1)),
    default=Value(2),
)
# What the provider's search shows of each mentor, as plain rows.
FOUND = (
    "pk",
    "full_name",
    "school_id",
    "school__name",
    "subject__name",
    "age_range__name",
    "key_stage__name",
    "status",
    "offers_no_send_support",
    "date_qualified",
    "dqt_date_qualified",
    "date_started_mentoring",
)


def find_for_provider(provider, *, subject=None, age_range=None, key_stage=None, statuses=(), send_areas=(), phases=()):
    """The mentors the provider may see (current, at its partner schools, shown to providers) with these details, as
    rows of FOUND grouped by school (by name), available mentors first in each. A mentor matches any of the
    statuses, SEND areas and phases given."""
    mentors = with_status(Mentor.objects.filter(_shown_to(provider)))
    for name, value in (("subject", subject), ("age_range", age_range), ("key_stage", key_stage)):
        if value is not None:
            mentors = mentors.filter(**{name: value})
    if statuses:
        mentors = mentors.filter(status__in=statuses)
    if send_areas:
        offering = Mentor.send_support.through.objects.filter(mentor=OuterRef("pk"), sendarea__in=send_areas)
        mentors = mentors.filter(Exists(offering))
    if phases:
        mentors = mentors.filter(reduce(operator.or_, (teaching(phase.code, "school__") for phase in phases)))
    return (
        mentors.annotate(full_name=FULL_NAME, status_order=STATUS_ORDER)
        .order_by(
            _alphabetically("school__name"),
            "school_id",
            "status_order",
            _alphabetically("last_name"),
            _alphabetically("first_name"),
            "pk",
        )
        .values(*FOUND)
    )


def send_support_of(mentor_ids):
    """The SEND support each of these mentors can offer: area names by mentor id, in the list's order."""
    chosen = (
        Mentor.send_support.through.objects.filter(mentor_id__in=mentor_ids)
        .order_by("sendarea__position", "sendarea__name")
        .values_list("mentor_id", "sendarea__name")
    )
    by_mentor = {}
    for mentor_id, name in chosen:
        by_mentor.setdefault(mentor_id, []).append(name)
    return by_mentor
