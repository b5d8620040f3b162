"""The Teaching Record System (formerly DQT). Without an API key, an offline fake answers (README, "TRS")."""

from config.env import env

TRS_API_URL = env("TRS_API_URL", default="https://teacher-qualifications-api.education.gov.uk")
TRS_API_KEY = env("TRS_API_KEY", default="")
TRS_API_VERSION = env("TRS_API_VERSION", default="20250627")
