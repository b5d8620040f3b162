"""Production settings refuse an unsafe start, and Django's deployment checks find nothing to warn about."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
