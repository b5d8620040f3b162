"""The read-only API for providers' systems (README, "API for providers")."""

from config.env import env

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    # Requests per token: "600/min" is 10 a second.
    "DEFAULT_THROTTLE_RATES": {"api_token": env("API_THROTTLE_RATE", default="600/min")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.error_body",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Manage ITT mentors API",
    "DESCRIPTION": "Read-only data for accredited ITT providers' systems: their partner schools' current mentors, "
    "and the claims schools made for mentors' training with them.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
