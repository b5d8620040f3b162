"""Emails in Django admin: the record of what the service sent, which nobody deletes or changes there."""

import pytest
from django.urls import reverse

from emails.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture
def email(db):
    return Email.objects.create(kind=Email.Kind.MENTOR_ADDED, recipient="a@example.com", subject="Added", body="Hi")


def test_an_email_cannot_be_deleted(admin_client, email):
    assert admin_client.get(reverse("admin:emails_email_delete", args=[email.pk])).status_code == 403
    assert admin_client.post(reverse("admin:emails_email_delete", args=[email.pk]), {"post": "yes"}).status_code == 403
    changelist = admin_client.get(reverse("admin:emails_email_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    response = admin_client.post(
        reverse("admin:emails_email_changelist"),
        {"action": "delete_selected", "_selected_action": [email.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Email.objects.filter(pk=email.pk).exists()


def test_a_password_reset_emails_link_is_not_shown(admin_client):
    reset = Email.objects.create(
        kind=Email.Kind.PASSWORD_RESET, recipient="a@example.com", subject="Reset", body="http://x/password-reset/a/b/"
    )
    page = admin_client.get(reverse("admin:emails_email_change", args=[reset.pk])).content.decode()
    assert "/password-reset/a/b/" not in page
    assert "Not shown: it holds a link to choose the account" in page


def test_other_emails_bodies_are_shown(admin_client, email):
    page = admin_client.get(reverse("admin:emails_email_change", args=[email.pk])).content.decode()
    assert ">Hi<" in page.replace("\n", "") or "Hi</div>" in page
