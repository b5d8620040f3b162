"""DfE Sign-in's settings (config/settings/dfe_sign_in.py), read by starting Django with production settings: all or
nothing of the client, and what turning it on changes elsewhere (the password backend, the Content Security Policy)."""

import json

import pytest

from tests.config.test_production_settings import SAFE_ENVIRONMENT, manage

DFE_SIGN_IN = {
    "DFE_SIGN_IN_ISSUER": "https://oidc.signin.example.education.gov.uk",
    "DFE_SIGN_IN_CLIENT_ID": "manage-itt-mentors",
    "DFE_SIGN_IN_CLIENT_SECRET": "a-client-secret",
}
PRINT = """
import json
from django.conf import settings
print(json.dumps({
    "backends": settings.AUTHENTICATION_BACKENDS,
    "form_action": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],
}))
"""


def read_settings(**environment):
    result = manage("shell", "--verbosity", "0", "--command", PRINT, **SAFE_ENVIRONMENT, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_dfe_sign_in_passwords_are_checked_and_forms_post_to_the_service_only():
    assert read_settings() == {
        "backends": [
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
            "accounts.backends.DfESignInBackend",
        ],
        "form_action": ["'self'"],
    }


def test_with_dfe_sign_in_the_sign_out_form_may_go_on_to_its_end_session_page():
    found = read_settings(**DFE_SIGN_IN)
    assert "django.contrib.auth.backends.ModelBackend" in found["backends"]
    assert found["form_action"] == ["'self'", "https://oidc.signin.example.education.gov.uk"]


def test_with_dfe_sign_in_only_no_password_is_checked():
    found = read_settings(**DFE_SIGN_IN, DFE_SIGN_IN_ONLY="true")
    assert found["backends"] == ["axes.backends.AxesStandaloneBackend", "accounts.backends.DfESignInBackend"]


@pytest.mark.parametrize(
    "environment, message",
    [
        (
            {"DFE_SIGN_IN_ISSUER": DFE_SIGN_IN["DFE_SIGN_IN_ISSUER"]},
            "set DFE_SIGN_IN_CLIENT_ID, DFE_SIGN_IN_CLIENT_SECRET",
        ),
        ({**DFE_SIGN_IN, "DFE_SIGN_IN_CLIENT_SECRET": ""}, "set DFE_SIGN_IN_CLIENT_SECRET."),
        ({"DFE_SIGN_IN_ONLY": "true"}, "DFE_SIGN_IN_ONLY needs DfE Sign-in"),
    ],
    ids=["issuer only", "no secret", "only, without it"],
)
def test_refuses_to_start_with_part_of_it(environment, message):
    result = manage("check", **SAFE_ENVIRONMENT, **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
