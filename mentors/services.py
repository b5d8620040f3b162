"""Writes about mentors: what adding a mentor to a school does."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import trs
from emails.models import Email
from emails.services import queue_email

from . import selectors
from .models import DQTStatus, Mentor


class MentorAlreadyAdded(Exception):
    """The school already has a mentor with this TRN."""


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


def refresh_from_trs(mentor):
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
    trs_record is what TRS said of them; without one they are marked as not yet checked.
    """
    if subject not in selectors.subjects_for_school(school):
        raise ValidationError(f"{subject} is not a subject {school.name} can choose")
    if age_range not in selectors.age_ranges_for_school(school):
        raise ValidationError(f"{age_range} is not an age range {school.name} can choose")
    if key_stage not in selectors.key_stages_for_school(school, age_range):
        raise ValidationError(f"{key_stage} is not a key stage {school.name} can choose with {age_range}")

    already_added = Mentor.objects.filter(journey_id=journey_id).first()
    if already_added:
        return already_added
    mentor = Mentor(
        school=school,
        added_by=added_by,
        journey_id=journey_id,
        first_name=first_name,
        last_name=last_name,
        trn=trn,
        email=email,
        subject=subject,
        age_range=age_range,
        key_stage=key_stage,
    )
    if trs_record:
        apply_trs_record(mentor, trs_record)
    mentor._history_user = added_by
    try:
        with transaction.atomic():
            mentor.save()
            _email_mentor(mentor, Email.Kind.MENTOR_ADDED)
    except IntegrityError:
        # A simultaneous submission of the same journey, or another coordinator adding the same TRN.
        already_added = Mentor.objects.filter(journey_id=journey_id).first()
        if already_added:
            return already_added
        raise MentorAlreadyAdded(trn) from None
    return mentor


def change_mentor(mentor, *, changed_by, **details):
    """Change some of a mentor's details; their history records who changed what.

    A new TRN or name has not been checked in TRS: the mentor is checked again later (refresh_trs).
    """
    identity = ("trn", "first_name", "last_name")
    if any(name in details and details[name] != getattr(mentor, name) for name in identity):
        mentor.dqt_status = DQTStatus.NOT_CHECKED
    for name, value in details.items():
        setattr(mentor, name, value)
    mentor._history_user = changed_by
    try:
        with transaction.atomic():
            mentor.save()
    except IntegrityError:
        raise MentorAlreadyAdded(mentor.trn) from None
    return mentor


def remove_mentor(mentor, *, removed_by, reason="", reason_details=""):
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
