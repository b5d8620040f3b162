"""Password reset emails go through the outbox like every email, and asking for them is limited per address and per
IP address, the same whether or not the address has an account."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from accounts.models import PasswordResetRequest
from emails.models import Email
from tests.support.html import heading

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password-reset")
LIMITED = "You have asked for too many password reset links"


def ask(client, email, ip_address="192.0.2.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip_address)


def test_the_email_is_recorded_in_the_outbox_and_sent_from_it(client, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "Coordinator@Example.com")
    email = Email.objects.get()
    assert (email.kind, email.recipient, email.status) == (Email.Kind.PASSWORD_RESET, coordinator.email, "sent")
    assert email.subject == "Reset your password for Manage ITT mentors"
    assert mail.outbox[0].body == email.body


def test_no_email_for_an_address_without_an_account(client):
    ask(client, "nobody@example.com")
    assert Email.objects.count() == 0


@pytest.mark.parametrize("email", ["coordinator@example.com", "nobody@example.com"])
def test_an_address_may_ask_three_times_an_hour_with_or_without_an_account(client, coordinator, email):
    for _ in range(3):
        assert ask(client, email).status_code == 302
    refused = ask(client, email.upper())
    assert refused.status_code == 429
    assert heading(refused) == LIMITED
    assert "You can ask for another in 1 hour." in refused.content.decode()
    assert Email.objects.count() == (3 if email == coordinator.email else 0)
    assert ask(client, "someone.else@example.com").status_code == 302  # another address still may


def test_an_ip_address_may_ask_twenty_times_an_hour(client):
    for number in range(20):
        assert ask(client, f"person{number}@example.com").status_code == 302
    assert ask(client, "person20@example.com").status_code == 429
    assert ask(client, "person20@example.com", ip_address="198.51.100.7").status_code == 302


def test_the_limit_is_per_hour(client, coordinator):
    for _ in range(3):
        ask(client, coordinator.email)
    PasswordResetRequest.objects.update(requested_at="2000-01-01T00:00:00Z")
    assert ask(client, coordinator.email).status_code == 302
    assert PasswordResetRequest.objects.count() == 1  # the old requests are forgotten


def test_requests_keep_no_email_address(client):
    ask(client, "someone@example.com")
    request = PasswordResetRequest.objects.get()
    assert "someone" not in request.email_digest
    assert request.email_digest != make_password("someone@example.com")
    assert len(request.email_digest) == 64
