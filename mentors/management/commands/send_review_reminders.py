from django.core.management.base import BaseCommand

from mentors import services


class Command(BaseCommand):
    help = (
        "Email each ITT coordinator and lead mentor who has mentors to review this term, once a term. Run it daily "
        "(see README, Termly review): the first run of a term reminds everyone; later runs remind only those not "
        "reminded yet."
    )

    def handle(self, *args, **options):
        emailed = services.remind_reviewers()
        self.stdout.write(f"Reminded {emailed} {'person' if emailed == 1 else 'people'} to review their mentors.")
