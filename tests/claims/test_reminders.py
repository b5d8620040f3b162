"""send_assurance_reminders, run daily: providers with audits due within 7 days, and schools with a rejection to
answer, are emailed at most once a week each."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.models import Claim
from claims.services import send_assurance_reminders
from emails.models import Email
from tests.support.factories import MembershipFactory, MentorFactory, ProviderMembershipFactory, make_claim

pytestmark = pytest.mark.django_db
S = Claim.Status


def requested(days_ago, **fields):
    claim = make_claim(hours={MentorFactory(): 4}, status=S.AUDIT_REQUESTED, **fields)
    Claim.objects.filter(pk=claim.pk).update(audit_requested_at=timezone.now() - timedelta(days=days_ago))
    return claim


@pytest.mark.parametrize(("days_ago", "reminded"), [(20, True), (18, True), (5, False), (0, False)])
def test_a_provider_is_reminded_when_an_audit_is_due_within_7_days(days_ago, reminded):
    claim = requested(days_ago)
    ProviderMembershipFactory(provider=claim.provider, user__email="audits@provider.example.com")
    # Due 21 days after the request, or the Monday after: 18 days ago is due within 5 days, 5 days ago in 16 or more.
    send_assurance_reminders()
    sent = list(Email.objects.filter(kind=Email.Kind.AUDIT_REMINDER).values_list("recipient", flat=True))
    assert sent == (["audits@provider.example.com"] if reminded else [])


def test_at_most_once_a_week_each():
    claim = requested(20)
    ProviderMembershipFactory(provider=claim.provider)
    rejected = make_claim(hours={MentorFactory(): 4}, status=S.REJECTED_BY_PROVIDER)
    MembershipFactory(school=rejected.school, user__email="coordinator@school.example.com")
    assert send_assurance_reminders() == (1, 1)
    assert send_assurance_reminders(timezone.now() + timedelta(days=6)) == (0, 0)
    assert send_assurance_reminders(timezone.now() + timedelta(days=7, minutes=1)) == (1, 1)
    email = Email.objects.filter(kind=Email.Kind.RESPONSE_REMINDER).first()
    assert email.recipient == "coordinator@school.example.com" and rejected.reference in email.body


def test_the_command_says_what_it_did(capsys):
    call_command("send_assurance_reminders")
    assert capsys.readouterr().out == "Reminded 0 providers about audits and 0 schools about responses.\n"
