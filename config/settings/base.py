"""Settings shared by every environment.

Each value that differs between machines comes from an environment variable (see README, "Configuration").
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "govuk_frontend_django",
    "csp",
    "anymail",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "reference_data",
    "schools",
    "mentors",
    "pages",
    "emails",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "pages.context_processors.service",
            ],
        },
    },
]

# Databases: DATABASE_URL, e.g. postgres://user:password@host:5432/name. Each environment sets its default.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes' backend only refuses sign-in while an address is locked out; ModelBackend checks the password.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "schools:start"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# GOV.UK Frontend's JavaScript and assets come from npm; the stylesheet is compiled into build/ (npm run build).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    BASE_DIR / "build" / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Email: any Django or django-anymail backend. ANYMAIL_<NAME> variables fill anymail's settings, so a
# provider is configured without code, e.g. EMAIL_BACKEND=anymail.backends.postmark.EmailBackend and
# ANYMAIL_POSTMARK_SERVER_TOKEN=...
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Manage ITT mentors <no-reply@manage-itt-mentors.education.gov.uk>"
)
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in env.ENVIRON.items() if name.startswith("ANYMAIL_")}
# Emails are recorded with the change that causes them and sent by a background task, retried with exponential
# backoff (the delay, then twice it...) until this many attempts have failed.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=5)
EMAIL_RETRY_DELAY_SECONDS = env.int("EMAIL_RETRY_DELAY_SECONDS", default=60)

# Background tasks: in the database, run by `manage.py db_worker` processes (no Redis needed).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# The session is the only cookie the service sets, and only once a person signs in or starts a journey.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A signed-in session ends after 2 hours without a request, and 12 hours after signing in whatever happens
# (accounts.middleware). The cookie lasts no longer than a session can.
SESSION_IDLE_TIMEOUT = 2 * 60 * 60
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# Sign-in throttling (django-axes): after 5 failed attempts, sign-in is refused for 15 minutes; a success clears
# the count. Attempts are counted per email address and IP address together: by email address alone, anyone could
# lock a known person out from everywhere; by IP address alone, one person could lock out a whole school behind
# one IP address. Guessing from many IP addresses is still held to 5 guesses per IP address per 15 minutes. Every
# email address is counted the same, with or without an account, so the lockout never tells who has one.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field; axes would assume the model's, "email"
AXES_USERNAME_CALLABLE = "accounts.throttling.username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Successful sign-ins are not logged (User.last_login has the latest): no IP address is kept for them, and
# signing in writes one row fewer. accounts.admin shows the failed attempts, where support can unlock an address.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# No start-up banner in the output of every manage.py command; attempts and lockouts are still logged.
AXES_VERBOSE = False

# Content Security Policy: no inline script or style without this request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # urllib3 logs each URL it requests at DEBUG, and TRS URLs carry a teacher's TRN.
    "loggers": {"urllib3": {"level": "WARNING"}},
}

# Where people write for help: shown in the phase banner and on the information pages.
SUPPORT_EMAIL = env("SUPPORT_EMAIL", default="manage-itt-mentors@education.gov.uk")
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"

# The Teaching Record System (formerly DQT). Without an API key, an offline fake answers (see README).
TRS_API_URL = env("TRS_API_URL", default="https://teacher-qualifications-api.education.gov.uk")
TRS_API_KEY = env("TRS_API_KEY", default="")
TRS_API_VERSION = env("TRS_API_VERSION", default="20250627")

# A minimal page served only for benchmarks/load.py, as the yardstick for the pages' speed.
BENCHMARK_FLOOR = False
