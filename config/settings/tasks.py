"""Background tasks: in the database, run by `manage.py db_worker` processes (no Redis needed)."""

from config.env import env

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Every worker looks for work whose worker died when it starts, then every this many seconds (worker.recovery).
WORKER_SWEEP_INTERVAL_SECONDS = env.float("WORKER_SWEEP_INTERVAL_SECONDS", default=60)
# A task still running this long after it started has lost its worker: it is marked failed, as if it had raised.
# Its domain's sweep (below) recovers the work itself; emails have their own, shorter limit.
TASKS_STUCK_AFTER_SECONDS = env.float("TASKS_STUCK_AFTER_SECONDS", default=3600)
# Each domain's recovery of its own work, run by every sweep after stuck tasks are failed.
WORKER_SWEEPS = ["emails.services.recover_stuck_emails"]
