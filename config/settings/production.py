"""Production: refuses to start without a real SECRET_KEY and DATABASE_URL; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES, env

DEBUG = False


def _required(name):
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable: production will not start without it.")
    return value


SECRET_KEY = _required("SECRET_KEY")
if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is not a real secret: use at least 50 random characters, for example from "
        "python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'."
    )
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Databases are on SSDs, where a random read costs about as much as the next page: with PostgreSQL's default (4,
# for spinning disks) it reads all 150,000 mentors for an admin search rather than use the search indexes.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c random_page_cost={env.float('DATABASE_RANDOM_PAGE_COST', default=1.1)}"
)
# An unreachable database fails a request or a worker's step in seconds, not after the system's TCP timeouts (minutes).
# Keepalives find a connection whose server has gone silent (a host lost, a network cut) while it waits for an answer.
DATABASES["default"]["OPTIONS"] |= {
    "connect_timeout": DATABASE_CONNECT_TIMEOUT,  # noqa: F405
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable (comma-separated host names).")

STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# The service runs behind a proxy that terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Sign-in attempts are counted by the client's IP address, which the proxy adds to X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip_behind_proxy"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
