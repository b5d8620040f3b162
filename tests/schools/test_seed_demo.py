import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from api.models import ApiToken
from api.services import hash_of
from claims.models import Claim, ClaimWindow
from claims.selectors import open_window
from mentors.models import Mentor
from providers.models import Provider
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
        ("lead.mentor@example.com", 999001, Membership.Role.LEAD_MENTOR),
    }
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_staff and admin.is_superuser
    for email in ["coordinator@example.com", "lead.mentor@example.com", "admin@example.com"]:
        assert User.objects.get(email=email).check_password("demo-password-123")


def test_is_idempotent():
    seed_demo("--password", "demo-password-123")
    counts = (School.objects.count(), User.objects.count(), Membership.objects.count())
    seed_demo("--password", "demo-password-123")
    assert (School.objects.count(), User.objects.count(), Membership.objects.count()) == counts


def test_without_a_password_generates_and_prints_one():
    output = seed_demo()
    password = re.search(r"Password for all five: (\S+)", output).group(1)
    assert len(password) >= 12
    assert User.objects.get(email="coordinator@example.com").check_password(password)
    assert "coordinator@example.com" in output


def test_demo_user_can_sign_in_and_switch_school(client):
    seed_demo("--password", "demo-password-123")
    response = client.post("/sign-in/", {"username": "coordinator@example.com", "password": "demo-password-123"})
    assert response.url == "/"
    assert client.get("/").url == "/schools/change/"
    response = client.post("/schools/change/", {"school": "999002"}, follow=True)
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


def test_makes_figures_for_the_reports_once():
    output = seed_demo("--password", "demo-password-123")
    reader = User.objects.get(email="reports@example.com")
    assert reader.is_staff and not reader.is_superuser
    assert reader.check_password("demo-password-123")
    provider = Provider.objects.get(code="N1S")
    assert provider.memberships.get().user.email == "provider@example.com"
    assert set(provider.partnerships.values_list("school__urn", flat=True)) == {999001, 999002}
    added_months = {row.history_date.strftime("%Y-%m") for row in Mentor.history.filter(history_type="+")}
    assert len(added_months) > 6
    assert Mentor.objects.removed().exists()
    assert Claim.objects.filter(provider=provider).count() > 4
    counts = (Mentor.objects.count(), Mentor.history.count(), Claim.objects.count())
    token = re.search(r"API token for Northshire SCITT: (\S+)", output).group(1)
    again = seed_demo("--password", "demo-password-123")
    assert (Mentor.objects.count(), Mentor.history.count(), Claim.objects.count()) == counts
    # The token printed last works; the one before is revoked.
    new_token = re.search(r"API token for Northshire SCITT: (\S+)", again).group(1)
    assert ApiToken.objects.active().get().token_hash == hash_of(new_token) != hash_of(token)
