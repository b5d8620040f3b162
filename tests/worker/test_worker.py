"""Workers recover work whose worker died, when they start and every sweep interval, and ride out the database
going away. (tests/reliability/test_faults.py proves the same with real processes, killed and cut off.)"""

import datetime
import logging
import signal
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker as library_worker
from django_tasks_db.models import DBTaskResult

from emails import services
from emails.models import Email
from worker import recovery
from worker.management.commands import db_worker

pytestmark = pytest.mark.django_db

READY, RUNNING, FAILED = TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED
SWEEP_SAW = []


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_STUCK_AFTER_SECONDS = 600


def seconds_ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def task(status, started_seconds_ago=None, path="emails.tasks.send_email"):
    return DBTaskResult.objects.create(
        status=status,
        started_at=seconds_ago(started_seconds_ago) if started_seconds_ago is not None else None,
        args_kwargs={"args": [0], "kwargs": {}},
        task_path=path,
        backend_name="default",
        worker_ids=["a-worker-that-died"] if started_seconds_ago is not None else [],
    )


# A task's status and how long ago it started -> its status after the sweep.
CASES = {
    "running past the limit": ((RUNNING, 601), FAILED),
    "running, within the limit": ((RUNNING, 599), RUNNING),
    "waiting to run": ((READY, None), READY),
    "finished": ((TaskResultStatus.SUCCESSFUL, 9999), TaskResultStatus.SUCCESSFUL),
}


@pytest.mark.parametrize("given, expected", CASES.values(), ids=CASES.keys())
def test_a_task_left_running_past_the_limit_is_failed(given, expected, settings, caplog):
    settings.WORKER_SWEEPS = []
    left = task(*given, path="tests.worker.test_worker.anything")
    with caplog.at_level(logging.WARNING):
        recovery.recover_stuck_work()
    left.refresh_from_db()
    assert left.status == expected
    if expected == FAILED:
        assert left.exception_class_path == "worker.recovery.WorkerStopped"
        assert "Still running 601 seconds after it started: its worker stopped" in left.traceback
        assert left.finished_at is not None
        assert f"Task {left.pk} (anything) was left running by a worker that stopped: marked failed" in caplog.text


def test_the_sweeping_workers_own_task_is_not_failed_however_long_it_runs(settings):
    settings.WORKER_SWEEPS = []
    own = task(RUNNING, 9999)
    recovery.recover_stuck_work(sweeping_worker="a-worker-that-died")
    own.refresh_from_db()
    assert own.status == RUNNING
    recovery.recover_stuck_work(sweeping_worker="another-worker")
    own.refresh_from_db()
    assert own.status == FAILED


def test_failing_can_be_limited_to_one_task():
    emails, other = task(RUNNING, 60), task(RUNNING, 60, path="tests.worker.test_worker.anything")
    assert recovery.fail_tasks_left_running(started_before=seconds_ago(30), task_path=emails.task_path) == 1
    assert [DBTaskResult.objects.get(pk=row.pk).status for row in (emails, other)] == [FAILED, RUNNING]


def sweep_records(*, sweeping_worker):
    SWEEP_SAW.append(list(DBTaskResult.objects.values_list("status", flat=True)))


def test_each_domain_sweeps_after_stuck_tasks_are_failed(settings):
    settings.WORKER_SWEEPS = [f"{__name__}.sweep_records"]
    SWEEP_SAW.clear()
    task(RUNNING, 601)
    recovery.recover_stuck_work()
    assert SWEEP_SAW == [[FAILED]]


@pytest.fixture(autouse=True)
def signals_given_back():
    """The worker command takes over the process's signals: give them back, or a later SIGTERM to the test run
    would be taken as one to a worker (and stop a test somewhere else)."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = [signal.getsignal(number) for number in signals]
    yield
    for number, handler in zip(signals, handlers, strict=True):
        signal.signal(number, handler)


@pytest.fixture
def worker_in_this_transaction(monkeypatch):
    # The worker closes stale connections between tasks; here that would be the test's own transaction.
    monkeypatch.setattr(library_worker, "close_old_connections", lambda: None)


def test_a_worker_that_starts_retries_an_email_a_dead_worker_left_sending(settings, worker_in_this_transaction):
    settings.EMAIL_RETRY_DELAY_SECONDS = 0
    email = services.queue_email(Email.Kind.MENTOR_REMOVED, "zoe@example.com", {"school_name": "Brookfield"})
    Email.objects.filter(pk=email.pk).update(status=Email.Status.SENDING, attempts=1, updated_at=seconds_ago(3600))
    DBTaskResult.objects.update(status=RUNNING, started_at=seconds_ago(3600))

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (Email.Status.SENT, 2, 1)
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [FAILED, TaskResultStatus.SUCCESSFUL]


def test_the_command_is_this_apps():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "worker"


def worker(**options):
    return db_worker.Worker(
        **{
            "queue_names": ["default"],
            "interval": 0,
            "batch": False,
            "backend_name": "default",
            "startup_delay": False,
            "max_tasks": None,
            "worker_id": "test",
            "excluded_queue_names": [],
            **options,
        }
    )


class TestLosingTheDatabase:
    @pytest.fixture
    def outages(self, monkeypatch):
        """The library's loop raises as when the database goes away, `count` times, then ends; sleeps are noted."""
        state = {"count": 0, "runs": 0, "sleeps": []}

        def run(worker):
            state["runs"] += 1
            if state["runs"] <= state["count"]:
                raise OperationalError("connection refused")

        monkeypatch.setattr(library_worker.Worker, "run", run)
        monkeypatch.setattr(db_worker, "sweep", lambda worker_id: None)
        monkeypatch.setattr(db_worker, "Sweeper", lambda interval, worker_id: None)
        monkeypatch.setattr(db_worker.time, "sleep", state["sleeps"].append)
        return state

    def test_the_worker_waits_and_connects_again(self, outages, caplog):
        outages["count"] = 6
        worker().run()
        assert outages["runs"] == 7
        assert outages["sleeps"] == [1, 2, 4, 8, 16, 30]
        assert "Lost the database (OperationalError): trying again in 1 seconds" in caplog.text

    def test_a_worker_asked_to_stop_does_not_start_again(self, outages):
        outages["count"] = 1
        stopping = worker()
        stopping.running = False
        stopping.run()
        assert outages["runs"] == 0


def test_the_sweeper_sweeps_every_interval_until_stopped(monkeypatch):
    swept = threading.Semaphore(0)
    monkeypatch.setattr(db_worker, "sweep", lambda worker_id: swept.release())
    sweeper = db_worker.Sweeper(0.01, "this-worker")
    sweeper.start()
    assert all(swept.acquire(timeout=5) for _ in range(3))
    sweeper.stop()
    sweeper.join(5)
    assert not sweeper.is_alive()


def test_a_sweep_that_fails_is_logged_and_tried_again_next_time(monkeypatch, caplog):
    def lost(sweeping_worker):
        raise OperationalError("connection refused")

    monkeypatch.setattr(db_worker, "recover_stuck_work", lost)
    db_worker.sweep("this-worker")
    assert "Could not look for stuck work: the database did not answer (OperationalError)" in caplog.text

    monkeypatch.setattr(db_worker, "recover_stuck_work", lambda sweeping_worker: 1 / 0)
    db_worker.sweep("this-worker")
    assert "Looking for stuck work failed" in caplog.text
