"""GOV.UK Notify's settings (config/settings/notify.py): a key that is a whole Notify key, with its template."""

import pytest

from tests.config.test_production_settings import SAFE_ENVIRONMENT, manage
from tests.support.notify import API_KEY, TEMPLATE_ID


def test_a_whole_key_and_a_template_start():
    result = manage("check", **SAFE_ENVIRONMENT, NOTIFY_API_KEY=API_KEY, NOTIFY_EMAIL_TEMPLATE_ID=TEMPLATE_ID)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "environment, message",
    [
        ({"NOTIFY_API_KEY": API_KEY[-36:], "NOTIFY_EMAIL_TEMPLATE_ID": TEMPLATE_ID}, "not a GOV.UK Notify API key"),
        ({"NOTIFY_API_KEY": API_KEY}, "Set NOTIFY_EMAIL_TEMPLATE_ID"),
        ({"NOTIFY_API_KEY": API_KEY, "NOTIFY_EMAIL_TEMPLATE_ID": "welcome-email"}, "Set NOTIFY_EMAIL_TEMPLATE_ID"),
    ],
    ids=["only the secret", "no template", "not a template id"],
)
def test_refuses_to_start_with_a_key_it_cannot_use(environment, message):
    result = manage("check", **SAFE_ENVIRONMENT, **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
