import pytest

from tests.support.factories import PartnershipFactory, ProviderFactory, ProviderMembershipFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Northshire SCITT", code="N1S")


@pytest.fixture
def provider_client(client, provider):
    client.force_login(ProviderMembershipFactory(provider=provider).user)
    return client


@pytest.fixture
def partner(primary_school, provider):
    PartnershipFactory(school=primary_school, provider=provider)
    return primary_school
