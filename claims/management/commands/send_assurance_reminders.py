from django.core.management.base import BaseCommand

from claims import services


class Command(BaseCommand):
    help = (
        "Email providers with audits due within 7 days, and schools with a provider's rejection to answer, at most "
        "once a week each. Run it daily (see README, Funding claims)."
    )

    def handle(self, *args, **options):
        providers, schools = services.send_assurance_reminders()
        self.stdout.write(f"Reminded {providers} providers about audits and {schools} schools about responses.")
