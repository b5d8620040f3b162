"""Support staff manage every list through Django admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from mentors.models import Mentor
from reference_data.models import AgeRange, KeyStage, Phase, Subject
from schools.models import Membership, School
from tests.factories import MembershipFactory, MentorFactory

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
