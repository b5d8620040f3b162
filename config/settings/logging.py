"""Logging: to the console, at LOG_LEVEL. No log line may carry personal data (tests/test_no_personal_data_in_logs)."""

from config.env import env

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # urllib3 logs each URL it requests at DEBUG, and TRS URLs carry a teacher's TRN.
    "loggers": {"urllib3": {"level": "WARNING"}},
}
