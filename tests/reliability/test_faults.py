"""Fault tests: the service as production runs it (gunicorn, `manage.py db_worker` with the database task queue,
an SMTP mail server), each real piece started here and each fault made for real, with the figures asserted.

1. The mail server hangs, the worker is killed mid-send (SIGKILL), then both come back: every email delivered once.
2. The mail server refuses every attempt: the email is marked failed after the last, resent from admin, delivered
   once.
3. The database's connections are cut for 5 seconds under 20 users: requests then get the GOV.UK error page; after,
   none does, and no write is lost or made twice (mentors, emails and their tasks counted; every email delivered).
4. SIGTERM to a busy worker: it finishes the email in hand, records it and takes no other; a worker held by a mail
   server that never answers stops within the email timeout, its attempt counted.
5. A lock holds the database: web requests get the error page after the statement timeout, not wait for ever.

Subprocesses reach the test database through a TCP proxy (for fault 3), and the mail server through another (for
fault 1). The tests' data is committed (committed_db) so that they see it. Timeouts and delays are shortened by
environment variables, as an operator would set them.
"""

import signal
import threading
import time
import traceback
from collections import Counter

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from emails.models import Email
from emails.services import queue_email
from mentors.models import Mentor
from reference_data.models import AgeRange, KeyStage, Subject
from tests.mentors.test_concurrent_check_your_answers import answer_all
from tests.support.factories import MembershipFactory, MentorFactory, UserFactory
from tests.support.live import Tab

from .pieces import MailServer, Service, TcpProxy, wait_for, wait_while_progressing

SECRET_KEY = "fault-tests-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
EMAIL_TIMEOUT = 2  # seconds, for each answer from the mail server
EMAIL_STUCK_AFTER = 4  # seconds "sending" before a sweep takes the worker for dead
MAX_ATTEMPTS = 5
ERROR_PAGE = "Sorry, there is a problem with the service"
# What a request gets when the database is away: an error, or a session that could not be saved (Django's 400).
ERRORS = {500, 400}
USERS = 20
CUT_FOR = 5  # seconds
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SENT, QUEUED, SENDING, FAILED = Email.Status.SENT, Email.Status.QUEUED, Email.Status.SENDING, Email.Status.FAILED


@pytest.fixture(scope="module")
def database_proxy(django_db_setup, django_db_blocker):
    proxy = TcpProxy(int(django_settings.DATABASES["default"]["PORT"] or 5432))
    yield proxy
    proxy.close()


@pytest.fixture
def mail_server():
    server = MailServer()
    yield server
    server.stop()


@pytest.fixture
def mail_proxy(mail_server):
    proxy = TcpProxy(mail_server.port)
    yield proxy
    proxy.close()


def environment(database_proxy, mail_proxy):
    import os

    database = django_settings.DATABASES["default"]
    url = f"postgres://{database['USER']}:{database['PASSWORD']}@127.0.0.1:{database_proxy.port}/{database['NAME']}"
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.reliability.settings",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "DATABASE_STATEMENT_TIMEOUT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_proxy.port),
        "EMAIL_TIMEOUT": str(EMAIL_TIMEOUT),
        "EMAIL_STUCK_AFTER_SECONDS": str(EMAIL_STUCK_AFTER),
        "EMAIL_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
        "EMAIL_RETRY_DELAY_SECONDS": "0.2",
        "WORKER_SWEEP_INTERVAL_SECONDS": "0.5",
        "TRS_API_KEY": "",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def service(committed_db, database_proxy, mail_proxy, tmp_path):
    running = Service(environment(database_proxy, mail_proxy), tmp_path)
    yield running
    running.stop_all()


@pytest.fixture
def school(committed_db):
    return MembershipFactory(school__secondary=True).school


def add_mentors(school, count):
    """Mentors added as the service adds them: each with its email, queued in the same transaction."""
    mentors = []
    with override_settings(TASKS=DATABASE_TASKS):
        for _ in range(count):
            with transaction.atomic():
                mentor = MentorFactory(school=school)
                queue_email(Email.Kind.MENTOR_ADDED, mentor.email, {"mentor": mentor, "school": school})
            mentors.append(mentor)
    return mentors


def statuses():
    return dict(Email.objects.values_list("recipient", "status"))


def tasks(status):
    return DBTaskResult.objects.filter(status=status).count()


def unfinished_tasks():
    """The tasks waiting or running, as a failure message shows them."""
    waiting = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
    return list(waiting.values_list("status", "args_kwargs", "run_after", "started_at", "worker_ids"))


def stop(process, sig, timeout):
    process.send_signal(sig)
    try:
        return process.wait(timeout)
    except Exception as error:
        raise AssertionError(f"The worker did not stop within {timeout} seconds of {sig.name}") from error


def test_a_worker_killed_mid_send_on_a_hung_mail_server_loses_no_email(service, school, mail_server, mail_proxy):
    mentors = add_mentors(school, 5)
    mail_proxy.hang()
    first = service.worker("first worker")
    hung = wait_for(lambda: Email.objects.filter(status=SENDING).first(), 30, "the worker to begin a send")
    wait_for(lambda: mail_proxy.accepted, 5, "the worker to reach the mail server")
    first.send_signal(signal.SIGKILL)
    first.wait(10)

    mail_proxy.restore()
    service.worker("second worker")
    wait_for(lambda: set(statuses().values()) == {SENT}, 30, f"every email to be sent: {statuses()}")

    assert sorted(mail_server.recipients()) == sorted(mentor.email for mentor in mentors)  # each exactly once
    hung.refresh_from_db()
    assert hung.attempts == 2
    assert sorted(Email.objects.exclude(pk=hung.pk).values_list("attempts", flat=True)) == [1, 1, 1, 1]
    assert tasks(TaskResultStatus.RUNNING) == 0
    abandoned = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert abandoned.exception_class_path == "worker.recovery.WorkerStopped"
    log = (service.logs / "second worker.log").read_text()
    assert f"Email {hung.pk}: attempt 1 was abandoned (its worker stopped during the attempt)" in log
    assert hung.recipient not in log


def test_an_email_the_mail_server_refuses_fails_after_the_last_attempt_and_is_sent_once_resent(
    service, school, mail_server, admin_client
):
    (mentor,) = add_mentors(school, 1)
    mail_server.refusing = True
    service.worker()
    email = wait_for(lambda: Email.objects.filter(status=FAILED).first(), 30, f"the email to fail: {statuses()}")

    assert email.attempts == MAX_ATTEMPTS
    assert "451" in email.last_error and "temporarily refusing" in email.last_error
    assert mail_server.received == []
    changelist = BeautifulSoup(admin_client.get(reverse("admin:emails_email_changelist")).content, "html.parser")
    assert "Failed" in changelist.select_one("#needs-attention").get_text()

    mail_server.refusing = False
    with override_settings(TASKS=DATABASE_TASKS):
        admin_client.post(
            reverse("admin:emails_email_changelist"), {"action": "resend_failed", "_selected_action": [email.pk]}
        )
    wait_for(lambda: statuses() == {mentor.email: SENT}, 30, f"the resent email to be sent: {statuses()}")
    assert mail_server.recipients() == [mentor.email]
    email.refresh_from_db()
    assert email.attempts == 1
    assert f"Email {email.pk} failed after {MAX_ATTEMPTS} attempts" in (service.logs / "worker.log").read_text()


class PatientTab(Tab):
    """A person at a browser tab, who is shown the error page, and tries again. Every answer is noted."""

    def __init__(self, base_url, cookies, answers):
        super().__init__(base_url, cookies)
        self.answers = answers  # (when the request began, status, whether it was the GOV.UK error page)

    def get(self, path):
        return self._until_answered(super().get, path)

    def post(self, path, data=None):
        return self._until_answered(super().post, path, data)

    def _until_answered(self, send, *args):
        while True:
            began = time.monotonic()
            response = send(*args)
            self.answers.append((began, response.status_code, ERROR_PAGE in response.text))
            if response.status_code not in ERRORS:
                return response
            time.sleep(0.1)


def test_cutting_the_database_under_load_loses_and_doubles_nothing(
    service, school, database_proxy, mail_server, committed_db
):
    coordinator = UserFactory()
    MembershipFactory(school=school, user=coordinator)
    answers = {
        "first_name": "Zoë",
        "last_name": "O'Brien",
        "subject": Subject.objects.get(name="Physics").pk,
        "age_range": AgeRange.objects.get(name="11 to 18").pk,
        "key_stage": KeyStage.objects.get(name="Key stage 4").pk,
    }
    web = service.gunicorn()
    worker = service.worker()
    with override_settings(SECRET_KEY=SECRET_KEY):  # sessions the service can read
        tabs = [PatientTab(web.url, Tab.signed_in(web.url, coordinator).http.cookies, []) for _ in range(USERS)]
    stopping = threading.Event()
    added = []  # the TRN of each mentor the service said it added

    failures = []  # what went wrong in a person's thread

    def person(number, tab):
        try:
            journey = 0
            while not stopping.is_set():
                trn = f"8{number:02d}{journey:04d}"
                check_your_answers = answer_all(tab, school, {**answers, "trn": trn, "email": f"{trn}@example.com"})
                response = tab.post(check_your_answers)
                assert response.status_code == 302, response.status_code
                # Even when confirming got the error page after the mentor was added, confirming again says it was
                # (the journey's submission is in the database, with the mentor), not that its TRN is taken.
                assert response.headers["Location"].endswith("/confirmation/"), response.headers["Location"]
                added.append(trn)
                journey += 1
        except BaseException:
            failures.append(traceback.format_exc())

    def mentors_added(count):
        assert not failures, failures[0]
        return len(added) >= count

    threads = [threading.Thread(target=person, args=(number, tab)) for number, tab in enumerate(tabs)]
    for thread in threads:
        thread.start()
    wait_for(lambda: mentors_added(USERS), 60, "every person to add a mentor")
    database_proxy.cut()
    cut_at = time.monotonic()
    wait_for(lambda: any(status in ERRORS for tab in tabs for _, status, _ in tab.answers), 10, "an error page")
    health = [Tab(web.url, {}).get(path) for path in ("/healthcheck", "/healthcheck/ready")]
    time.sleep(max(0, cut_at + CUT_FOR - time.monotonic()))
    database_proxy.restore()
    restored_at = time.monotonic()
    during = len(added)
    wait_for(lambda: mentors_added(during + USERS), 60, "more mentors to be added once the database is back")
    stopping.set()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    assert not failures, failures[0]
    # The worker may be a long way behind the people adding mentors on a busy machine: wait while it catches up.
    wait_while_progressing(
        lambda: Email.objects.exclude(status=SENT).count(),
        60,
        lambda: f"every email to be sent ({Counter(statuses().values())}); the worker's log ends:\n"
        + worker.log.read_text()[-4000:],
    )

    answered = [answer for tab in tabs for answer in tab.answers]
    errors = [answer for answer in answered if answer[1] in ERRORS]
    after = [answer for answer in answered if answer[0] >= restored_at]
    print(
        f"{len(answered)} requests, {len(errors)} error pages while cut, {len(after)} after, "
        f"{sum(status in ERRORS for _, status, _ in after)} of them errors; {len(added)} mentors added"
    )
    assert errors and all(is_error_page for _, _, is_error_page in errors)
    assert {status for _, status, _ in answered} <= {200, 302, *ERRORS}
    assert after and not [answer for answer in after if answer[1] in ERRORS]
    assert [response.status_code for response in health] == [200, 503]
    assert "database: failing" in health[1].text
    assert [Tab(web.url, {}).get(path).status_code for path in ("/healthcheck", "/healthcheck/ready")] == [200, 200]
    # Nothing lost, nothing twice: one mentor and one email for each mentor added, each email delivered once. (An
    # email whose attempt the cut broke was retried by a task of its own.)
    every_trn = sorted(added)
    assert sorted(Mentor.objects.values_list("trn", flat=True)) == every_trn
    assert sorted(Email.objects.values_list("recipient", flat=True)) == [f"{trn}@example.com" for trn in every_trn]
    assert sorted(mail_server.recipients()) == [f"{trn}@example.com" for trn in every_trn]
    # The task that sent the last email finishes a moment after marking it sent.
    wait_for(
        lambda: (tasks(TaskResultStatus.READY), tasks(TaskResultStatus.RUNNING)) == (0, 0),
        30,
        lambda: f"tasks to finish ({unfinished_tasks()}); the worker's log ends:\n" + worker.log.read_text()[-4000:],
    )
    assert worker.poll() is None  # the worker rode the cut out


def test_a_worker_asked_to_stop_finishes_the_email_in_hand_and_takes_no_other(service, school, mail_server):
    mentors = add_mentors(school, 3)
    mail_server.delay = EMAIL_TIMEOUT / 2  # slow, but answering within the timeout
    worker = service.worker()
    wait_for(mail_server.receiving.is_set, 30, "the first email to reach the mail server")

    assert stop(worker, signal.SIGTERM, 15) == 0
    assert len(mail_server.received) == 1
    assert sorted(statuses().values()) == [QUEUED, QUEUED, SENT]
    assert statuses()[mail_server.received[0][0]] == SENT
    assert sorted(Email.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    assert (tasks(TaskResultStatus.RUNNING), tasks(TaskResultStatus.SUCCESSFUL), tasks(TaskResultStatus.READY)) == (
        0,
        1,
        2,
    )
    assert {recipient for (recipient,) in mail_server.received} < {mentor.email for mentor in mentors}


def test_a_worker_asked_to_stop_while_the_mail_server_hangs_stops_within_the_email_timeout(service, school, mail_proxy):
    add_mentors(school, 1)
    mail_proxy.hang()
    worker = service.worker()
    wait_for(lambda: Email.objects.filter(status=SENDING).exists(), 30, "the worker to begin a send")
    wait_for(lambda: mail_proxy.accepted, 5, "the worker to reach the mail server")

    asked_at = time.monotonic()
    assert stop(worker, signal.SIGTERM, EMAIL_TIMEOUT * 5) == 0
    assert time.monotonic() - asked_at < EMAIL_TIMEOUT * 5
    email = Email.objects.get()
    assert (email.status, email.attempts) == (QUEUED, 1)
    assert "timed out" in email.last_error
    assert (tasks(TaskResultStatus.RUNNING), tasks(TaskResultStatus.READY)) == (0, 1)  # the retry waits its turn


def test_a_request_held_by_a_lock_gets_the_error_page_after_the_statement_timeout(service, school, database_proxy):
    coordinator = MembershipFactory(school=school).user
    web = service.gunicorn()
    with override_settings(SECRET_KEY=SECRET_KEY):
        tab = Tab.signed_in(web.url, coordinator)
    mentor_list = reverse("mentors:list", kwargs={"urn": school.urn})
    assert tab.get(mentor_list).status_code == 200

    database = connection.settings_dict
    with psycopg.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], dbname=database["NAME"]
    ) as holder:
        holder.execute(f"LOCK TABLE {Mentor._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        asked_at = time.monotonic()
        held = tab.get(mentor_list)
        waited = time.monotonic() - asked_at
    assert (held.status_code, ERROR_PAGE in held.text) == (500, True)
    assert waited < 5  # the statement timeout is 1 second
    assert tab.get(mentor_list).status_code == 200
