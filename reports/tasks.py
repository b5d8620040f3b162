from django_tasks import task

from . import services


@task()
def refresh_summaries():
    """Refresh the staff reports' summaries (see reports.services.refresh_summaries)."""
    services.refresh_summaries()
