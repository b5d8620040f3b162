import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from api.models import ApiToken
from api.services import hash_of
from claims.models import Claim, ClaimWindow
from claims.selectors import open_window
from mentors.models import Mentor, MentorStatus, TraineeAssignment
from mentors.selectors import with_status
from partnerships.models import Partnership
from providers.models import Provider, ProviderMembership
from schools.models import Membership, School
from schools.selectors import service_phases

pytestmark = pytest.mark.django_db


def seed_demo(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_creates_schools_users_and_roles():
    seed_demo("--password", "demo-password-123")
    primary, secondary = School.objects.get(urn=999001), School.objects.get(urn=999002)
    assert service_phases(primary) == ("primary",)
    assert service_phases(secondary) == ("secondary",)
    roles = {(m.user.email, m.school.urn, m.role) for m in Membership.objects.select_related("user", "school")}
    assert roles == {
        ("coordinator@example.com", 999001, Membership.Role.ITT_COORDINATOR),
        ("coordinator@example.com", 999002, Membership.Role.ITT_COORDINATOR),
        ("coordinator@example.com", 999003, Membership.Role.ITT_COORDINATOR),
        ("lead.mentor@example.com", 999001, Membership.Role.LEAD_MENTOR),
    }
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_staff and admin.is_superuser
    users = ["coordinator@example.com", "lead.mentor@example.com", "admin@example.com", "support@example.com"]
    for email in [*users, "provider@example.com"]:
        assert User.objects.get(email=email).check_password("demo-password-123")


def test_is_idempotent():
    seed_demo("--password", "demo-password-123")
    models = (School, User, Membership, Provider, ProviderMembership, Partnership)
    counts = [model.objects.count() for model in models]
    seed_demo("--password", "demo-password-123")
    assert [model.objects.count() for model in models] == counts


def test_without_a_password_generates_and_prints_one():
    output = seed_demo()
    password = re.search(r"Password for all six: (\S+)", output).group(1)
    assert len(password) >= 12
    assert User.objects.get(email="coordinator@example.com").check_password(password)
    assert "coordinator@example.com" in output


def test_demo_user_can_sign_in_and_switch_school(client):
    seed_demo("--password", "demo-password-123")
    response = client.post("/sign-in/", {"username": "coordinator@example.com", "password": "demo-password-123"})
    assert response.url == "/"
    assert client.get("/").url == "/organisations/change/"
    response = client.post("/organisations/change/", {"organisation": "school:999002"}, follow=True)
    assert b"Oakwood Academy" in response.content


def test_puts_the_demo_schools_in_their_funding_regions_and_opens_a_claim_window():
    seed_demo("--password", "demo-password-123")
    primary, secondary = School.objects.get(urn=999001), School.objects.get(urn=999002)
    assert (primary.district_code, primary.funding_region.name) == ("E09000007", "Inner London")
    assert (secondary.district_code, secondary.funding_region.name) == ("E08000025", "Rest of England")
    window = open_window()
    assert window is not None and window.opens_on <= timezone.localdate() <= window.closes_on
    seed_demo("--password", "demo-password-123")
    assert list(ClaimWindow.objects.all()) == [window]
    # The demo's claims are all a third school's: these two have none yet.
    assert not Claim.objects.filter(school__urn__in=[999001, 999002]).exists()


def test_creates_the_partner_provider_its_user_and_two_providers_to_find(client):
    output = seed_demo("--password", "demo-password-123")
    assert "Northshire SCITT (partner of every demo school): provider@example.com" in output
    accredited = Provider.objects.accredited()
    assert sorted(accredited.values_list("code", flat=True)) == ["E2U", "N1S", "W3S"]
    partners = {(p.school.urn, p.provider.code) for p in Partnership.objects.select_related("school", "provider")}
    assert partners == {(999001, "N1S"), (999002, "N1S"), (999003, "N1S")}
    assert ProviderMembership.objects.get().user.email == "provider@example.com"
    client.post("/sign-in/", {"username": "provider@example.com", "password": "demo-password-123"})
    assert client.get("/").url == "/providers/N1S/"
    assert b"Oakwood Academy" in client.get("/providers/N1S/").content


def test_makes_a_claim_in_each_status_support_staff_work_on_once():
    seed_demo("--password", "demo-password-123")
    seed_demo("--password", "demo-password-123")
    assert set(Claim.objects.values_list("school__name", flat=True)) == {"Hillside Primary School"}
    # The claims for support staff to work on (the reports' figures have claims of their own).
    assurance = Claim.objects.filter(reference__startswith="9000000").exclude(status="draft")
    assert sorted(assurance.values_list("reference", "status")) == [
        ("90000001", "submitted"),
        ("90000002", "payment_in_progress"),
        ("90000003", "paid"),
        ("90000004", "audit_requested"),
        ("90000005", "rejected_by_provider"),
        ("90000006", "clawback_awaiting_approval"),
    ]
    # Each claim's history leads to its status, and the clawback awaits a support user other than who entered it.
    for claim in assurance:
        assert claim.activities.order_by("pk").last().to_status == claim.status
    # And a draft support staff made, for the coordinator to check and submit.
    draft = Claim.objects.get(status="draft")
    assert draft.created_by.email == "admin@example.com" and not draft.activities.exists()
    assert list(draft.mentors.values_list("mentor__first_name", "hours")) == [("Katherine", 6)]
    awaiting = Claim.objects.get(reference="90000006")
    assert awaiting.clawback_entered_by.email == "admin@example.com"
    assert User.objects.get(email="support@example.com").is_staff
    provider_user = User.objects.get(email="provider@example.com")
    assert provider_user.provider_memberships.get().provider.code == "N1S"


def test_demo_mentors_in_every_status_with_send_support_and_the_demo_providers_trainees():
    seed_demo("--password", "demo-password-123")
    counts = (Mentor.objects.count(), TraineeAssignment.objects.count(), Partnership.objects.count())
    seed_demo("--password", "demo-password-123")
    assert (Mentor.objects.count(), TraineeAssignment.objects.count(), Partnership.objects.count()) == counts

    statuses = {mentor.status for mentor in with_status(Mentor.objects.all())}
    assert statuses == set(MentorStatus.values)
    assert Mentor.objects.filter(send_support__isnull=False).exists()
    membership = ProviderMembership.objects.select_related("provider", "user").get()
    assert (membership.provider.code, membership.provider.name, membership.user.email) == (
        "N1S",
        "Northshire SCITT",
        "provider@example.com",
    )
    assert membership.user.check_password("demo-password-123")
    assert set(TraineeAssignment.objects.values_list("provider__code", flat=True)) == {"N1S"}


def test_makes_figures_for_the_reports_once():
    output = seed_demo("--password", "demo-password-123")
    reader = User.objects.get(email="reports@example.com")
    assert reader.is_staff and not reader.is_superuser
    assert reader.check_password("demo-password-123")
    provider = Provider.objects.get(code="N1S")
    assert provider.memberships.get().user.email == "provider@example.com"
    assert set(provider.partnerships.values_list("school__urn", flat=True)) == {999001, 999002, 999003}
    # The reports' mentors and claims are all the school that has claims.
    assert not Claim.objects.filter(school__urn__in=[999001, 999002]).exists()
    added_months = {row.history_date.strftime("%Y-%m") for row in Mentor.history.filter(history_type="+")}
    assert len(added_months) > 6
    assert Mentor.objects.removed().exists()
    assert Claim.objects.filter(provider=provider).count() > 4
    # Running again brings the demo mentors back to their demo state (a change in their history), and adds none.
    added = Mentor.history.filter(history_type="+")
    counts = (Mentor.objects.count(), added.count(), Claim.objects.count())
    token = re.search(r"API token for Northshire SCITT: (\S+)", output).group(1)
    again = seed_demo("--password", "demo-password-123")
    assert (Mentor.objects.count(), added.count(), Claim.objects.count()) == counts
    # The token printed last works; the one before is revoked.
    new_token = re.search(r"API token for Northshire SCITT: (\S+)", again).group(1)
    assert ApiToken.objects.active().get().token_hash == hash_of(new_token) != hash_of(token)


def test_refreshes_the_reports_summaries_so_staff_see_figures(client):
    seed_demo("--password", "demo-password-123")
    client.force_login(User.objects.get(email="reports@example.com"))
    page = client.get(reverse("reports:mentors")).content.decode()
    assert "These figures were last refreshed on" in page
    assert 'id="table-mentors-by-status"' in page
