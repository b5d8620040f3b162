import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims import demo as claims_demo
from claims.selectors import funding_region_finder
from mentors import demo as mentors_demo
from partnerships.models import Partnership
from providers.demo import demo_providers
from providers.models import ProviderMembership
from reports import demo as reports_demo
from reports.services import refresh_summaries
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
        "sen_types": ["SpLD - Specific Learning Difficulty", "ASD - Autistic Spectrum Disorder"],
        "resourced_provision_type": "Resourced provision",
        "resourced_provision_on_roll": 8,
        "resourced_provision_capacity": 10,
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
    # Where the demo's claims are, in each status support staff work on: the other two schools have none yet, so a
    # coordinator can make their first claim there.
    {
        "urn": 999003,
        "name": "Hillside Primary School",
        "phase_of_education_code": School.GiasPhase.PRIMARY,
        "phase_of_education_name": "Primary",
        "statutory_low_age": 4,
        "statutory_high_age": 11,
        "local_authority": "Leeds",
        "town": "Leeds",
        "postcode": "LS6 2AA",
        "region": "Yorkshire and the Humber",
        "district_code": "E08000035",  # Leeds: the rest of England
        "establishment_status_code": 1,
        "establishment_status_name": "Open",
        "establishment_type_code": 1,
        "establishment_type_name": "Community school",
        "is_open": True,
    },
]

COORDINATOR_EMAIL = "coordinator@example.com"
LEAD_MENTOR_EMAIL = "lead.mentor@example.com"
ADMIN_EMAIL = "admin@example.com"
# A second support user: a clawback entered by one support user is approved by another.
SECOND_SUPPORT_EMAIL = "support@example.com"
# DfE staff who read the reports: staff, without admin's permissions.
REPORTS_EMAIL = "reports@example.com"
PROVIDER_EMAIL = "provider@example.com"


class Command(BaseCommand):
    help = (
        "Create (or bring back to their demo state) three demo schools, their partner provider and the demo users. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for the demo users. Without it, one is generated.")
        parser.add_argument(
            "--gias",
            metavar="PATH",
            help="Import this GIAS file first, and use its first open primary and secondary schools as the demo "
            "schools, and another open school for the demo claims (instead of three invented ones).",
        )

    @transaction.atomic
    def handle(self, *args, password=None, gias=None, **options):
        password = password or secrets.token_urlsafe(12)
        if gias:
            primary, secondary, claiming = self._schools_from_gias(gias)
        else:
            funding_region_of = funding_region_finder()
            primary, secondary, claiming = (
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
        analyst = self._user(REPORTS_EMAIL, "Rhys", "Morgan", password)
        analyst.is_staff = True
        analyst.save(update_fields=["is_staff"])

        coordinator_role = Membership.Role.ITT_COORDINATOR
        for school in (primary, secondary, claiming):
            Membership.objects.update_or_create(user=coordinator, school=school, defaults={"role": coordinator_role})
        lead_membership, _ = Membership.objects.update_or_create(
            user=lead_mentor, school=primary, defaults={"role": Membership.Role.LEAD_MENTOR}
        )

        partner, *others = demo_providers()
        provider_user = self._user(PROVIDER_EMAIL, "Priya", "Shah", password)
        ProviderMembership.objects.get_or_create(user=provider_user, provider=partner)
        for school in (primary, secondary, claiming):
            Partnership.objects.get_or_create(school=school, provider=partner, defaults={"created_by": coordinator})
        mentors_demo.make_mentors(
            primary=primary, secondary=secondary, coordinator=coordinator, lead_mentor=lead_membership, provider=partner
        )

        window = claims_demo.open_claim_window()
        second_support = self._user(SECOND_SUPPORT_EMAIL, "Sam", "Support", password)
        second_support.is_staff = second_support.is_superuser = True
        second_support.save(update_fields=["is_staff", "is_superuser"])
        claims_demo.assurance_claims(
            window=window,
            school=claiming,
            coordinator=coordinator,
            support=admin,
            provider=partner,
            provider_user=provider_user,
        )
        claims_demo.draft_claim(school=claiming, provider=partner, support=admin)
        reports_demo.make(schools=[claiming], coordinator=coordinator, provider=partner)
        token = reports_demo.api_token(partner)
        # Staff reports read summaries: refresh them now so the demo shows its figures at once.
        refresh_summaries()

        self.stdout.write(
            self.style.SUCCESS("Demo data is ready.")
            + f"\n  ITT coordinator (all three schools; the claims are {claiming.name}'s): {COORDINATOR_EMAIL}"
            + f"\n  Lead mentor ({primary.name}): {LEAD_MENTOR_EMAIL}"
            + f"\n  {partner.name} (partner of every demo school): {PROVIDER_EMAIL}"
            + f"\n  Admin: {ADMIN_EMAIL}, and a second support user (to approve clawbacks): {SECOND_SUPPORT_EMAIL}"
            + f"\n  DfE staff who read the reports: {REPORTS_EMAIL}"
            + f"\n  Password for all six: {password}"
            + f"\n  Accredited providers that are not partners: {', '.join(each.name for each in others)}"
            + f"\n  Claim window open: {window}"
            + f"\n  API token for {partner.name}: {token}"
        )

    def _schools_from_gias(self, path):
        try:
            gias.import_schools(path)
        except gias.GiasFileError as error:
            raise CommandError(str(error)) from error
        open_schools = School.objects.filter(is_open=True).order_by("urn")
        primary = open_schools.filter(phase_of_education_code=School.GiasPhase.PRIMARY).first()
        secondary = open_schools.filter(phase_of_education_code=School.GiasPhase.SECONDARY).first()
        claiming = open_schools.exclude(pk__in=[school.pk for school in (primary, secondary) if school]).first()
        if not (primary and secondary and claiming):
            raise CommandError(
                "The GIAS file has no open primary and secondary school, and a third, in England to use."
            )
        return primary, secondary, claiming

    def _user(self, email, first_name, last_name, password):
        user, _ = get_user_model().objects.update_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name, "is_active": True}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        return user
