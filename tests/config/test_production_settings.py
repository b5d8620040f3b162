"""Production settings refuse an unsafe start, Django's deployment checks find nothing to warn about, and responses
carry the security headers and cookie flags that production sets."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD

PROJECT = Path(__file__).resolve().parents[2]
REAL_SECRET_KEY = "k3#n9x!q2v@8z$w5m&r7t^p1y*u4o(e6i)a0s-d_f+g=h[j]l{c}b|n;m:v,x.z/"
SAFE_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": REAL_SECRET_KEY,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/manage_itt_mentors",
    "ALLOWED_HOSTS": "manage-itt-mentors.education.gov.uk",
}


def manage(*args, **environment):
    # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' own (see tests/browser/conftest.py), not production's.
    ignored = {*SAFE_ENVIRONMENT, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **SAFE_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "unsafe, message",
    [
        ({"SECRET_KEY": ""}, "Set the SECRET_KEY environment variable"),
        ({"SECRET_KEY": "django-insecure-development-only"}, "SECRET_KEY is not a real secret"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY is not a real secret"),
        ({"SECRET_KEY": "a" * 60}, "SECRET_KEY is not a real secret"),
        ({"DATABASE_URL": ""}, "Set the DATABASE_URL environment variable"),
        ({"ALLOWED_HOSTS": ""}, "Set the ALLOWED_HOSTS environment variable"),
    ],
    ids=["no secret key", "development key", "short key", "repetitive key", "no database", "no hosts"],
)
def test_refuses_to_start_without_real_settings(unsafe, message):
    result = manage("check", **{**SAFE_ENVIRONMENT, **unsafe})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


# Production's own values of the settings behind the security headers and cookies, read by starting Django with
# production settings: this process runs the test settings, which leave out what needs HTTPS.
SECURITY_SETTINGS = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_OPTIONS", "AXES_CLIENT_IP_CALLABLE")
PRINT_SECURITY_SETTINGS = f"""
import json
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in dir(settings) if name.startswith({SECURITY_SETTINGS})}}))
"""
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture(scope="module")
def production_values():
    result = manage("shell", "--verbosity", "0", "--command", PRINT_SECURITY_SETTINGS, **SAFE_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_settings(production_values):
    assert production_values["SECURE_SSL_REDIRECT"] is True
    with override_settings(**production_values):
        yield


@pytest.mark.django_db
def test_responses_carry_the_security_headers(production_settings, client):
    response = client.get(reverse("accounts:sign-in"), **HTTPS)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_http_is_redirected_to_https(production_settings, client):
    response = client.get(reverse("accounts:sign-in"))
    assert response.status_code == 301
    assert response.url == "https://testserver/sign-in/"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_http_only_and_same_site_lax(production_settings, client, coordinator):
    csrf_cookie = client.get(reverse("accounts:sign-in"), **HTTPS).cookies["csrftoken"]
    response = client.post(reverse("accounts:sign-in"), {"username": coordinator.email, "password": PASSWORD}, **HTTPS)
    assert response.status_code == 302
    for cookie in (response.cookies["sessionid"], csrf_cookie):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_sign_in_attempts_are_counted_by_the_address_the_proxy_saw(production_settings, client, coordinator):
    def sign_in(forwarded_for):
        data = {"username": coordinator.email, "password": "wrong-password"}
        return client.post(reverse("accounts:sign-in"), data, HTTP_X_FORWARDED_FOR=forwarded_for, **HTTPS)

    for number in range(5):  # the client's own entries change; the address the proxy added does not
        response = sign_in(f"203.0.113.{number}, 198.51.100.7")
    assert response.status_code == 429
    assert sign_in("198.51.100.8").status_code == 200


def production_shell(settings, command):
    """Run Python in `manage.py shell` on production settings; the last line it prints."""
    server = settings.DATABASES["default"]
    # The tests' server, and a database that is always there: this only asks settings of the connection.
    database_url = f"postgres://{server['USER']}:{server['PASSWORD']}@{server['HOST']}:{server['PORT']}/postgres"
    result = manage(
        "shell", "--verbosity", "0", "--command", command, **{**SAFE_ENVIRONMENT, "DATABASE_URL": database_url}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


SHOW = """
from django.db import connection

def show(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]
"""


def test_the_database_is_costed_as_on_ssds_so_searches_use_their_indexes(settings):
    assert production_shell(settings, SHOW + "print(show('random_page_cost'))") == "1.1"


def test_web_requests_and_only_they_are_held_to_the_statement_timeout(settings):
    """A command (a worker, a migration, an import) has none; the web entry point's connections have 10 seconds."""
    command = SHOW + "as_command = show('statement_timeout')\nconnection.close()\nimport config.wsgi\n"
    command += "print(as_command, show('statement_timeout'), connection.settings_dict['OPTIONS']['connect_timeout'])"
    assert production_shell(settings, command) == "0 10s 5"
