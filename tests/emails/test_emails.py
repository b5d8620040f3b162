"""Durable email: recorded with the change that causes it, sent by a background task, retried, never lost."""

import datetime
import uuid

import pytest
from anymail.exceptions import AnymailAPIError
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from emails import senders, services
from emails.models import Email
from mentors import services as mentor_services
from reference_data.models import AgeRange, KeyStage, Subject

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def add_mentor(school, coordinator, trn="1234567"):
    return mentor_services.add_mentor(
        school=school,
        added_by=coordinator,
        journey_id=uuid.uuid4(),
        first_name="Zoë",
        last_name="O'Brien",
        trn=trn,
        email="zoe.obrien@example.com",
        subject=Subject.objects.get(name="Primary"),
        age_range=AgeRange.objects.get(name="5 to 11"),
        key_stage=KeyStage.objects.get(name="Key stage 2"),
    )


@pytest.fixture
def failing_provider(monkeypatch):
    """The provider fails the first `failures` sends (anymail's test backend, with a simulated API error)."""
    state = {"failures": 0, "attempts": 0}

    class FlakyMessage(senders.EmailMessage):
        def send(self, *args, **kwargs):
            state["attempts"] += 1
            if state["attempts"] <= state["failures"]:
                self.anymail_test_response = AnymailAPIError("Service unavailable (503)")
            return super().send(*args, **kwargs)

    monkeypatch.setattr(senders, "EmailMessage", FlakyMessage)
    return state


class TestRecordedWithTheChange:
    def test_an_added_mentor_is_emailed_through_a_recorded_email(
        self, primary_school, coordinator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        assert (email.kind, email.recipient, email.status, email.attempts) == (
            Email.Kind.MENTOR_ADDED,
            "zoe.obrien@example.com",
            Email.Status.SENT,
            1,
        )
        assert email.subject == "You have been added as a mentor at Brookfield Primary School"
        assert "Brookfield Primary School has added you as a mentor" in email.body
        assert email.sent_at is not None
        assert email.provider_message_id == "0"  # anymail's test backend numbers its messages
        assert [(message.to, message.subject, message.body) for message in mail.outbox] == [
            (["zoe.obrien@example.com"], email.subject, email.body)
        ]

    def test_a_removed_mentor_is_emailed_through_a_recorded_email(
        self, primary_school, coordinator, django_capture_on_commit_callbacks
    ):
        mentor = add_mentor(primary_school, coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            mentor_services.remove_mentor(mentor=mentor, removed_by=coordinator)
        removed = Email.objects.get(kind=Email.Kind.MENTOR_REMOVED)
        assert removed.status == Email.Status.SENT
        assert removed.subject == "You have been removed as a mentor at Brookfield Primary School"
        assert "ask the ITT coordinator at Brookfield Primary School to add you again" in removed.body

    @pytest.mark.parametrize("tasks", [None, DATABASE_TASKS], ids=["immediate backend", "database backend"])
    def test_a_rolled_back_change_records_and_sends_nothing(
        self, primary_school, coordinator, django_capture_on_commit_callbacks, settings, tasks
    ):
        if tasks:
            settings.TASKS = tasks
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            with transaction.atomic():
                add_mentor(primary_school, coordinator)
                raise RuntimeError("something else failed")
        assert Email.objects.count() == 0
        assert DBTaskResult.objects.count() == 0
        assert mail.outbox == []

    @override_settings(TASKS=DATABASE_TASKS)
    def test_with_the_database_queue_the_record_and_its_task_are_written_together_and_a_worker_sends_it(
        self, primary_school, coordinator, monkeypatch
    ):
        from django_tasks_db.management.commands import db_worker

        # The worker closes stale connections between tasks; here that would be the test's own transaction.
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
        with transaction.atomic():
            add_mentor(primary_school, coordinator)
            email = Email.objects.get()
            task = DBTaskResult.objects.get()
            assert task.task_path == "emails.tasks.send_email"
            assert task.args_kwargs == {"args": [email.pk], "kwargs": {}}
        assert email.status == Email.Status.QUEUED
        assert mail.outbox == []  # nothing is sent until a worker runs

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        email.refresh_from_db()
        assert email.status == Email.Status.SENT
        assert len(mail.outbox) == 1


class TestSending:
    def test_a_provider_failure_is_retried_and_then_succeeds(
        self, primary_school, coordinator, failing_provider, django_capture_on_commit_callbacks
    ):
        failing_provider["failures"] = 2
        with django_capture_on_commit_callbacks(execute=True):
            add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        assert (email.status, email.attempts) == (Email.Status.SENT, 3)
        assert email.last_error == "AnymailAPIError: Service unavailable (503)"
        assert len(mail.outbox) == 3  # the test backend keeps the two refused tries too

    def test_after_the_last_attempt_the_email_is_marked_failed(
        self, primary_school, coordinator, failing_provider, django_capture_on_commit_callbacks, settings, caplog
    ):
        settings.EMAIL_MAX_ATTEMPTS = 3
        failing_provider["failures"] = 99
        with django_capture_on_commit_callbacks(execute=True):
            add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        assert (email.status, email.attempts) == (Email.Status.FAILED, 3)
        assert "Service unavailable (503)" in email.last_error
        assert f"Email {email.pk} failed after 3 attempts" in caplog.text

    @override_settings(TASKS=DATABASE_TASKS, EMAIL_RETRY_DELAY_SECONDS=60)
    def test_retries_wait_longer_each_time(self, primary_school, coordinator, failing_provider):
        failing_provider["failures"] = 99
        add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        for attempt, delay in [(1, 60), (2, 120), (3, 240)]:
            before = timezone.now()
            services.deliver(email.pk)
            email.refresh_from_db()
            assert (email.status, email.attempts) == (Email.Status.QUEUED, attempt)
            retry = DBTaskResult.objects.order_by("-enqueued_at").first()
            expected = before + datetime.timedelta(seconds=delay)
            assert abs((retry.run_after - expected).total_seconds()) < 5

    def test_a_sent_email_is_never_sent_again(self, primary_school, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        services.deliver(email.pk)
        services.deliver(email.pk)
        assert len(mail.outbox) == 1
        email.refresh_from_db()
        assert email.attempts == 1

    def test_errors_are_kept_without_secrets(self, primary_school, coordinator, settings, monkeypatch):
        settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "s3cret-token-value"}

        class Refused(senders.EmailMessage):
            def send(self, *args, **kwargs):
                self.anymail_test_response = AnymailAPIError("Bad token s3cret-token-value for server")
                return super().send(*args, **kwargs)

        monkeypatch.setattr(senders, "EmailMessage", Refused)
        settings.EMAIL_MAX_ATTEMPTS = 1
        add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert email.last_error == "AnymailAPIError: Bad token [secret] for server"


class TestAdmin:
    def test_lists_emails_with_filters_by_status_and_kind(self, admin_client, primary_school, coordinator):
        add_mentor(primary_school, coordinator)
        response = admin_client.get(
            reverse("admin:emails_email_changelist"), {"status": "queued", "kind": "mentor_added"}
        )
        assert response.status_code == 200
        assert "zoe.obrien@example.com" in response.content.decode()
        assert (
            "zoe.obrien"
            not in admin_client.get(reverse("admin:emails_email_changelist"), {"status": "sent"}).content.decode()
        )

    def test_resends_failed_emails(
        self, admin_client, primary_school, coordinator, failing_provider, settings, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_MAX_ATTEMPTS = 1
        failing_provider["failures"] = 1
        with django_capture_on_commit_callbacks(execute=True):
            add_mentor(primary_school, coordinator)
        email = Email.objects.get()
        assert email.status == Email.Status.FAILED
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("admin:emails_email_changelist"),
                {"action": "resend_failed", "_selected_action": [email.pk]},
                follow=True,
            )
        assert "1 failed email queued to send again." in response.content.decode()
        email.refresh_from_db()
        assert (email.status, email.attempts) == (Email.Status.SENT, 1)
