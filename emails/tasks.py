from django_tasks import task

from . import services


@task()
def send_email(email_id):
    """Send one recorded email (see emails.services.deliver)."""
    services.deliver(email_id)
