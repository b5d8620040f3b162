"""Writes about emails: queueing one with the change that causes it, and sending it."""

import logging
import re
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from notifications_python_client.errors import APIError

from worker.recovery import WorkerStopped, fail_tasks_left_running

from . import senders
from .models import Email

logger = logging.getLogger(__name__)

# GOV.UK Notify keeps what it knows of a notification for 7 days: after that it cannot be asked.
NOTIFY_KEEPS_NOTIFICATIONS_FOR = timedelta(days=7)
# Notify's statuses of an email, as the outbox records them: still on its way, or what became of it.
NOTIFY_STATUSES = {
    "created": Email.Delivery.SENDING,
    "sending": Email.Delivery.SENDING,
    "pending": Email.Delivery.SENDING,
    "delivered": Email.Delivery.DELIVERED,
    "permanent-failure": Email.Delivery.PERMANENT_FAILURE,
    "temporary-failure": Email.Delivery.TEMPORARY_FAILURE,
    "technical-failure": Email.Delivery.TECHNICAL_FAILURE,
}
# Seconds to keep trying to record an email as sent while the database is away. Only this write stands between an
# email the provider has accepted and sending it again, so it outlasts a database restart or failover.
RECORD_SENT_FOR = 60


def queue_email(kind, recipient, context):
    """Record an email of this kind and queue the task that sends it, in the caller's transaction.

    The subject and body are templates/emails/<kind>_subject.txt and <kind>.txt rendered with context.
    """
    email = Email.objects.create(
        kind=kind,
        recipient=recipient,
        subject=render_to_string(f"emails/{kind}_subject.txt", context).strip(),
        body=render_to_string(f"emails/{kind}.txt", context),
    )
    _enqueue(email)
    return email


def resend(emails):
    """Queue failed emails again, each with a fresh set of attempts. Returns the emails queued."""
    queued = []
    for email in emails.filter(status=Email.Status.FAILED):
        with transaction.atomic():
            email.status = Email.Status.QUEUED
            email.attempts = 0
            email.save(update_fields=["status", "attempts", "updated_at"])
            _enqueue(email)
        queued.append(email)
    return queued


def _enqueue(email, delay=None):
    from .tasks import send_email

    backend = send_email.get_backend()
    task = send_email.using(run_after=timezone.now() + delay) if delay and backend.supports_defer else send_email
    if isinstance(backend, DatabaseBackend):
        # The task is a row in this database: written in this transaction, seen by workers only once it commits.
        task.enqueue(email.pk)
    else:
        # A backend outside the database (tests, development) is only told once the change has committed.
        transaction.on_commit(lambda: task.enqueue(email.pk))


def deliver(email_id):
    """Send the email if it is queued; on a provider error, retry later or mark it failed.

    An email already sent, failed, or being sent by another attempt is left alone. The attempt is counted before
    the provider is called, and the email recorded as sent as soon as the provider accepts it: a worker that dies
    between the two is the one case where the email is sent again (README, "Reliability").
    """
    with transaction.atomic():
        email = Email.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != Email.Status.QUEUED:
            return
        email.status = Email.Status.SENDING
        email.attempts += 1
        email.save(update_fields=["status", "attempts", "updated_at"])

    sender = senders.configured()
    try:
        with sender.connection() as send:
            message_id = send(email)
            # Recorded before the connection is closed (see EmailBackend.connection).
            email.status = Email.Status.SENT
            email.sent_at = timezone.now()
            email.provider_message_id = message_id
            email.sent_through = sender.sent_through
            email.delivery_status = sender.delivery
            _record_sent(email)
    except senders.Refused as error:
        _failed_attempt(email, error, retry=False)
    except sender.errors as error:
        _failed_attempt(email, error)


def _record_sent(email):
    """Save the email as sent, connecting again while the database is away, for up to RECORD_SENT_FOR seconds."""
    deadline = time.monotonic() + RECORD_SENT_FOR
    delay = 0.5
    while True:
        try:
            email.save(
                update_fields=[
                    "status",
                    "sent_at",
                    "provider_message_id",
                    "sent_through",
                    "delivery_status",
                    "updated_at",
                ]
            )
            return
        except (OperationalError, InterfaceError) as error:
            if time.monotonic() + delay > deadline:
                raise
            logger.warning("Email %s was sent but not yet recorded (%s): trying again", email.pk, type(error).__name__)
            connections[Email.objects.db].close_if_unusable_or_obsolete()
            time.sleep(delay)
            delay = min(delay * 2, 5)


def reconcile_notify():
    """Ask GOV.UK Notify what became of each email it accepted in the last 7 days whose fate it has not yet told, and
    record it. Yields each email and its delivery status now, or None when Notify does not know the email.

    Notify's errors (its APIError) are raised as they come: what was recorded before stays, and the emails not yet
    asked about are asked about next time.
    """
    since = timezone.now() - NOTIFY_KEEPS_NOTIFICATIONS_FOR
    pending = Email.objects.filter(
        sent_through=Email.SentThrough.NOTIFY, delivery_status=Email.Delivery.SENDING, sent_at__gte=since
    ).order_by("sent_at")
    client = senders.client_for_notify()
    for email in pending.iterator():
        try:
            notification = client.get_notification_by_id(email.provider_message_id)
        except APIError as error:
            if error.status_code != 404:
                raise
            yield email, None
            continue
        delivery = NOTIFY_STATUSES.get(notification.get("status"), Email.Delivery.SENDING)
        # Only these fields: the email's sending (status, updated_at) is the worker's to change.
        Email.objects.filter(pk=email.pk).update(delivery_status=delivery, delivery_checked_at=timezone.now())
        yield email, delivery


def recover_stuck_emails(*, sweeping_worker=None):
    """Retry the emails whose attempt was abandoned by a worker that stopped, with the rules of any failed attempt
    (counted, then retried after the delay, or marked failed after the last). Run by every worker's sweep.

    Tasks sending an email that are still running EMAIL_STUCK_AFTER_SECONDS after they started have lost their
    worker (but the sweeping worker's own): they are failed first. Then, of the emails no task is sending or will
    send:
    - an email "sending" for longer than EMAIL_STUCK_AFTER_SECONDS: its worker died mid-send, or the database
      went away before the attempt could be recorded;
    - an email queued: its worker died after taking the task, before the attempt began, or the task failed for
      want of the database.
    """
    stuck_since = timezone.now() - timedelta(seconds=settings.EMAIL_STUCK_AFTER_SECONDS)
    fail_tasks_left_running(started_before=stuck_since, task_path=_send_task_path(), sweeping_worker=sweeping_worker)
    abandoned = Email.objects.filter(
        Q(status=Email.Status.SENDING, updated_at__lt=stuck_since) | Q(status=Email.Status.QUEUED)
    )
    for email_id in set(abandoned.values_list("pk", flat=True)) - _emails_with_a_live_task():
        _retry_abandoned(abandoned, email_id)


def _retry_abandoned(emails, email_id):
    with transaction.atomic():
        # Skip an email another sweep has locked; and check again under the lock, as a worker may have moved it on.
        email = emails.select_for_update(skip_locked=True).filter(pk=email_id).first()
        if email is None or email.pk in _emails_with_a_live_task():
            return
        if email.status == Email.Status.SENDING:
            reason = "its worker stopped during the attempt"
        else:
            email.attempts += 1  # the attempt its lost task would have made
            reason = "the task to send it was lost with its worker"
        logger.warning("Email %s: attempt %s was abandoned (%s)", email.pk, email.attempts, reason)
        _failed_attempt(email, WorkerStopped(reason))


def _emails_with_a_live_task():
    """The emails that a task waiting to run, or running, will send."""
    live = DBTaskResult.objects.filter(
        task_path=_send_task_path(), status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    return set(live.values_list("args_kwargs__args__0", flat=True))


def _send_task_path():
    from .tasks import send_email

    return send_email.module_path


def _failed_attempt(email, error, retry=True):
    """Retry the email later, or mark it failed: after its last attempt, or at once when retrying cannot help."""
    email.last_error = _without_secrets(f"{type(error).__name__}: {error}")[:2000]
    with transaction.atomic():
        if not retry or email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            email.status = Email.Status.FAILED
            # Providers name the addresses they refuse ("Found inactive addresses: ..."): the log must not.
            error = re.sub(re.escape(email.recipient), "[recipient]", email.last_error, flags=re.IGNORECASE)
            if retry:
                logger.error("Email %s failed after %s attempts: %s", email.pk, email.attempts, error)
            else:
                logger.error("Email %s failed, refused for good by the provider (not retried): %s", email.pk, error)
        else:
            email.status = Email.Status.QUEUED
            # Exponential backoff: the base delay, then twice it, four times...
            _enqueue(email, delay=timedelta(seconds=settings.EMAIL_RETRY_DELAY_SECONDS * 2 ** (email.attempts - 1)))
        email.save(update_fields=["status", "attempts", "last_error", "updated_at"])


def _without_secrets(text):
    """Provider errors can echo request details: never keep a configured secret in the record."""
    secrets = [*settings.ANYMAIL.values(), getattr(settings, "EMAIL_HOST_PASSWORD", ""), settings.NOTIFY_API_KEY]
    for secret in secrets:
        if isinstance(secret, str) and len(secret) >= 6:
            text = text.replace(secret, "[secret]")
    return text
