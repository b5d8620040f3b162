"""Whether the service is ready to do its work, for /healthcheck/ready."""

from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from emails import selectors as email_selectors


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


# Migrations applied stay applied while this code runs: checked until they are, then no more.
_migrated = False


def readiness():
    """Each check, in order; those after a database that does not answer are not made."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return [Check("database", False, f"not answering ({type(error).__name__})")]
    return [Check("database", True, "answering"), _migrations(), _email_queue()]


def _migrations():
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        if unapplied:
            return Check("migrations", False, f"{unapplied} not applied")
        _migrated = True
    return Check("migrations", True, "all applied")


def _email_queue():
    age = email_selectors.oldest_queued_email_age()
    if age is None:
        return Check("email queue", True, "empty")
    waited = f"the oldest queued {age.total_seconds():.0f} seconds ago"
    limit = settings.EMAIL_QUEUE_MAX_AGE_SECONDS
    return Check("email queue", age.total_seconds() <= limit, waited + f" (at most {limit:.0f})")
