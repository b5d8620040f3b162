"""Development: a local server on SQLite in the project folder, emails printed to the console."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Tasks (such as sending emails) run in the web process as soon as the change commits, so emails appear in the
# console without a worker. TASKS_BACKEND=django_tasks_db.DatabaseBackend queues them for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# WhiteNoise serves static files straight from their folders, picking up a rebuilt stylesheet at once.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
