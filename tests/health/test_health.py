"""The platform's health checks: /healthcheck (the process answers) and /healthcheck/ready (the database answers,
the migrations are applied, emails are being sent). Plain text, no sign-in, no personal data, whatever the Host."""

import datetime
import re

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from emails import services
from emails.models import Email
from health import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def check_migrations_each_time(monkeypatch):
    monkeypatch.setattr(selectors, "_migrated", False)


def queue_email(queued_seconds_ago):
    email = services.queue_email(Email.Kind.MENTOR_REMOVED, "zoe.obrien@example.com", {"school_name": "Brookfield"})
    queued_at = timezone.now() - datetime.timedelta(seconds=queued_seconds_ago)
    Email.objects.filter(pk=email.pk).update(updated_at=queued_at)


def test_healthcheck_says_the_process_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthcheck")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_ready_when_the_database_answers_migrations_are_applied_and_emails_go_out(client):
    queue_email(queued_seconds_ago=60)
    response = client.get("/healthcheck/ready")
    assert response.status_code == 200
    assert response.content.decode() == (
        "database: ok, answering\n"
        "migrations: ok, all applied\n"
        "email queue: ok, the oldest queued 60 seconds ago (at most 900)\n"
    )
    assert "zoe" not in response.content.decode()


def test_ready_with_no_email_queued(client):
    assert client.get("/healthcheck/ready").content.decode().endswith("email queue: ok, empty\n")


def test_not_ready_when_an_email_has_waited_too_long(client, settings):
    settings.EMAIL_QUEUE_MAX_AGE_SECONDS = 600
    queue_email(queued_seconds_ago=601)
    queue_email(queued_seconds_ago=5)
    response = client.get("/healthcheck/ready")
    assert response.status_code == 503
    # 601 seconds, or a moment more on a busy machine.
    assert re.search(
        r"email queue: failing, the oldest queued 60\d seconds ago \(at most 600\)\n", response.content.decode()
    )


def test_not_ready_while_migrations_are_not_applied(client, monkeypatch):
    monkeypatch.setattr(selectors.MigrationExecutor, "migration_plan", lambda executor, targets: ["one", "two"])
    response = client.get("/healthcheck/ready")
    assert response.status_code == 503
    assert "migrations: failing, 2 not applied\n" in response.content.decode()


def test_migrations_once_applied_are_not_checked_again(client, django_assert_max_num_queries):
    client.get("/healthcheck/ready")
    with django_assert_max_num_queries(2):  # SELECT 1, and the oldest queued email
        assert client.get("/healthcheck/ready").status_code == 200


def test_not_ready_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(selectors.connection, "cursor", refuse)
    response = client.get("/healthcheck/ready")
    assert (response.status_code, response.content) == (503, b"database: failing, not answering (OperationalError)\n")


@pytest.mark.parametrize("path", ["/healthcheck", "/healthcheck/ready"])
def test_a_probe_is_answered_whatever_its_host_over_plain_http_and_is_not_cached(path, settings):
    settings.ALLOWED_HOSTS = ["manage-itt-mentors.education.gov.uk"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(path, HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


@pytest.mark.parametrize("path", ["/healthcheck", "/healthcheck/ready"])
def test_only_get_and_head_are_answered(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


def test_other_pages_still_check_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["manage-itt-mentors.education.gov.uk"]
    assert Client().get("/healthcheck/", HTTP_HOST="10.0.3.7").status_code == 400
