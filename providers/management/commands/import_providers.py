from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from providers import publish


class Command(BaseCommand):
    help = (
        "Bring the ITT providers up to date with DfE's Publish teacher training courses API (or a JSON:API document "
        "saved from it): providers are created or updated by code, and those no longer listed marked not accredited."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("path", nargs="?", help="A JSON:API document of the whole list, saved on this machine.")
        source.add_argument(
            "--url",
            help=f"The API's address, without its path (default: PUBLISH_API_URL, {settings.PUBLISH_API_URL}).",
        )
        parser.add_argument(
            "--year",
            type=int,
            help="The recruitment cycle: the year its courses start in September (default: the cycle open today).",
        )

    def handle(self, *args, path=None, url=None, year=None, **options):
        if path and year:
            raise CommandError(
                "--year chooses the recruitment cycle to read from Publish; a file is imported as it is."
            )
        try:
            if path:
                summary = publish.import_from_file(path)
            else:
                summary = self._import_from_publish(url or settings.PUBLISH_API_URL, year)
        except publish.PublishError as error:
            raise CommandError(f"{error} Nothing has changed.") from error
        self._report(summary)

    def _import_from_publish(self, base_url, year):
        year = year or publish.current_recruitment_cycle(timezone.localdate())
        url = publish.providers_url(base_url, year)
        self.stdout.write(f"Reading the providers of recruitment cycle {year} from {url}")
        # tqdm writes nothing when standard error is not a terminal (disable=None).
        with tqdm(unit=" pages", desc="Reading providers", disable=None) as progress:
            return publish.import_from_publish(url, timeout=settings.PUBLISH_API_TIMEOUT, progress=progress.update)

    def _report(self, summary):
        lines = [
            f"Created: {summary.created}",
            f"Updated: {summary.updated}",
            f"Unchanged: {summary.unchanged}",
            f"No longer accredited: {summary.no_longer_accredited}",
            f"Skipped: {summary.skipped.total()}",
        ]
        lines += [f"  {count} {reason}" for reason, count in sorted(summary.skipped.items())]
        if not summary.changed_anything:
            lines.append("No changes: the providers were already up to date with Publish's list.")
        self.stdout.write("\n".join(lines))
