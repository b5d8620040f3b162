import pytest
from django.db import IntegrityError

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_users_are_keyed_by_email():
    assert User.USERNAME_FIELD == "email"
    user = User.objects.create_user("Someone@Example.com", "a-long-test-password")
    assert user.email == "someone@example.com"
    assert User.objects.get_by_natural_key("SOMEONE@example.com") == user


def test_an_email_address_has_one_account_whatever_its_case():
    User.objects.create_user("someone@example.com")
    with pytest.raises(IntegrityError):
        User.objects.create(email="SOMEONE@example.com")


def test_superuser():
    user = User.objects.create_superuser("admin@example.com", "a-long-test-password")
    assert user.is_staff and user.is_superuser
