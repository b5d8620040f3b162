"""How an email leaves the service, chosen by settings: through GOV.UK Notify when NOTIFY_API_KEY is set, else
through Django's email backend (django-anymail's provider, or a mail server).

A sender's connection() gives a function that sends one recorded email and returns the provider's id for it. A send
that fails raises one of the sender's `errors`, which the outbox retries, or Refused, which it does not.
"""

import logging
from contextlib import contextmanager

from anymail.exceptions import AnymailError
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from .models import Email

logger = logging.getLogger(__name__)


class Refused(Exception):  # noqa: N818 (the provider's answer, not a bug)
    """The provider refused the email for good (an address that cannot be one, say): trying again cannot help."""


def configured():
    return Notify() if settings.NOTIFY_API_KEY else EmailBackend()


class EmailBackend:
    """Django's email backend: anymail's provider or a mail server."""

    sent_through = Email.SentThrough.EMAIL_BACKEND
    delivery = ""  # not known: nothing asks the provider
    # anymail's errors (an API's answers, its timeouts), and the mail server's (smtplib's errors are OSErrors, as are
    # refused connections and timeouts).
    errors = (AnymailError, OSError)

    @contextmanager
    def connection(self):
        # Opened here and closed only after the caller has recorded the email as sent, so that a mail server slow to
        # say goodbye (SMTP's QUIT) cannot fail an email it has already accepted.
        connection = get_connection()
        try:
            connection.open()
            yield lambda email: self._send(connection, email)
        finally:
            try:
                connection.close()
            except self.errors as error:
                logger.info("Closing the connection to the email provider failed (%s)", type(error).__name__)

    def _send(self, connection, email):
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.recipient],
            connection=connection,
        )
        message.send()
        status = getattr(message, "anymail_status", None)
        return str(status.message_id) if status and status.message_id is not None else ""


class Notify:
    """GOV.UK Notify, through its official client: every email with the one template (NOTIFY_EMAIL_TEMPLATE_ID),
    whose subject and body are the email's, given as personalisation."""

    sent_through = Email.SentThrough.NOTIFY
    delivery = Email.Delivery.SENDING  # until reconcile_notify hears otherwise
    # The client raises HTTPError for every answer that is not a success, and for no answer (as a 503), and
    # InvalidResponse for an answer that is not JSON.
    errors = (APIError,)

    @contextmanager
    def connection(self):
        client = client_for_notify()
        try:
            yield lambda email: self._send(client, email)
        finally:
            client.request_session.close()

    def _send(self, client, email):
        try:
            notification = client.send_email_notification(
                email_address=email.recipient,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation={"subject": email.subject, "body": email.body},
                # Shown in Notify, and what support can search there for.
                reference=f"email-{email.pk}",
            )
        except APIError as error:
            if error.status_code == 400:
                # A bad request, such as an address that cannot be one: it would be refused every time.
                raise Refused(str(error)) from error
            if error.status_code == 403:
                # The key is wrong, revoked or for another service: every email fails until someone changes it.
                # Retried as any failed attempt, so that emails are sent once the key is put right.
                logger.critical("GOV.UK Notify refused the API key (403): check NOTIFY_API_KEY. %s", error.message)
            raise
        return notification["id"]


def client_for_notify():
    # Each answer is awaited for EMAIL_TIMEOUT seconds, as an email provider's would be.
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.EMAIL_TIMEOUT
    )
