"""Emails whose worker died are retried with the rules of any failed attempt; a mail server's errors and timeouts
are failed attempts like a provider's; an email the provider accepted is recorded even if the database blinks."""

import datetime
import logging
import socket

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from emails import services
from emails.models import Email

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
Q, SENDING, SENT, FAILED = Email.Status.QUEUED, Email.Status.SENDING, Email.Status.SENT, Email.Status.FAILED
READY, RUNNING, TASK_FAILED = TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED
STUCK_AFTER = 300
LONG_AGO, JUST_NOW = STUCK_AFTER + 60, 5  # seconds


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_STUCK_AFTER_SECONDS = STUCK_AFTER
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.EMAIL_RETRY_DELAY_SECONDS = 60


def queued_email():
    email = services.queue_email(Email.Kind.MENTOR_REMOVED, "zoe@example.com", {"school_name": "Brookfield"})
    return email, DBTaskResult.objects.get()


def seconds_ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


# (email status, attempts, seconds since it changed, its task's status, seconds since the task started)
#   -> (email status, attempts, the task's status, a new task waiting to send it)
CASES = {
    "killed mid-send": ((SENDING, 1, LONG_AGO, RUNNING, LONG_AGO), (Q, 1, TASK_FAILED, True)),
    "killed mid-send on the last attempt": ((SENDING, 3, LONG_AGO, RUNNING, LONG_AGO), (FAILED, 3, TASK_FAILED, False)),
    "task failed after the send": ((SENDING, 2, LONG_AGO, TASK_FAILED, None), (Q, 2, TASK_FAILED, True)),
    "sending, not for long": ((SENDING, 1, JUST_NOW, RUNNING, JUST_NOW), (SENDING, 1, RUNNING, False)),
    "killed after taking the task": ((Q, 0, LONG_AGO, RUNNING, LONG_AGO), (Q, 1, TASK_FAILED, True)),
    "task failed before the attempt": ((Q, 1, JUST_NOW, TASK_FAILED, None), (Q, 2, TASK_FAILED, True)),
    "lost task, last attempt": ((Q, 2, JUST_NOW, TASK_FAILED, None), (FAILED, 3, TASK_FAILED, False)),
    "queued, task waiting": ((Q, 0, LONG_AGO, READY, None), (Q, 0, READY, False)),
    "queued, task just taken": ((Q, 0, JUST_NOW, RUNNING, JUST_NOW), (Q, 0, RUNNING, False)),
    "sent": ((SENT, 1, LONG_AGO, TaskResultStatus.SUCCESSFUL, None), (SENT, 1, TaskResultStatus.SUCCESSFUL, False)),
}


@pytest.mark.parametrize("given, expected", CASES.values(), ids=CASES.keys())
def test_the_sweep_retries_what_a_dead_worker_left(given, expected, caplog):
    status, attempts, changed, task_status, task_started = given
    email, task = queued_email()
    Email.objects.filter(pk=email.pk).update(status=status, attempts=attempts, updated_at=seconds_ago(changed))
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=task_status, started_at=seconds_ago(task_started) if task_started else None
    )

    with caplog.at_level(logging.WARNING):
        services.recover_stuck_emails()

    email.refresh_from_db()
    task.refresh_from_db()
    retries = DBTaskResult.objects.exclude(pk=task.pk)
    assert (email.status, email.attempts, task.status, retries.exists()) == expected
    if retries.exists():
        retry = retries.get()
        assert (retry.status, retry.args_kwargs["args"]) == (READY, [email.pk])
        assert abs((retry.run_after - seconds_ago(-60 * 2 ** (email.attempts - 1))).total_seconds()) < 5
    if expected[0] != status or expected[1] != attempts:
        assert email.last_error.startswith("WorkerStopped: ")
        assert f"Email {email.pk}: attempt {email.attempts} was abandoned" in caplog.text
        assert "zoe@example.com" not in caplog.text
    if task_status == RUNNING and expected[2] == TASK_FAILED:
        assert task.exception_class_path == "worker.recovery.WorkerStopped"


def test_an_email_the_sweeping_worker_is_still_sending_is_left_alone():
    """Its own send is slow, or it is still trying to record it while the database is away: it is not dead."""
    email, task = queued_email()
    Email.objects.filter(pk=email.pk).update(status=SENDING, attempts=1, updated_at=seconds_ago(LONG_AGO))
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=RUNNING, started_at=seconds_ago(LONG_AGO), worker_ids=["this-worker"]
    )
    services.recover_stuck_emails(sweeping_worker="this-worker")
    email.refresh_from_db()
    task.refresh_from_db()
    assert (email.status, email.attempts, task.status, DBTaskResult.objects.count()) == (SENDING, 1, RUNNING, 1)


def test_sweeping_again_changes_nothing_more():
    email, task = queued_email()
    Email.objects.filter(pk=email.pk).update(status=SENDING, attempts=1, updated_at=seconds_ago(LONG_AGO))
    DBTaskResult.objects.filter(pk=task.pk).update(status=RUNNING, started_at=seconds_ago(LONG_AGO))
    services.recover_stuck_emails()
    services.recover_stuck_emails()
    email.refresh_from_db()
    assert (email.status, email.attempts, DBTaskResult.objects.filter(status=READY).count()) == (Q, 1, 1)


def test_deliver_leaves_an_email_being_sent_by_another_attempt_alone():
    email, _ = queued_email()
    Email.objects.filter(pk=email.pk).update(status=SENDING, attempts=1)
    services.deliver(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts, mail.outbox) == (SENDING, 1, [])


def closed_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1")
def test_a_mail_server_that_cannot_be_reached_is_a_failed_attempt(settings):
    settings.EMAIL_PORT = closed_port()
    email, _ = queued_email()
    services.deliver(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Q, 1)
    assert email.last_error.startswith("ConnectionRefusedError: ")
    assert DBTaskResult.objects.filter(status=READY).count() == 2  # the first task (not run here) and the retry


class RecordsBeforeClosing:
    """A backend that checks, when the service closes its connection, that the email is already recorded as sent;
    then fails to close, as a mail server that never answers QUIT."""

    def __init__(self, *args, **kwargs):
        from anymail.backends.test import EmailBackend

        self.backend = EmailBackend(*args, **kwargs)
        self.closed_with = None

    def open(self):
        return self.backend.open()

    def send_messages(self, messages):
        return self.backend.send_messages(messages)

    def close(self):
        RecordsBeforeClosing.closed_with = list(Email.objects.values_list("status", flat=True))
        raise TimeoutError("timed out")


def test_the_email_is_recorded_as_sent_before_the_connection_is_closed(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RecordsBeforeClosing"
    email, _ = queued_email()
    services.deliver(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts, RecordsBeforeClosing.closed_with) == (SENT, 1, [SENT])


@pytest.mark.usefixtures("committed_db")
class TestRecordingTheSend:
    @pytest.fixture
    def flaky_database(self, monkeypatch):
        """Saving an email as sent fails the first `failures` times, as when the database is away."""
        state = {"failures": 0, "saves": 0}
        save = Email.save

        def flaky_save(email, *args, **kwargs):
            if email.status == SENT:
                state["saves"] += 1
                if state["saves"] <= state["failures"]:
                    raise OperationalError("server closed the connection unexpectedly")
            return save(email, *args, **kwargs)

        monkeypatch.setattr(Email, "save", flaky_save)
        monkeypatch.setattr(services.time, "sleep", lambda seconds: None)
        return state

    def test_is_tried_again_while_the_database_is_away(self, flaky_database, caplog):
        flaky_database["failures"] = 3
        email, _ = queued_email()
        services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts, len(mail.outbox)) == (SENT, 1, 1)
        assert caplog.text.count(f"Email {email.pk} was sent but not yet recorded (OperationalError)") == 3

    def test_gives_up_after_a_while_and_the_sweep_retries_it(self, flaky_database, monkeypatch):
        monkeypatch.setattr(services, "RECORD_SENT_FOR", 0)
        flaky_database["failures"] = 1
        email, _ = queued_email()
        with pytest.raises(OperationalError):
            services.deliver(email.pk)
        email.refresh_from_db()
        assert (email.status, email.attempts) == (SENDING, 1)
