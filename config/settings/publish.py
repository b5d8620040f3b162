"""DfE's Publish teacher training courses API, where ITT providers come from (README, "Providers from Publish")."""

from config.env import env

# The API's address, without its path: import_providers reads /api/public/v1/recruitment_cycles/{year}/providers.
PUBLISH_API_URL = env("PUBLISH_API_URL", default="https://api.publish-teacher-training-courses.service.gov.uk")
# Seconds to connect, and to wait for each page: a page of 100 providers can take Publish several seconds.
PUBLISH_API_TIMEOUT = env.float("PUBLISH_API_TIMEOUT", default=30)
