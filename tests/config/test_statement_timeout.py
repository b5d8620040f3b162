"""The web entry points hold each new database connection to DATABASE_STATEMENT_TIMEOUT: a statement that runs
longer is cancelled (and the request gets the error page), where it would otherwise wait on a lock for good."""

import pytest
from django.db import OperationalError, connections
from django.db.backends.signals import connection_created

from config.database import _set_statement_timeout, hold_web_requests_to_the_statement_timeout

pytestmark = pytest.mark.django_db


@pytest.fixture
def web_process(settings):
    settings.DATABASE_STATEMENT_TIMEOUT = 0.2
    hold_web_requests_to_the_statement_timeout()
    yield
    connection_created.disconnect(_set_statement_timeout, dispatch_uid="web statement timeout")


@pytest.fixture
def new_connection():
    connection = connections.create_connection("default")
    yield connection
    connection.close()


def test_a_statement_longer_than_the_timeout_is_cancelled(web_process, new_connection):
    with new_connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "200ms"
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(2)")


def test_without_the_web_entry_point_statements_have_no_timeout(new_connection):
    with new_connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_a_timeout_of_0_sets_none(settings, new_connection):
    settings.DATABASE_STATEMENT_TIMEOUT = 0
    hold_web_requests_to_the_statement_timeout()
    with new_connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
