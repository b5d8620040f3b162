"""Admin's list of emails starts with the emails and tasks that are stuck or have failed, and for how long."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from emails import admin as email_admin
from emails import services
from emails.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_STUCK_AFTER_SECONDS = 300
    settings.EMAIL_QUEUE_MAX_AGE_SECONDS = 900
    settings.TASKS_STUCK_AFTER_SECONDS = 3600


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def email(recipient, status, changed, attempts=1, last_error=""):
    queued = services.queue_email(Email.Kind.MENTOR_REMOVED, recipient, {"school_name": "Brookfield"})
    Email.objects.filter(pk=queued.pk).update(
        status=status, attempts=attempts, updated_at=changed, last_error=last_error
    )
    return queued


def attention(admin_client):
    page = BeautifulSoup(admin_client.get(reverse("admin:emails_email_changelist")).content, "html.parser")
    box = page.select_one("#needs-attention")
    if box is None:
        return None
    return [
        (
            table.caption.get_text(" ", strip=True),
            [
                [cell.get_text(" ", strip=True).replace("\xa0", " ") for cell in row.select("th, td")]
                for row in table.select("tbody tr")
            ],
        )
        for table in box.select("table")
    ]


def test_stuck_and_failed_emails_and_tasks_come_first_with_their_age(admin_client):
    email("failed.long.ago@example.com", Email.Status.FAILED, ago(days=2), 5, "SMTPDataError: (554, b'Refused')")
    email("failed.lately@example.com", Email.Status.FAILED, ago(hours=3), 5, "SMTPDataError: (554, b'Refused')")
    email("stuck@example.com", Email.Status.SENDING, ago(minutes=10))
    email("waiting@example.com", Email.Status.QUEUED, ago(minutes=20), 0)
    email("sending.now@example.com", Email.Status.SENDING, ago(minutes=1))
    email("queued.now@example.com", Email.Status.QUEUED, ago(minutes=1), 0)
    email("sent@example.com", Email.Status.SENT, ago(days=1))
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL, finished_at=ago(days=1))
    tasks = list(DBTaskResult.objects.order_by("enqueued_at"))
    DBTaskResult.objects.filter(pk=tasks[0].pk).update(
        status=TaskResultStatus.FAILED, finished_at=ago(hours=5), exception_class_path="smtplib.SMTPDataError"
    )
    DBTaskResult.objects.filter(pk=tasks[1].pk).update(
        status=TaskResultStatus.RUNNING, started_at=ago(hours=2), finished_at=None
    )
    DBTaskResult.objects.filter(pk=tasks[2].pk).update(status=TaskResultStatus.RUNNING, started_at=ago(minutes=2))

    emails, tasks_table = attention(admin_client)

    assert emails == (
        "4 emails stuck or failed",
        [
            ["Mentor removed to stuck@example.com (sending)", "Stuck sending", "10 minutes", "1", ""],
            ["Mentor removed to waiting@example.com (queued)", "Waiting too long", "20 minutes", "0", ""],
            [
                "Mentor removed to failed.lately@example.com (failed)",
                "Failed",
                "3 hours",
                "5",
                "SMTPDataError: (554, b'Refused')",
            ],
            [
                "Mentor removed to failed.long.ago@example.com (failed)",
                "Failed",
                "2 days",
                "5",
                "SMTPDataError: (554, b'Refused')",
            ],
        ],
    )
    assert tasks_table == (
        "2 tasks stuck or failed",
        [["send_email", "Stuck running", "2 hours", ""], ["send_email", "Failed", "5 hours", "smtplib.SMTPDataError"]],
    )


def test_only_the_latest_are_shown_when_there_are_many(admin_client, monkeypatch):
    monkeypatch.setattr(email_admin, "ATTENTION_ROWS", 2)
    for number in range(3):
        email(f"failed{number}@example.com", Email.Status.FAILED, ago(hours=number + 1), 5)
    emails = attention(admin_client)[0]
    assert emails[0] == "3 emails stuck or failed: the latest 2"
    assert [row[0] for row in emails[1]] == [
        "Mentor removed to failed0@example.com (failed)",
        "Mentor removed to failed1@example.com (failed)",
    ]


def test_nothing_is_shown_when_all_is_well(admin_client):
    email("sent@example.com", Email.Status.SENT, ago(days=1))
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL)
    assert attention(admin_client) is None
