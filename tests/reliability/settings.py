"""The fault tests' services (tests/reliability): production settings, served over plain HTTP on this machine, with
static files served from their folders rather than collected first."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
