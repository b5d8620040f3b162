"""Emails sent through GOV.UK Notify, against a stand-in for its API on localhost (tests/support/notify.py): one
template, the email's subject and body as personalisation, Notify's errors mapped onto the outbox's retries, and
reconcile_notify recording what became of each email."""

import datetime
import logging
import socket
import time
import uuid
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from emails import senders, services
from emails.models import Email
from tests.support.html import soup
from tests.support.notify import API_KEY, SERVICE_ID, TEMPLATE_ID, configure

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
Delivery = Email.Delivery


@pytest.fixture(autouse=True)
def database_queue(settings):
    """Emails wait in the database's queue, as in production: each test sends them with services.deliver."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_MAX_ATTEMPTS = 3


def queued_email(recipient="zoe.obrien@example.com"):
    return services.queue_email(
        Email.Kind.MENTOR_ADDED,
        recipient,
        {"school": {"name": "Brookfield Primary School"}, "mentor": {"first_name": "Zoë", "trn": "1234567"}},
    )


def retries():
    return DBTaskResult.objects.count() - 1  # the first task is the one queued with the email


class TestSending:
    def test_every_email_goes_through_notify_with_the_one_template(self, notify):
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        [posted] = notify.emails()
        assert posted == {
            "email_address": "zoe.obrien@example.com",
            "template_id": TEMPLATE_ID,
            "personalisation": {"subject": email.subject, "body": email.body},
            "reference": f"email-{email.pk}",
        }
        assert email.subject == "You have been added as a mentor at Brookfield Primary School"
        assert (email.status, email.attempts, email.sent_through) == (Email.Status.SENT, 1, Email.SentThrough.NOTIFY)
        assert email.provider_message_id == next(iter(notify.notifications))
        assert email.delivery_status == Delivery.SENDING
        assert email.sent_at is not None
        assert mail.outbox == []  # nothing through the email backend
        assert notify.refused_tokens == []

    def test_the_token_is_signed_with_the_keys_secret(self, notify, settings):
        """The stand-in refuses a token it cannot verify, as Notify does: a key whose secret is not the service's."""
        configure(settings, notify.base_url, api_key=f"wrong_key-{SERVICE_ID}-{uuid.uuid4()}")
        email = queued_email()
        services.deliver(email.pk)
        assert notify.emails() == []
        assert notify.refused_tokens == ["Signature verification failed"]

    @pytest.mark.parametrize("status", [429, 500, 503], ids=["rate limited", "server error", "unavailable"])
    def test_rate_limits_and_server_errors_are_retried(self, notify, status):
        notify.failures = [status]
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts, retries()) == (Email.Status.QUEUED, 1, 1)
        assert email.last_error.startswith(f"HTTP{'503' if status == 503 else ''}Error: {status} - ")
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts) == (Email.Status.SENT, 2)
        assert len(notify.emails()) == 1

    def test_a_bad_request_fails_at_once_and_is_not_retried(self, notify, caplog):
        notify.failures = [400]
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts, retries()) == (Email.Status.FAILED, 1, 0)
        assert email.last_error == (
            "Refused: 400 - [{'error': 'ValidationError', 'message': 'email_address Not a valid email address'}]"
        )
        assert f"Email {email.pk} failed, refused for good by the provider (not retried)" in caplog.text
        assert "zoe.obrien" not in caplog.text

    def test_a_refused_api_key_is_retried_and_said_loudly(self, notify, settings, caplog):
        configure(settings, notify.base_url, api_key=f"revoked-{SERVICE_ID}-{uuid.uuid4()}")
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts, retries()) == (Email.Status.QUEUED, 1, 1)
        [loud] = [record for record in caplog.records if record.levelno == logging.CRITICAL]
        assert loud.getMessage().startswith("GOV.UK Notify refused the API key (403): check NOTIFY_API_KEY.")
        # Once the key is put right, the email goes.
        configure(settings, notify.base_url)
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts) == (Email.Status.SENT, 2)

    def test_after_the_last_attempt_the_email_is_marked_failed(self, notify):
        notify.failures = [500, 500, 500]
        email = queued_email()
        for _ in range(3):
            services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts) == (Email.Status.FAILED, 3)

    def test_no_answer_is_a_failed_attempt(self, notify, settings):
        with socket.socket() as unused:
            unused.bind(("127.0.0.1", 0))
            settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{unused.getsockname()[1]}"
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts, retries()) == (Email.Status.QUEUED, 1, 1)
        assert email.last_error.startswith("HTTP503Error: 503 - Request failed")

    def test_no_answer_in_time_is_a_failed_attempt(self, notify, settings):
        settings.EMAIL_TIMEOUT = 0.5
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen()  # accepts the connection, never answers
            settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
            email = queued_email()
            started = time.monotonic()
            services.deliver(email.pk)
        assert time.monotonic() - started < 5
        email.refresh_from_db()
        assert (email.status, email.attempts) == (Email.Status.QUEUED, 1)

    def test_without_an_api_key_emails_go_through_the_email_backend(self, notify, settings):
        settings.NOTIFY_API_KEY = ""
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.sent_through, email.delivery_status) == (
            Email.Status.SENT,
            Email.SentThrough.EMAIL_BACKEND,
            "",
        )
        assert len(mail.outbox) == 1
        assert notify.emails() == []
        assert isinstance(senders.configured(), senders.EmailBackend)

    def test_the_api_key_is_never_kept_in_an_error(self, notify, monkeypatch):
        def echoing(*args, **kwargs):
            raise senders.APIError(message=f"Bad key {API_KEY}")

        monkeypatch.setattr(senders.NotificationsAPIClient, "send_email_notification", echoing)
        email = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert API_KEY not in email.last_error
        assert "[secret]" in email.last_error


def sent_through_notify(notify, *, days_ago=0, status="created", delivery=Delivery.SENDING):
    """An email Notify accepted days_ago, which it now gives this status."""
    email = queued_email()
    services.deliver(email.pk)
    email.refresh_from_db()
    notify.status_of(email.provider_message_id, status)
    Email.objects.filter(pk=email.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=days_ago), delivery_status=delivery
    )
    return email


def reconcile():
    output = StringIO()
    call_command("reconcile_notify", stdout=output)
    return output.getvalue().strip()


class TestReconciling:
    def test_records_what_notify_says_of_each_email_of_the_last_7_days(self, notify):
        delivered = sent_through_notify(notify, status="delivered")
        permanent = sent_through_notify(notify, status="permanent-failure", days_ago=6)
        temporary = sent_through_notify(notify, status="temporary-failure")
        technical = sent_through_notify(notify, status="technical-failure")
        on_its_way = sent_through_notify(notify, status="sending")
        unknown = sent_through_notify(notify, status="delivered")
        del notify.notifications[unknown.provider_message_id]
        # Not asked about: older than Notify keeps, already known, or not sent through Notify.
        too_old = sent_through_notify(notify, status="delivered", days_ago=8)
        known = sent_through_notify(notify, status="permanent-failure", delivery=Delivery.DELIVERED)
        other = queued_email()
        Email.objects.filter(pk=other.pk).update(status=Email.Status.SENT, sent_at=timezone.now())

        assert reconcile() == (
            "Asked GOV.UK Notify about 6 emails: 1 delivered, 1 permanent failure, 1 temporary failure, "
            "1 technical failure, 1 still sending, 1 not known to Notify."
        )
        found = {email.pk: email.delivery_status for email in Email.objects.all()}
        assert found == {
            delivered.pk: Delivery.DELIVERED,
            permanent.pk: Delivery.PERMANENT_FAILURE,
            temporary.pk: Delivery.TEMPORARY_FAILURE,
            technical.pk: Delivery.TECHNICAL_FAILURE,
            on_its_way.pk: Delivery.SENDING,
            unknown.pk: Delivery.SENDING,
            too_old.pk: Delivery.SENDING,
            known.pk: Delivery.DELIVERED,
            other.pk: "",
        }
        for email in (too_old, known):
            assert notify.requests_for(email.provider_message_id) == []
        assert Email.objects.get(pk=delivered.pk).delivery_checked_at is not None
        # Only the one still on its way, and the one Notify does not know, are asked about again.
        assert reconcile().startswith("Asked GOV.UK Notify about 2 emails: ")

    def test_changes_nothing_of_the_sending(self, notify):
        email = sent_through_notify(notify, status="delivered")
        before = Email.objects.values("status", "attempts", "updated_at", "sent_at").get(pk=email.pk)
        reconcile()
        assert Email.objects.values("status", "attempts", "updated_at", "sent_at").get(pk=email.pk) == before

    def test_notify_failing_stops_the_run_keeping_what_it_recorded(self, notify):
        first = sent_through_notify(notify, status="delivered", days_ago=2)
        second = sent_through_notify(notify, status="delivered", days_ago=1)
        notify.failures = [None, 500]
        output = StringIO()
        with pytest.raises(CommandError, match=r"GOV.UK Notify answered with an error \(500 - .*\)"):
            call_command("reconcile_notify", stdout=output)
        assert output.getvalue().startswith("Asked GOV.UK Notify about 1 email: 1 delivered, 0 permanent failure")
        assert Email.objects.get(pk=first.pk).delivery_status == Delivery.DELIVERED
        assert Email.objects.get(pk=second.pk).delivery_status == Delivery.SENDING
        assert reconcile().startswith("Asked GOV.UK Notify about 1 email: 1 delivered")

    def test_a_refused_api_key_stops_the_run(self, notify, settings):
        sent_through_notify(notify, status="delivered")
        configure(settings, notify.base_url, api_key=f"revoked-{SERVICE_ID}-{uuid.uuid4()}")
        with pytest.raises(CommandError, match=r"\(403 - "):
            call_command("reconcile_notify", stdout=StringIO())

    def test_nothing_to_ask(self, notify):
        assert reconcile() == (
            "Asked GOV.UK Notify about 0 emails: 0 delivered, 0 permanent failure, 0 temporary failure, "
            "0 technical failure, 0 still sending, 0 not known to Notify."
        )

    def test_without_notify_there_is_nothing_to_reconcile(self, settings):
        settings.NOTIFY_API_KEY = ""
        with pytest.raises(CommandError, match="Emails are not sent through GOV.UK Notify: NOTIFY_API_KEY is not set"):
            call_command("reconcile_notify")


class TestAdmin:
    def test_shows_whether_each_email_was_delivered_and_filters_by_it(self, admin_client, notify):
        delivered = sent_through_notify(notify, status="delivered")
        failed = sent_through_notify(notify, status="permanent-failure")
        Email.objects.filter(pk=failed.pk).update(recipient="no-such-mentor@example.com")
        reconcile()
        url = reverse("admin:emails_email_changelist")
        page = soup(admin_client.get(url))
        headers = [th.get_text(strip=True) for th in page.select("#result_list thead th")]
        assert "Delivery status" in headers
        rows = {
            row.select_one(".field-recipient").get_text(strip=True): row.select_one(".field-delivery_status").get_text(
                strip=True
            )
            for row in page.select("#result_list tbody tr")
        }
        assert rows == {delivered.recipient: "Delivered", "no-such-mentor@example.com": "Permanent failure"}
        filtered = soup(admin_client.get(url, {"delivery_status": "permanent-failure"}))
        assert [td.get_text(strip=True) for td in filtered.select(".field-recipient")] == ["no-such-mentor@example.com"]
        detail = admin_client.get(reverse("admin:emails_email_change", args=[delivered.pk])).content.decode()
        assert "GOV.UK Notify" in detail and "Delivered" in detail
