from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from notifications_python_client.errors import APIError

from emails import services
from emails.models import Email

# The summary's order and words.
REPORTED = [
    (Email.Delivery.DELIVERED, "delivered"),
    (Email.Delivery.PERMANENT_FAILURE, "permanent failure"),
    (Email.Delivery.TEMPORARY_FAILURE, "temporary failure"),
    (Email.Delivery.TECHNICAL_FAILURE, "technical failure"),
    (Email.Delivery.SENDING, "still sending"),
    (None, "not known to Notify"),
]


class Command(BaseCommand):
    help = (
        "Ask GOV.UK Notify what became of the emails it accepted in the last 7 days (delivered, permanent, temporary "
        "or technical failure), and record it on each email, shown in admin. Run it on a schedule."
    )

    def handle(self, *args, **options):
        if not settings.NOTIFY_API_KEY:
            raise CommandError("Emails are not sent through GOV.UK Notify: NOTIFY_API_KEY is not set.")
        found = Counter()
        try:
            for _, delivery in services.reconcile_notify():
                found[delivery] += 1
        except APIError as error:
            self.stdout.write(self._summary(found))
            raise CommandError(
                f"GOV.UK Notify answered with an error ({error}). The emails not yet asked about are asked about "
                "next time."
            ) from error
        self.stdout.write(self._summary(found))

    def _summary(self, found):
        total = sum(found.values())
        counts = ", ".join(f"{found[delivery]} {words}" for delivery, words in REPORTED)
        return f"Asked GOV.UK Notify about {total} email{'s' if total != 1 else ''}: {counts}."
