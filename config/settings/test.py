"""Tests: PostgreSQL (DATABASE_URL, defaulting to the local server), emails kept in memory."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/manage_itt_mentors"),
}
EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Hashing passwords slowly is the point in production and only costs time in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
# Find each static file when it is asked for, instead of listing thousands of them each time a test client's
# middleware is made (once a Client): that listing was half the time of a request in the tests.
WHITENOISE_AUTOREFRESH = True
TRS_API_KEY = ""  # the offline fake; tests of the real client give it a local server
