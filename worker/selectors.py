"""Reads about background tasks: those that need someone to look at them."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def tasks_needing_attention():
    """Tasks still running after TASKS_STUCK_AFTER_SECONDS (their worker died: a sweep will fail them), then those
    that have failed; the latest first."""
    stuck_since = timezone.now() - timedelta(seconds=settings.TASKS_STUCK_AFTER_SECONDS)
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.FAILED) | Q(status=TaskResultStatus.RUNNING, started_at__lt=stuck_since)
    ).order_by(
        Case(When(status=TaskResultStatus.FAILED, then=Value(1)), default=Value(0)),
        F("finished_at").desc(nulls_first=True),
        "-started_at",
    )
