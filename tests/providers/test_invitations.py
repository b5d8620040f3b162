"""Support staff add a provider's user in admin; a new user is invited by email to set their password."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tokens import InvitationTokenGenerator, invitation_token_generator
from emails.models import Email
from providers import services
from providers.models import ProviderMembership
from tests.support.factories import ProviderMembershipFactory, UserFactory
from tests.support.html import heading, soup

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-password-9"


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def add_in_admin(client, provider, email="priya.shah@example.com"):
    data = {"provider": provider.pk, "email": email, "first_name": "Priya", "last_name": "Shah"}
    return client.post(reverse("admin:providers_providermembership_add"), data)


def link_in(email):
    return re.search(r"https?://\S+", email.body).group(0)


def test_support_staff_add_a_new_user_who_is_invited(client, staff, provider, settings):
    settings.SERVICE_URL = "https://manage-itt-mentors.example"
    client.force_login(staff)

    response = add_in_admin(client, provider, email="Priya.Shah@Example.com")

    assert response.status_code == 302
    user = User.objects.get(email="priya.shah@example.com")
    assert (user.first_name, user.last_name, user.has_usable_password()) == ("Priya", "Shah", False)
    membership = ProviderMembership.objects.get(user=user, provider=provider)
    assert membership.history.get().history_user == staff
    email = Email.objects.get()
    assert (email.kind, email.recipient) == (Email.Kind.PROVIDER_INVITATION, "priya.shah@example.com")
    assert email.subject == "You have been invited to Manage ITT mentors for Northshire SCITT"
    assert "The link works once, for 7 days." in email.body
    assert link_in(email).startswith("https://manage-itt-mentors.example/invitation/")


def test_the_invitation_link_sets_the_password_once(client, provider):
    services.add_provider_user(
        provider=provider, email="priya.shah@example.com", first_name="Priya", last_name="Shah", added_by=None
    )
    link = link_in(Email.objects.get()).split("example", 1)[-1]
    link = link[link.index("/invitation/") :]

    opened = client.get(link, follow=True)
    assert heading(opened) == "Set your password"
    set_password_url = opened.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.url == reverse("accounts:password-reset-complete")
    assert User.objects.get(email="priya.shah@example.com").check_password(NEW_PASSWORD)
    again = client.get(link, follow=True)
    assert heading(again) == "The link has expired"
    assert "A link in an invitation works once, for 7 days." in soup(again).main.get_text()


@pytest.mark.parametrize(
    ("age", "valid"),
    [(timedelta(0), True), (timedelta(days=7) - timedelta(seconds=1), True), (timedelta(days=7, seconds=1), False)],
)
def test_an_invitation_is_valid_for_7_days(age, valid, monkeypatch):
    user = UserFactory()
    token = invitation_token_generator.make_token(user)
    later = invitation_token_generator._now() + age
    monkeypatch.setattr(InvitationTokenGenerator, "_now", lambda self: later)
    assert invitation_token_generator.check_token(user, token) is valid


def test_a_password_reset_token_is_no_invitation_and_an_invitation_no_password_reset(client):
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    invitation = invitation_token_generator.make_token(user)
    assert not invitation_token_generator.check_token(user, reset_token)
    assert not default_token_generator.check_token(user, invitation)
    page = client.get(reverse("accounts:invitation", kwargs={"uidb64": uid, "token": reset_token}))
    assert heading(page) == "The link has expired"
    page = client.get(reverse("accounts:invitation", kwargs={"uidb64": uid, "token": "not-a-token"}))
    assert heading(page) == "The link has expired"


def test_an_existing_user_is_added_without_an_invitation(client, staff, provider, coordinator):
    client.force_login(staff)
    assert add_in_admin(client, provider, email="COORDINATOR@example.com").status_code == 302
    assert ProviderMembership.objects.get(provider=provider).user == coordinator
    assert coordinator.check_password("a-long-test-password")
    assert not Email.objects.exists()


def test_a_user_of_the_provider_already_is_refused(client, staff, provider):
    ProviderMembershipFactory(provider=provider, user=UserFactory(email="priya.shah@example.com"))
    client.force_login(staff)
    response = add_in_admin(client, provider, email="Priya.Shah@example.com")
    assert response.status_code == 200
    assert "Priya.Shah@example.com is already a user of Northshire SCITT" in soup(response).get_text()
    assert ProviderMembership.objects.count() == 1
    with pytest.raises(services.AlreadyAMember):
        services.add_provider_user(
            provider=provider, email="priya.shah@example.com", first_name="P", last_name="S", added_by=None
        )
    assert not Email.objects.exists()


def test_nothing_entered_in_admin(client, staff):
    client.force_login(staff)
    response = client.post(reverse("admin:providers_providermembership_add"), {})
    assert response.status_code == 200
    assert not ProviderMembership.objects.exists()
