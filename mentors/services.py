"""Writes about mentors: what adding a mentor to a school does."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from emails.models import Email
from emails.services import queue_email

from . import selectors
from .models import Mentor


class MentorAlreadyAdded(Exception):
    """The school already has a mentor with this TRN."""


class MentorAlreadyRemoved(Exception):
    """Someone removed the mentor in the meantime (another coordinator, or the same one clicking twice)."""


def add_mentor(*, school, added_by, journey_id, first_name, last_name, trn, email, subject, age_range, key_stage):
    """Add a mentor to the school and, once the change is committed, email them to say so.

    journey_id names the add-mentor journey: submitting the same journey again returns the mentor it added.
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
    """Change some of a mentor's details; their history records who changed what."""
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
