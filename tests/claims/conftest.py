import pytest

from claims.models import FundingRegion
from claims.services import accept_grant_conditions
from tests.support.factories import ClaimWindowFactory, MembershipFactory, ProviderFactory, SchoolFactory, UserFactory


@pytest.fixture
def window(db):
    """A claim window open now, for 2026 to 2027 (the year the tests' today is in)."""
    return ClaimWindowFactory()


@pytest.fixture
def school(db):
    return SchoolFactory(
        name="Brookfield Primary School",
        district_code="E09000007",
        funding_region=FundingRegion.objects.get(name="Inner London"),
    )


@pytest.fixture
def coordinator(school):
    user = UserFactory(email="coordinator@example.com", first_name="Amira", last_name="Khan")
    MembershipFactory(user=user, school=school)
    return user


@pytest.fixture
def accepted(school, coordinator):
    return accept_grant_conditions(school=school, accepted_by=coordinator)


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Northshire SCITT", code="N1S")
