from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from schools import gias


class Command(BaseCommand):
    help = (
        "Bring the schools up to date with a Get Information About Schools (GIAS) bulk file "
        "(edubasealldata{YYYYMMDD}.csv): open schools in England are created or updated, closed ones marked closed."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("path", nargs="?", help="The GIAS file on this machine.")
        source.add_argument("--url", help="Download the GIAS file from this address first.")

    def handle(self, *args, path=None, url=None, **options):
        try:
            if url:
                self.stdout.write(f"Downloading {url}")
                with gias.download(url) as downloaded:
                    summary = self._import(downloaded.name)
            else:
                summary = self._import(path)
        except gias.GiasFileError as error:
            raise CommandError(f"{error} Nothing has changed.") from error
        self._report(summary)

    def _import(self, path):
        try:
            total = gias.count_rows(path)
        except OSError as error:
            raise gias.GiasFileError(f"Cannot read {path}: {error.strerror}.") from error
        # tqdm writes nothing when standard error is not a terminal (disable=None).
        with tqdm(total=total, unit=" rows", desc="Importing schools", disable=None) as progress:
            return gias.import_schools(path, progress=progress.update)

    def _report(self, summary):
        lines = [
            f"Created: {summary.created}",
            f"Updated: {summary.updated}",
            f"Unchanged: {summary.unchanged}",
            f"Closed: {summary.closed}",
            f"Skipped: {summary.skipped.total()}",
        ]
        lines += [f"  {count} {reason}" for reason, count in sorted(summary.skipped.items())]
        if not summary.changed_anything:
            lines.append("No changes: the schools were already up to date with this file.")
        self.stdout.write("\n".join(lines))
