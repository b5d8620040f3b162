"""The Teaching Record System (formerly DQT). Without an API key, an offline fake answers (README, "TRS")."""

from config.env import env

TRS_API_URL = env("TRS_API_URL", default="https://teacher-qualifications-api.education.gov.uk")
TRS_API_KEY = env("TRS_API_KEY", default="")
TRS_API_VERSION = env("TRS_API_VERSION", default="20250627")
# Seconds to wait for each answer from TRS. A mentor is looked up while the coordinator waits for the page, and a
# request is tried up to 4 times: keep 4 × this under the web server's timeout (gunicorn's 30 seconds).
TRS_API_TIMEOUT = env.float("TRS_API_TIMEOUT", default=5)
