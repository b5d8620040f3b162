"""django-tasks-db's db_worker, made to survive what kills workers (README, "Reliability").

It runs queued tasks exactly as django-tasks-db's does (the same options; SIGTERM lets the current task finish and
takes no new one), and also:
- recovers work whose worker died, when it starts and every WORKER_SWEEP_INTERVAL_SECONDS (worker.recovery);
- rides out the database going away: it waits and connects again, rather than exit.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from worker.recovery import recover_stuck_work

logger = logging.getLogger(__name__)

# Seconds to wait before connecting again after losing the database: doubled each time it fails again, up to the most.
RECONNECT_DELAY = 1
RECONNECT_DELAY_MOST = 30


def sweep(worker_id):
    """Recover stuck work, whatever happens: a sweep that fails is tried again at the next one."""
    try:
        recover_stuck_work(sweeping_worker=worker_id)
    except (OperationalError, InterfaceError) as error:
        logger.warning("Could not look for stuck work: the database did not answer (%s)", type(error).__name__)
    except Exception:
        logger.exception("Looking for stuck work failed")


class Sweeper(threading.Thread):
    """Sweeps every interval, beside the worker's loop, so that a long task does not hold recovery up."""

    def __init__(self, interval, worker_id):
        super().__init__(name="stuck-work-sweeper", daemon=True)
        self.interval = interval
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.interval):
            sweep(self.worker_id)
            # This thread's own connection: not kept open between sweeps.
            connections.close_all()

    def stop(self):
        self.stopped.set()


class Worker(db_worker.Worker):
    def run(self):
        sweep(self.worker_id)
        sweeper = None if self.batch else Sweeper(settings.WORKER_SWEEP_INTERVAL_SECONDS, self.worker_id)
        if sweeper:
            sweeper.start()
        delay = RECONNECT_DELAY
        try:
            while self.running:
                started = time.monotonic()
                try:
                    return super().run()
                except (OperationalError, InterfaceError) as error:
                    # The task in hand, if any, stays "running" until a sweep recovers it.
                    if time.monotonic() - started > RECONNECT_DELAY_MOST:
                        delay = RECONNECT_DELAY  # it had been working: a new outage
                    logger.warning("Lost the database (%s): trying again in %s seconds", type(error).__name__, delay)
                    connections.close_all()
                    self.startup_delay = False
                    time.sleep(delay)
                    delay = min(delay * 2, RECONNECT_DELAY_MOST)
        finally:
            if sweeper:
                sweeper.stop()


class Command(db_worker.Command):
    help = (
        "Run a database background worker, which also recovers work whose worker died and rides out the database "
        "going away"
    )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        # As django-tasks-db's own command does, but with the Worker above.
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child process, which runs the tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
