"""What the database itself holds true of providers."""

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from providers.models import Provider, ProviderType
from providers.selectors import users_of
from tests.support.factories import ProviderFactory, ProviderMembershipFactory

pytestmark = pytest.mark.django_db


def test_accredited_is_the_providers_open_in_the_service():
    accredited = ProviderFactory(accredited=True)
    ProviderFactory(accredited=False)
    assert list(Provider.objects.accredited()) == [accredited]


def test_a_code_is_one_providers():
    ProviderFactory(code="1TZ")
    with pytest.raises(IntegrityError):
        ProviderFactory(code="1TZ")


@pytest.mark.parametrize("code", ["", "1T", "1TZA", "1tz", "1-Z"])
def test_a_code_is_3_capital_letters_or_digits(code):
    with pytest.raises(DatabaseError):  # IntegrityError, or DataError for one too long
        ProviderFactory(code=code)


@pytest.mark.parametrize("provider_type", ["", "unknown", "University"])
def test_a_provider_type_is_one_of_publishs(provider_type):
    with pytest.raises(IntegrityError):
        ProviderFactory(provider_type=provider_type)


def test_its_name_says_which_it_is():
    assert str(ProviderFactory.build(name="Northshire SCITT", code="N1S")) == "Northshire SCITT (N1S)"


def test_each_type_has_a_label_for_people():
    assert ProviderType.labels == ["University", "School-centred initial teacher training (SCITT)", "Lead school"]


def test_a_user_belongs_to_a_provider_once(db):
    membership = ProviderMembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderMembershipFactory(user=membership.user, provider=membership.provider)
    inactive = ProviderMembershipFactory(provider=membership.provider, user__is_active=False)
    assert list(users_of(membership.provider)) == [membership.user]
    assert inactive.user not in users_of(membership.provider)
