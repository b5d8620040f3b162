"""The service on the government platforms, end to end: with DfE Sign-in and GOV.UK Notify pointed at their local
stand-ins, a coordinator signs in through DfE Sign-in, adds a mentor, and the mentor's email goes through Notify
(sent by the worker from the database's queue) and is shown in admin as delivered."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from emails.models import Email
from tests.conftest import PASSWORD
from tests.support.factories import UserFactory
from tests.support.html import caption, heading, soup
from tests.support.journeys import AddMentorJourney

pytestmark = pytest.mark.django_db


def test_a_coordinator_signs_in_with_dfe_sign_in_adds_a_mentor_who_is_emailed_through_notify(
    client, coordinator, primary_school, dfe_sign_in, notify, settings, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes stale connections between tasks; here that would be the test's own transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    # Signing in: the first time, by the verified email address of their DfE Sign-in account.
    dfe_sign_in.person = {"sub": "f0a1b2c3-dfe-sign-in", "email": "coordinator@example.com", "email_verified": True}
    signed_in = dfe_sign_in.sign_in(client)
    home = client.get(signed_in.url, follow=True)
    assert heading(home) == "Mentors"
    assert caption(home) == "Brookfield Primary School"

    # Adding a mentor.
    journey = AddMentorJourney(client, primary_school)
    journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")
    added = client.post(journey.url("check-your-answers"), follow=True)
    assert heading(added) == "Mentor added"
    email = Email.objects.get(kind=Email.Kind.MENTOR_ADDED)
    assert email.status == Email.Status.QUEUED

    # The worker sends it through GOV.UK Notify.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    [posted] = notify.emails()
    assert posted["email_address"] == "zoe.obrien@example.com"
    assert posted["personalisation"]["subject"] == "You have been added as a mentor at Brookfield Primary School"
    assert "Brookfield Primary School has added you as a mentor" in posted["personalisation"]["body"]
    assert mail.outbox == []
    email.refresh_from_db()
    assert (email.status, email.delivery_status) == (Email.Status.SENT, Email.Delivery.SENDING)

    # Notify delivers it; reconciling records that, and admin shows it.
    notify.status_of(email.provider_message_id, "delivered")
    call_command("reconcile_notify", stdout=StringIO())
    support = Client()
    support.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = soup(support.get(reverse("admin:emails_email_changelist"), {"delivery_status": "delivered"}))
    [row] = page.select("#result_list tbody tr")
    assert row.select_one(".field-recipient").get_text(strip=True) == "zoe.obrien@example.com"
    assert row.select_one(".field-delivery_status").get_text(strip=True) == "Delivered"

    # Signing out ends the DfE Sign-in session too.
    signed_out = client.post(reverse("accounts:sign-out"))
    assert signed_out.url.startswith(dfe_sign_in.url("end_session"))


def test_without_the_platforms_the_service_works_as_before(
    client, coordinator, primary_school, django_capture_on_commit_callbacks, settings
):
    assert not settings.DFE_SIGN_IN_ISSUER and not settings.NOTIFY_API_KEY
    assert "DfE Sign-in" not in soup(client.get(reverse("accounts:sign-in"))).main.get_text()
    client.post(reverse("accounts:sign-in"), {"username": coordinator.email, "password": PASSWORD})
    journey = AddMentorJourney(client, primary_school)
    journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(journey.url("check-your-answers"))
    email = Email.objects.get(kind=Email.Kind.MENTOR_ADDED)
    assert (email.status, email.sent_through, email.delivery_status) == (
        Email.Status.SENT,
        Email.SentThrough.EMAIL_BACKEND,
        "",
    )
    assert [message.to for message in mail.outbox] == [["zoe.obrien@example.com"]]
    assert client.post(reverse("accounts:sign-out")).url == reverse("accounts:signed-out")
