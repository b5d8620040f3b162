"""Support staff manage every list through Django admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.urls import reverse

from accounts.models import User
from emails.models import Email
from mentors.models import Mentor
from reference_data.models import AgeRange, KeyStage, Phase, Subject
from schools.models import Membership, School
from tests.conftest import PASSWORD
from tests.support.factories import MembershipFactory, MentorFactory

pytestmark = pytest.mark.django_db

MODELS = [User, School, Membership, Phase, Subject, AgeRange, KeyStage, Mentor]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_registered_with_search(model):
    model_admin = admin.site._registry[model]
    assert model_admin.search_fields
    assert model_admin.list_display != ("__str__",)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_list_search_and_add_pages_work(admin_client, model):
    MentorFactory()
    MembershipFactory()
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert admin_client.get(reverse(f"{prefix}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"{prefix}_changelist"), {"q": "school"}).status_code == 200
    assert admin_client.get(reverse(f"{prefix}_add")).status_code == 200
    change_url = reverse(f"{prefix}_change", args=[model.objects.first().pk])
    assert admin_client.get(change_url).status_code == 200


def test_admin_adds_a_user_keyed_by_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.person@example.com",
            "first_name": "New",
            "last_name": "Person",
            "usable_password": "true",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.com").check_password("a-long-test-password")


def test_school_staff_cannot_use_admin(coordinator_client):
    response = coordinator_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


@pytest.mark.parametrize(
    "url",
    [reverse("admin:index"), reverse("admin:accounts_user_changelist"), reverse("admin:mentors_mentor_add")],
    ids=["index", "list", "add"],
)
def test_signed_in_people_who_are_not_staff_are_sent_to_the_admin_sign_in(coordinator_client, url):
    response = coordinator_client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={url}"


def test_the_admin_sign_in_refuses_a_person_who_is_not_staff(client, coordinator):
    response = client.post(reverse("admin:login"), {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "correct email address and password for a staff account" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_adding_changing_and_deleting_are_recorded(admin_client, admin_user):
    membership = MembershipFactory()
    admin_client.post(
        reverse("admin:schools_membership_change", args=[membership.pk]),
        {"user": membership.user.pk, "school": membership.school.pk, "role": Membership.Role.LEAD_MENTOR},
    )
    admin_client.post(reverse("admin:schools_membership_delete", args=[membership.pk]), {"post": "yes"})
    admin_client.post(
        reverse("admin:schools_membership_add"),
        {"user": membership.user.pk, "school": membership.school.pk, "role": Membership.Role.ITT_COORDINATOR},
    )
    entries = LogEntry.objects.filter(user=admin_user, content_type__model="membership").order_by("action_time")
    assert [entry.action_flag for entry in entries] == [CHANGE, DELETION, ADDITION]
    assert entries[0].get_change_message() == "Changed Role."
    # and django-simple-history keeps what changed
    assert [record.history_type for record in membership.history.all()] == ["-", "~", "+"]


def test_deleting_several_at_once_is_recorded_for_each(admin_client, admin_user):
    memberships = [MembershipFactory(), MembershipFactory()]
    response = admin_client.post(
        reverse("admin:schools_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [m.pk for m in memberships], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.exists()
    deletions = LogEntry.objects.filter(user=admin_user, action_flag=DELETION)
    assert sorted(int(entry.object_id) for entry in deletions) == sorted(m.pk for m in memberships)


def test_resending_emails_is_recorded_for_each(admin_client, admin_user):
    failed = Email.objects.create(kind=Email.Kind.MENTOR_ADDED, recipient="a@example.com", status=Email.Status.FAILED)
    sent = Email.objects.create(kind=Email.Kind.MENTOR_ADDED, recipient="b@example.com", status=Email.Status.SENT)
    admin_client.post(
        reverse("admin:emails_email_changelist"),
        {"action": "resend_failed", "_selected_action": [failed.pk, sent.pk]},
    )
    entries = LogEntry.objects.filter(user=admin_user, content_type__model="email")
    assert [(entry.object_id, entry.action_flag, entry.get_change_message()) for entry in entries] == [
        (str(failed.pk), CHANGE, "Queued to send again.")
    ]


def test_every_admin_action_is_one_that_is_recorded(rf, admin_user):
    """A new action must write LogEntry records (ModelAdmin.log_change or log_deletions), with a test asserting it
    (here, or with the action's own tests through tests.support.admin.admin_history)."""
    request = rf.get("/admin/")
    request.user = admin_user
    actions = {name for model_admin in admin.site._registry.values() for name in model_admin.get_actions(request)}
    assert actions == {
        "delete_selected",
        "resend_failed",
        "revoke",
        "send_payments",
        "payer_asks",
        "information_sent",
        "draw_audit_sample",
        "uphold_school",
        "approve_clawbacks",
        "send_clawbacks",
    }


def test_unlocking_sign_in_is_recorded(admin_client, admin_user):
    attempt = AccessAttempt.objects.create(
        username="someone@example.com", ip_address="192.0.2.1", failures_since_start=5, get_data="", post_data=""
    )
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    assert LogEntry.objects.get(user=admin_user, action_flag=DELETION).object_repr == str(attempt)
