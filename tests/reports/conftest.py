import pytest

from reports.services import refresh_summaries
from tests.support.factories import PartnershipFactory, ProviderFactory, ProviderMembershipFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    """Staff's reports read summaries: this client refreshes them before each page, as the scheduler would have."""
    client.force_login(UserFactory(is_staff=True))
    get = client.get

    def refreshed_get(*args, **kwargs):
        refresh_summaries()
        return get(*args, **kwargs)

    client.get = refreshed_get
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
