"""Reads about emails: those waiting to be sent, and those that need someone to look at them."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from .models import Email


def oldest_queued_email_age():
    """How long ago the email queued longest was queued (or queued again for a retry); None when none is."""
    oldest = Email.objects.filter(status=Email.Status.QUEUED).order_by("updated_at").values_list("updated_at").first()
    return timezone.now() - oldest[0] if oldest else None


def needing_attention():
    """Emails stuck sending (their worker died: a sweep will retry them) or waiting in the queue too long (no worker
    is sending), then those that have failed; the latest first."""
    now = timezone.now()
    return Email.objects.filter(
        Q(status=Email.Status.FAILED)
        | Q(status=Email.Status.SENDING, updated_at__lt=now - timedelta(seconds=settings.EMAIL_STUCK_AFTER_SECONDS))
        | Q(status=Email.Status.QUEUED, updated_at__lt=now - timedelta(seconds=settings.EMAIL_QUEUE_MAX_AGE_SECONDS))
    ).order_by(Case(When(status=Email.Status.FAILED, then=Value(1)), default=Value(0)), "-updated_at")
