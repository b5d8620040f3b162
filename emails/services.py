"""Writes about emails: queueing one with the change that causes it, and sending it."""

import logging
import re
from datetime import timedelta

from anymail.exceptions import AnymailError
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from .models import Email

logger = logging.getLogger(__name__)


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
    """Send the email unless it has been sent already; on a provider error, retry later or mark it failed."""
    with transaction.atomic():
        email = Email.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status in (Email.Status.SENT, Email.Status.FAILED):
            return
        email.status = Email.Status.SENDING
        email.attempts += 1
        email.save(update_fields=["status", "attempts", "updated_at"])

    message = EmailMessage(
        subject=email.subject, body=email.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.recipient]
    )
    try:
        message.send()
    except AnymailError as error:
        _failed_attempt(email, error)
        return
    email.status = Email.Status.SENT
    email.sent_at = timezone.now()
    email.provider_message_id = _message_id(message)
    email.save(update_fields=["status", "sent_at", "provider_message_id", "updated_at"])


def _failed_attempt(email, error):
    email.last_error = _without_secrets(f"{type(error).__name__}: {error}")[:2000]
    with transaction.atomic():
        if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            email.status = Email.Status.FAILED
            # Providers name the addresses they refuse ("Found inactive addresses: ..."): the log must not.
            error = re.sub(re.escape(email.recipient), "[recipient]", email.last_error, flags=re.IGNORECASE)
            logger.error("Email %s failed after %s attempts: %s", email.pk, email.attempts, error)
        else:
            email.status = Email.Status.QUEUED
            # Exponential backoff: the base delay, then twice it, four times...
            _enqueue(email, delay=timedelta(seconds=settings.EMAIL_RETRY_DELAY_SECONDS * 2 ** (email.attempts - 1)))
        email.save(update_fields=["status", "last_error", "updated_at"])


def _message_id(message):
    status = getattr(message, "anymail_status", None)
    return str(status.message_id) if status and status.message_id is not None else ""


def _without_secrets(text):
    """Provider errors can echo request details: never keep a configured secret in the record."""
    for secret in [*settings.ANYMAIL.values(), getattr(settings, "EMAIL_HOST_PASSWORD", "")]:
        if isinstance(secret, str) and len(secret) >= 6:
            text = text.replace(secret, "[secret]")
    return text
