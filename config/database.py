"""What web processes, and only they, ask of the database: that no statement runs longer than
DATABASE_STATEMENT_TIMEOUT. Commands and workers are not held to it: a migration or an import may rightly take longer.
"""

from django.conf import settings
from django.db.backends.signals import connection_created


def hold_web_requests_to_the_statement_timeout():
    """From now on, each connection this process opens has PostgreSQL cancel any statement that runs longer than
    DATABASE_STATEMENT_TIMEOUT seconds (0: none). The web entry points call it (config/wsgi.py, config/asgi.py)."""
    if settings.DATABASE_STATEMENT_TIMEOUT:
        connection_created.connect(_set_statement_timeout, dispatch_uid="web statement timeout")


def _set_statement_timeout(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # set_config, unlike SET, takes a parameter. Once a connection: it lasts as long as the session.
            milliseconds = round(settings.DATABASE_STATEMENT_TIMEOUT * 1000)
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}ms"])
