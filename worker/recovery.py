"""Recovering work whose worker died: killed (SIGKILL, a host or container restart) or its machine lost.

Such a worker leaves its task "running" for ever, and whatever the task was doing half done. Every worker sweeps
when it starts and every WORKER_SWEEP_INTERVAL_SECONDS: a task still running TASKS_STUCK_AFTER_SECONDS after it
started is marked failed, as if it had raised, and each domain's sweep (settings.WORKER_SWEEPS) then recovers its own
work by its own rules (emails.services.recover_stuck_emails retries the email). Sweeps are safe to run at once in
many workers: each row is changed under a lock that the others skip.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class WorkerStopped(Exception):
    """The worker stopped (killed, or its machine lost) before the work finished."""


def recover_stuck_work(*, sweeping_worker=None):
    """Fail the tasks left running by workers that have stopped, then run each domain's sweep. A worker sweeping
    names itself: however long its own task runs, it is not dead."""
    fail_tasks_left_running(
        started_before=timezone.now() - timedelta(seconds=settings.TASKS_STUCK_AFTER_SECONDS),
        sweeping_worker=sweeping_worker,
    )
    for sweep in settings.WORKER_SWEEPS:
        import_string(sweep)(sweeping_worker=sweeping_worker)


def fail_tasks_left_running(*, started_before, task_path=None, sweeping_worker=None):
    """Mark failed each task (of this task_path, or any) still running that started before started_before: its
    worker has stopped. The sweeping worker's own task is left alone. Returns how many."""
    left_running = DBTaskResult.objects.running().filter(started_at__lt=started_before)
    if task_path is not None:
        left_running = left_running.filter(task_path=task_path)
    if sweeping_worker is not None:
        left_running = left_running.exclude(worker_ids__contains=[sweeping_worker])
    failed = 0
    for task_id in left_running.values_list("pk", flat=True):
        with transaction.atomic():
            # Skip a row another sweep has locked; and check again, as the worker may have just finished it.
            task = left_running.select_for_update(skip_locked=True).filter(pk=task_id).first()
            if task is None:
                continue
            running_for = (timezone.now() - task.started_at).total_seconds()
            error = WorkerStopped(f"Still running {running_for:.0f} seconds after it started: its worker stopped")
            task.set_failed(error)
        logger.warning("Task %s (%s) was left running by a worker that stopped: marked failed", task.pk, task.task_name)
        failed += 1
    return failed
