import time
from collections import Counter

from django.core.management.base import BaseCommand
from tqdm import tqdm

from mentors import services
from mentors.models import DQTStatus, Mentor

# TRS allows 1,000 calls a minute for each client: one call every 0.075 seconds stays well under it.
SECONDS_BETWEEN_CALLS = 0.075


class Command(BaseCommand):
    help = (
        "Check mentors in the Teaching Record System (formerly DQT) and keep what it says. "
        "Run it on a schedule with --unchecked to check mentors added while TRS was unavailable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unchecked", action="store_true", help="Only mentors not yet checked.")

    def handle(self, *args, unchecked=False, **options):
        mentors = Mentor.objects.current().select_related("school").order_by("pk")
        if unchecked:
            mentors = mentors.filter(dqt_status=DQTStatus.NOT_CHECKED)
        outcomes = Counter()
        for mentor in tqdm(mentors.iterator(), total=mentors.count(), unit=" mentors", disable=None):
            started = time.monotonic()
            status = services.refresh_from_trs(mentor=mentor)
            outcomes[DQTStatus(status).label if status else "TRS could not answer (left as they were)"] += 1
            time.sleep(max(0.0, SECONDS_BETWEEN_CALLS - (time.monotonic() - started)))
        self.stdout.write(f"Checked {outcomes.total()} mentors.")
        for outcome, count in sorted(outcomes.items()):
            self.stdout.write(f"  {outcome}: {count}")
