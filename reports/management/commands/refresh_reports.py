from django.core.management.base import BaseCommand

from reports import services, tasks


class Command(BaseCommand):
    help = (
        "Refresh the figures of DfE staff's reports (run by the scheduler): queued for a background worker, or "
        "here and now with --now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Refresh here and wait, instead of queueing it.")

    def handle(self, *args, now=False, **options):
        if now:
            refreshed = services.refresh_summaries()
            self.stdout.write(f"Refreshed the reports' figures at {refreshed.refreshed_at:%Y-%m-%d %H:%M:%S %Z}.")
        else:
            result = tasks.refresh_summaries.enqueue()
            self.stdout.write(f"Queued a refresh of the reports' figures (task {result.id}).")
