"""Email: any Django or django-anymail backend, behind the service's outbox (README, "Emails")."""

from config.env import env

# ANYMAIL_<NAME> variables fill anymail's settings, so a provider is configured without code, e.g.
# EMAIL_BACKEND=anymail.backends.postmark.EmailBackend and ANYMAIL_POSTMARK_SERVER_TOKEN=...
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Manage ITT mentors <no-reply@manage-itt-mentors.education.gov.uk>"
)
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in env.ENVIRON.items() if name.startswith("ANYMAIL_")}
# A mail server (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds to wait for each answer from the mail server or the provider's API before the attempt fails: without it a
# server that accepts the connection and never answers holds the worker for good.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)
ANYMAIL["REQUESTS_TIMEOUT"] = EMAIL_TIMEOUT

# Emails are recorded with the change that causes them and sent by a background task, retried with exponential
# backoff (the delay, then twice it...) until this many attempts have failed.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=5)
EMAIL_RETRY_DELAY_SECONDS = env.float("EMAIL_RETRY_DELAY_SECONDS", default=60)
# An email still "sending" this long after its attempt began has lost its worker (killed, or its machine gone): the
# next worker to start, or any worker's sweep, counts the attempt as failed and retries it. It must be far longer
# than a live attempt can take (EMAIL_TIMEOUT for each step of the conversation), or a slow send is sent twice.
EMAIL_STUCK_AFTER_SECONDS = env.float("EMAIL_STUCK_AFTER_SECONDS", default=300)
# An email queued this long ago and not yet sent means no worker is sending: /healthcheck/ready says so, and admin
# lists it first. Longer than the longest retry delay (60 seconds × 2³ by default).
EMAIL_QUEUE_MAX_AGE_SECONDS = env.float("EMAIL_QUEUE_MAX_AGE_SECONDS", default=900)

# The service's address, for links in emails sent without a request (reminders from scheduled commands).
SERVICE_URL = env("SERVICE_URL", default="http://127.0.0.1:8000")
