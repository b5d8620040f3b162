"""Background tasks: in the database, run by `manage.py db_worker` processes (no Redis needed)."""

from config.env import env

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
