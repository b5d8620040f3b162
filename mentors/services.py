"""Writes about mentors: adding one to a school, changing their details, removing them, and checking them in TRS."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import trs
from core.services import submit_once
from emails.models import Email
from emails.services import queue_email
from partnerships.selectors import are_partners
from schools import selectors as school_selectors
from schools.models import Membership
from schools.terms import term_of

from . import selectors
from .models import ENDS_AFTER_START, FROM_DQT, DQTStatus, Mentor, ReviewReminder, TraineeAssignment, ends_by_message


class MentorAlreadyAdded(Exception):
    """The school already has a mentor with this TRN or email address (field names which: "trn" or "email")."""

    def __init__(self, field):
        super().__init__(field)
        self.field = field


class MentorAlreadyRemoved(Exception):
    """Someone removed the mentor in the meantime (another coordinator, or the same one clicking twice)."""


@dataclass(frozen=True)
class TRSLookup:
    """What TRS says of a TRN and name: the teacher's record, or why it does not do."""

    record: trs.TeacherRecord | None = None
    field: str | None = None
    error: str | None = None


TRN_NOT_FOUND = "Check the teacher reference number (TRN): the Database of Qualified Teachers has no teacher with it"
NAME_MISMATCH = "Check the name: it does not match the teacher with this TRN in the Database of Qualified Teachers"


def look_up_in_trs(*, trn, first_name, last_name, **other_details):
    """Look the teacher up by TRN, so the school does not retype what DfE knows.

    When TRS cannot answer (unavailable, or misconfigured), there is no record and no error: the mentor can still
    be added, and is checked later (refresh_trs).
    """
    try:
        record = trs.get_client().get_teacher(trn)
    except trs.TeacherNotFound:
        return TRSLookup(field="trn", error=TRN_NOT_FOUND)
    except trs.TRSError:
        return TRSLookup()
    if not record.name_matches(first_name, last_name):
        return TRSLookup(field="first_name", error=NAME_MISMATCH)
    return TRSLookup(record=record)


def apply_trs_record(mentor, record):
    """Keep what DQT says of the mentor (unsaved): date qualified, qualifications and induction status."""
    mentor.dqt_status = DQTStatus.FOUND
    mentor.dqt_checked_at = timezone.now()
    mentor.dqt_date_qualified = record.qts_date
    mentor.dqt_qualifications = "\n".join(record.qualifications)
    mentor.dqt_induction_status = record.induction_status


def refresh_from_trs(*, mentor):
    """Check the mentor in TRS again and keep what it says; returns the mentor's DQT status, or None if TRS
    could not answer (the mentor is left as it was)."""
    try:
        record = trs.get_client().get_teacher(mentor.trn)
    except trs.TeacherNotFound:
        status = DQTStatus.NOT_FOUND
    except trs.TRSError:
        return None
    else:
        status = (
            DQTStatus.FOUND if record.name_matches(mentor.first_name, mentor.last_name) else DQTStatus.NAME_MISMATCH
        )
    if status == DQTStatus.FOUND:
        apply_trs_record(mentor, record)
    else:
        mentor.dqt_status = status
        mentor.dqt_checked_at = timezone.now()
    mentor.save()
    return status


def add_mentor(
    *,
    school,
    added_by,
    journey_id,
    first_name,
    last_name,
    trn,
    email,
    subject,
    age_range,
    key_stage,
    trs_record=None,
):
    """Add a mentor to the school and, once the change is committed, email them to say so.

    journey_id names the add-mentor journey: submitting the same journey again returns the mentor it added.
    trs_record is what TRS said of them; without one they are marked as not yet checked. Raises MentorAlreadyAdded
    when the school has a mentor with this TRN or email address already (even one added a moment ago).
    """
    _check_choices(school, subject=subject, age_range=age_range, key_stage=key_stage)

    def make():
        mentor = Mentor(
            school=school,
            added_by=added_by,
            first_name=first_name,
            last_name=last_name,
            trn=trn,
            email=email.lower(),
            subject=subject,
            age_range=age_range,
            key_stage=key_stage,
        )
        if trs_record:
            apply_trs_record(mentor, trs_record)
        mentor._history_user = added_by
        mentor.save()
        _email_mentor(mentor, Email.Kind.MENTOR_ADDED)
        return mentor

    try:
        return submit_once(journey_id=journey_id, model=Mentor, make=make)
    except IntegrityError:
        # Another coordinator added the same TRN or email address, perhaps at this very moment.
        raise MentorAlreadyAdded(_duplicate_detail(school, trn=trn, email=email)) from None


# What a change page may change; the rest (the school, DQT's record, removal) is not a change of details.
CHANGEABLE = frozenset(
    {
        "first_name",
        "last_name",
        "trn",
        "email",
        "subject",
        "age_range",
        "key_stage",
        "date_qualified",
        "qualifications",
        "date_started_mentoring",
        "provider_training",
        "send_training",
        "send_training_details",
        "subject_networks",
        "other_experiences",
        "lead_mentor",
        "send_support",
        "offers_no_send_support",
        "unavailable",
        "unavailable_reason",
        "available_again_on",
        "shown_to_providers",
    }
)
# Details kept in a table of their own (many to many), not a column of the mentor.
MANY = frozenset({"send_support"})


def change_mentor(*, mentor, changed_by, changes):
    """Change some of a mentor's details and return the names of those that changed (none, if nothing did); their
    history records who changed what.

    Only CHANGEABLE details may change, choices must be the school's, the key stage must go with the age range and
    the dates must be in order (ValidationError). Raises MentorAlreadyAdded when another of the school's mentors
    has the new TRN or email address. A new TRN or name has not been checked in TRS: the mentor is checked again
    later (refresh_trs).
    """
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise ValidationError(f"These details cannot be changed here: {', '.join(sorted(unknown))}")
    if mentor.details_from_dqt and FROM_DQT & set(changes):
        raise ValidationError("The date qualified and qualifications come from the Database of Qualified Teachers")
    if "email" in changes:
        changes = {**changes, "email": changes["email"].lower()}
    changed = [name for name, value in changes.items() if _current(mentor, name) != _comparable(name, value)]
    if not changed:
        return []
    choices = ("subject", "age_range", "key_stage")
    if any(name in changed for name in choices):
        _check_choices(mentor.school, **{name: changes.get(name, getattr(mentor, name)) for name in choices})
    lead_mentor = changes.get("lead_mentor")
    if "lead_mentor" in changed and lead_mentor and lead_mentor not in school_selectors.lead_mentors_of(mentor.school):
        raise ValidationError(f"{lead_mentor} is not a lead mentor at {mentor.school.name}")
    qualified = mentor.dqt_date_qualified or changes.get("date_qualified", mentor.date_qualified)
    started = changes.get("date_started_mentoring", mentor.date_started_mentoring)
    if qualified and started and started < qualified:
        raise ValidationError("A mentor cannot have started mentoring before they qualified as a teacher")

    if any(name in changed for name in ("trn", "first_name", "last_name")):
        mentor.dqt_status = DQTStatus.NOT_CHECKED
    for name in changed:
        if name not in MANY:
            setattr(mentor, name, changes[name])
    mentor._history_user = changed_by
    try:
        with transaction.atomic():
            for name in MANY & set(changed):
                getattr(mentor, name).set(changes[name])
            mentor.save()
    except IntegrityError:
        raise MentorAlreadyAdded(
            _duplicate_detail(mentor.school, trn=mentor.trn, email=mentor.email, other_than=mentor)
        ) from None
    return changed


def _current(mentor, name):
    return set(getattr(mentor, name).all()) if name in MANY else getattr(mentor, name)


def _comparable(name, value):
    return set(value) if name in MANY else value


def confirm_details_up_to_date(*, mentors, confirmed_by):
    """Record that confirmed_by has checked these mentors' details are up to date (the termly review). Returns how
    many mentors it recorded."""
    now = timezone.now()
    with transaction.atomic():
        locked = list(Mentor.objects.current().filter(pk__in=[mentor.pk for mentor in mentors]).select_for_update())
        for mentor in locked:
            mentor.last_reviewed_at = now
            mentor.last_reviewed_by = confirmed_by
            mentor._history_user = confirmed_by
            mentor.save(update_fields=["last_reviewed_at", "last_reviewed_by", "updated_at"])
    return len(locked)


def add_trainee(*, mentor, added_by, first_name, last_name, provider, starts_on, ends_on):
    """Record a trainee the mentor mentors, from one of the school's partner providers, from starts_on to ends_on.
    Raises ValidationError for a provider that is not the school's partner or an end not after the start."""
    assignment = TraineeAssignment(mentor=mentor)
    return _save_trainee(
        assignment,
        saved_by=added_by,
        first_name=first_name,
        last_name=last_name,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def change_trainee(*, assignment, changed_by, first_name, last_name, provider, starts_on, ends_on):
    """Change a trainee assignment's details, under the same rules as add_trainee."""
    return _save_trainee(
        assignment,
        saved_by=changed_by,
        first_name=first_name,
        last_name=last_name,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def end_trainee(*, assignment, ended_by, ends_on):
    """The trainee stops being mentored on ends_on (today, or a day the school chooses): never after the end
    already planned, and after the start."""
    if ends_on > assignment.ends_on:
        raise ValidationError(ends_by_message(assignment))
    return _save_trainee(assignment, saved_by=ended_by, ends_on=ends_on)


# What makes two of a mentor's trainee assignments the same.
TRAINEE_DETAILS = ("first_name", "last_name", "provider", "starts_on", "ends_on")


def _save_trainee(assignment, *, saved_by, **details):
    school = assignment.mentor.school
    provider = details.get("provider", assignment.provider if assignment.provider_id else None)
    if "provider" in details and not are_partners(school=school, provider=provider):
        raise ValidationError(f"{provider} is not a partner provider of {school.name}")
    if details["ends_on"] <= details.get("starts_on", assignment.starts_on):
        raise ValidationError(ENDS_AFTER_START)
    for name, value in details.items():
        setattr(assignment, name, value)
    assignment._history_user = saved_by
    with transaction.atomic():
        # The mentor's row is locked, so that a mentor removed at this moment gets no trainee.
        if not Mentor.objects.current().select_for_update().filter(pk=assignment.mentor_id).exists():
            raise ValidationError(f"{assignment.mentor.full_name} has been removed from {school.name}")
        if assignment.pk is None:
            # The same trainee sent again (a double click, or the form sent again from the browser's history) is
            # the one already recorded: the lock above makes the second wait for the first.
            same = {name: getattr(assignment, name) for name in TRAINEE_DETAILS}
            recorded = TraineeAssignment.objects.filter(mentor_id=assignment.mentor_id, **same).first()
            if recorded is not None:
                return recorded
        assignment.save()
    return assignment


def _check_choices(school, *, subject, age_range, key_stage):
    """The subject, age range and key stage must be among the school's choices, and the key stage among those its
    age range offers."""
    if subject not in selectors.subjects_for_school(school):
        raise ValidationError(f"{subject} is not a subject {school.name} can choose")
    if age_range not in selectors.age_ranges_for_school(school):
        raise ValidationError(f"{age_range} is not an age range {school.name} can choose")
    if key_stage not in selectors.key_stages_for_school(school, age_range):
        raise ValidationError(f"{key_stage} is not a key stage {school.name} can choose with {age_range}")


def _duplicate_detail(school, *, trn, email, other_than=None):
    """Which detail another of the school's mentors has: "trn" or "email"."""
    if selectors.school_has_mentor_with(school, trn=trn, other_than=other_than):
        return "trn"
    return "email"


def remove_mentor(*, mentor, removed_by, reason="", reason_details=""):
    """Remove a mentor from their school, keeping the record of who removed them, when and why, and email them.

    The mentor's row is locked and checked again, so two removals at once remove them, and email them, once.
    """
    with transaction.atomic():
        current = Mentor.objects.select_for_update().get(pk=mentor.pk)
        if current.removed_at is not None:
            raise MentorAlreadyRemoved(mentor.pk)
        mentor.removed_at = timezone.now()
        mentor.removed_by = removed_by
        mentor.removal_reason = reason
        mentor.removal_reason_details = reason_details
        mentor._history_user = removed_by
        mentor.save()
        _email_mentor(mentor, Email.Kind.MENTOR_REMOVED)
    return mentor


def _email_mentor(mentor, kind):
    """Queue the email of this kind to the mentor, in the transaction of the change that causes it."""
    queue_email(kind, mentor.email, {"mentor": mentor, "school": mentor.school})


def remind_reviewers(*, today=None):
    """Email each ITT coordinator and lead mentor with mentors to review this term (a coordinator all the school's,
    a lead mentor those they lead) a link to them, once a term each for each school. Returns how many were
    emailed."""
    today = today or timezone.localdate()
    term = term_of(today)
    due = selectors.due_for_review(Mentor.objects.current(), today)
    reminded = set(ReviewReminder.objects.filter(term_starts_on=term.starts_on).values_list("user_id", "school_id"))
    emailed = 0
    for membership in school_selectors.memberships_to_remind(due):
        if (membership.user_id, membership.school_id) in reminded:
            continue
        mentors = due.filter(school=membership.school_id)
        if membership.role == Membership.Role.LEAD_MENTOR:
            mentors = mentors.filter(lead_mentor=membership)
        count = mentors.count()
        if not count:
            continue
        with transaction.atomic():
            _, created = ReviewReminder.objects.get_or_create(
                user=membership.user, school=membership.school, term_starts_on=term.starts_on
            )
            if created:
                link = reverse("mentors:list", kwargs={"urn": membership.school.urn})
                queue_email(
                    Email.Kind.REVIEW_REMINDER,
                    membership.user.email,
                    {
                        "user": membership.user,
                        "school": membership.school,
                        "count": count,
                        "term": term,
                        "link": f"{settings.SERVICE_URL.rstrip('/')}{link}?review=due",
                    },
                )
                emailed += 1
    return emailed
