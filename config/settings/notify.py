"""GOV.UK Notify: with an API key, every email of the outbox is sent through Notify rather than EMAIL_BACKEND
(README, "GOV.UK Notify")."""

import re

from django.core.exceptions import ImproperlyConfigured

from config.env import env

# A key is its name, the Notify service's id and the key's secret, joined by hyphens (the id and secret are UUIDs).
NOTIFY_API_KEY = env("NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
# The one email template every email is sent with: its subject is ((subject)) and its body ((body)).
NOTIFY_EMAIL_TEMPLATE_ID = env("NOTIFY_EMAIL_TEMPLATE_ID", default="")

_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
if NOTIFY_API_KEY:
    if not re.fullmatch(rf".+-{_UUID}-{_UUID}", NOTIFY_API_KEY):
        raise ImproperlyConfigured(
            "NOTIFY_API_KEY is not a GOV.UK Notify API key: copy the whole key, its name, service id and secret."
        )
    if not re.fullmatch(_UUID, NOTIFY_EMAIL_TEMPLATE_ID):
        raise ImproperlyConfigured(
            "Set NOTIFY_EMAIL_TEMPLATE_ID to the id of the Notify email template whose subject is ((subject)) and "
            "body ((body))."
        )
