"""WSGI entry point, for gunicorn: gunicorn config.wsgi."""

import os

from django.core.wsgi import get_wsgi_application

from config.database import hold_web_requests_to_the_statement_timeout

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

hold_web_requests_to_the_statement_timeout()
