"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from config.database import hold_web_requests_to_the_statement_timeout

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()

hold_web_requests_to_the_statement_timeout()
