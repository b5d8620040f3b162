"""Email: any Django or django-anymail backend, behind the service's outbox (README, "Emails")."""

from config.env import env

# ANYMAIL_<NAME> variables fill anymail's settings, so a provider is configured without code, e.g.
# EMAIL_BACKEND=anymail.backends.postmark.EmailBackend and ANYMAIL_POSTMARK_SERVER_TOKEN=...
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Manage ITT mentors <no-reply@manage-itt-mentors.education.gov.uk>"
)
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in env.ENVIRON.items() if name.startswith("ANYMAIL_")}
# Emails are recorded with the change that causes them and sent by a background task, retried with exponential
# backoff (the delay, then twice it...) until this many attempts have failed.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=5)
EMAIL_RETRY_DELAY_SECONDS = env.int("EMAIL_RETRY_DELAY_SECONDS", default=60)
