"""Settings shared by every environment: the apps, the request pipeline, templates, users and static files.

Each topic has a module of its own, gathered here: api, security (sessions, throttling, headers), dfe_sign_in, email,
notify, tasks, trs, gias, publish, database (timeouts) and logging. Each value that differs between machines comes
from an environment variable (README, "Configuration").
"""

from config.env import BASE_DIR, env

from .api import *  # noqa: F403
from .database import *  # noqa: F403
from .dfe_sign_in import *  # noqa: F403
from .email import *  # noqa: F403
from .gias import *  # noqa: F403
from .logging import *  # noqa: F403
from .notify import *  # noqa: F403
from .publish import *  # noqa: F403
from .security import *  # noqa: F403
from .tasks import *  # noqa: F403
from .trs import *  # noqa: F403

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
    # Before django_tasks_db: its db_worker command is the worker app's, which also recovers work whose worker died.
    "worker",
    "django_tasks_db",
    "core",
    "accounts",
    "reference_data",
    "schools",
    "mentors",
    "pages",
    "emails",
    "health",
    "providers",
    "partnerships",
    "organisations",
    "claims",
    "reports",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    # First: the platform's health checks are answered whatever the Host header, over plain HTTP, with no session.
    "health.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before CsrfViewMiddleware, which would refuse a PUT without a token (403) rather than the method (405).
    "config.middleware.RefuseUnusedMethodsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.NoStoreWhenSignedInMiddleware",
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
# django-axes' backend only refuses sign-in while an address is locked out; ModelBackend checks the password, unless
# only DfE Sign-in is used. DfE Sign-in's backend checks nothing: it says that a person signed in with DfE Sign-in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *([] if DFE_SIGN_IN_ONLY else ["django.contrib.auth.backends.ModelBackend"]),  # noqa: F405
    "accounts.backends.DfESignInBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "organisations:start"
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
    ("accessible-autocomplete", BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# Django's, with selects written in Python (core/renderers.py).
FORM_RENDERER = "core.renderers.FormRenderer"

# Where people write for help: shown in the phase banner and on the information pages.
SUPPORT_EMAIL = env("SUPPORT_EMAIL", default="manage-itt-mentors@education.gov.uk")
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"

# A minimal page served only for benchmarks/load.py, as the yardstick for the pages' speed.
BENCHMARK_FLOOR = False

# Who receives claims to pay (and clawbacks) as CSV files: the payer's addresses, separated by commas.
PAYER_EMAILS = env.list("PAYER_EMAILS", default=[])
# How long the payer's link to download a file works (once).
PAYER_LINK_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
