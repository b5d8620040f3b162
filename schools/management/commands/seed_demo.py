import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims import demo as claims_demo
from claims.selectors import funding_region_finder
from reports import demo as reports_demo
from schools import gias
from schools.models import Membership, School

# Invented URNs, far above those GIAS has issued, so a GIAS import never touches the demo schools.
DEMO_SCHOOLS = [
    {
        "urn": 999001,
        "name": "Brookfield Primary School",
        "phase_of_education_code": School.GiasPhase.PRIMARY,
        "phase_of_education_name": "Primary",
        "statutory_low_age": 4,
        "statutory_high_age": 11,
        "local_authority": "Camden",
        "town": "London",
        "postcode": "NW1 2DB",
        "region": "London",
        "district_code": "E09000007",  # Camden: Inner London
        "establishment_status_code": 1,
        "establishment_status_name": "Open",
        "establishment_type_code": 1,
        "establishment_type_name": "Community school",
        "is_open": True,
    },
    {
        "urn": 999002,
        "name": "Oakwood Academy",
        "phase_of_education_code": School.GiasPhase.SECONDARY,
        "phase_of_education_name": "Secondary",
        "statutory_low_age": 11,
        "statutory_high_age": 18,
        "local_authority": "Birmingham",
        "town": "Birmingham",
        "postcode": "B15 2TT",
        "region": "West Midlands",
        "district_code": "E08000025",  # Birmingham: the rest of England
        "establishment_status_code": 1,
        "establishment_status_name": "Open",
        "establishment_type_code": 28,
        "establishment_type_name": "Academy sponsor led",
        "is_open": True,
    },
]

COORDINATOR_EMAIL = "coordinator@example.com"
LEAD_MENTOR_EMAIL = "lead.mentor@example.com"
ADMIN_EMAIL = "admin@example.com"
REPORTS_EMAIL = "reports@example.com"
PROVIDER_EMAIL = "provider@example.com"


class Command(BaseCommand):
    help = "Create (or bring back to their demo state) two demo schools and their demo users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for the demo users. Without it, one is generated.")
        parser.add_argument(
            "--gias",
            metavar="PATH",
            help="Import this GIAS file first, and use its first open primary and secondary schools as the demo "
            "schools (instead of two invented ones).",
        )

    @transaction.atomic
    def handle(self, *args, password=None, gias=None, **options):
        password = password or secrets.token_urlsafe(12)
        if gias:
            primary, secondary = self._schools_from_gias(gias)
        else:
            funding_region_of = funding_region_finder()
            primary, secondary = (
                School.objects.update_or_create(
                    urn=fields["urn"],
                    defaults={**fields, "funding_region_id": funding_region_of(fields["district_code"])},
                )[0]
                for fields in DEMO_SCHOOLS
            )
        coordinator = self._user(COORDINATOR_EMAIL, "Amira", "Khan", password)
        lead_mentor = self._user(LEAD_MENTOR_EMAIL, "Tomasz", "Nowak", password)
        admin = self._user(ADMIN_EMAIL, "Support", "Admin", password)
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        # DfE staff who read the reports: staff, without admin's permissions.
        analyst = self._user(REPORTS_EMAIL, "Priya", "Shah", password)
        analyst.is_staff = True
        analyst.save(update_fields=["is_staff"])
        provider_user = self._user(PROVIDER_EMAIL, "Owen", "Price", password)

        coordinator_role = Membership.Role.ITT_COORDINATOR
        for school in (primary, secondary):
            Membership.objects.update_or_create(user=coordinator, school=school, defaults={"role": coordinator_role})
        Membership.objects.update_or_create(
            user=lead_mentor, school=primary, defaults={"role": Membership.Role.LEAD_MENTOR}
        )

        window = claims_demo.open_claim_window()
        provider = reports_demo.make(schools=[primary, secondary], coordinator=coordinator, provider_user=provider_user)
        token = reports_demo.api_token(provider)

        self.stdout.write(
            self.style.SUCCESS("Demo data is ready.")
            + f"\n  ITT coordinator (both schools): {COORDINATOR_EMAIL}"
            + f"\n  Lead mentor ({primary.name}): {LEAD_MENTOR_EMAIL}"
            + f"\n  Admin: {ADMIN_EMAIL}"
            + f"\n  DfE staff who read the reports: {REPORTS_EMAIL}"
            + f"\n  Provider user ({provider.name}, {provider.code}): {PROVIDER_EMAIL}"
            + f"\n  Password for all five: {password}"
            + f"\n  Claim window open: {window}"
            + f"\n  API token for {provider.name}: {token}"
        )

    def _schools_from_gias(self, path):
        try:
            gias.import_schools(path)
        except gias.GiasFileError as error:
            raise CommandError(str(error)) from error
        open_schools = School.objects.filter(is_open=True).order_by("urn")
        primary = open_schools.filter(phase_of_education_code=School.GiasPhase.PRIMARY).first()
        secondary = open_schools.filter(phase_of_education_code=School.GiasPhase.SECONDARY).first()
        if not (primary and secondary):
            raise CommandError("The GIAS file has no open primary and secondary school in England to use.")
        return primary, secondary

    def _user(self, email, first_name, last_name, password):
        user, _ = get_user_model().objects.update_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name, "is_active": True}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        return user
