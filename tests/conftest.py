import importlib

import pytest
from django.conf import settings

from tests.support.factories import (
    MembershipFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    UserFactory,
)

PASSWORD = "a-long-test-password"

# The stand-ins for the government platforms the service can use: DfE Sign-in, and GOV.UK Notify.
pytest_plugins = ["tests.support.openid_provider", "tests.support.notify"]


def pytest_configure(config):
    """Stop at once, with what to do, when the test database server is not reachable."""
    import psycopg

    database = settings.DATABASES["default"]
    try:
        psycopg.connect(
            host=database["HOST"] or None,
            port=database["PORT"] or None,
            user=database["USER"] or None,
            password=database["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as error:
        pytest.exit(
            f"The tests need PostgreSQL, and none answers at {database['HOST']}:{database['PORT']} ({error}).\n"
            "Start it (on Debian: pg_ctlcluster <version> main start), or set DATABASE_URL to a server you can "
            "use, e.g. DATABASE_URL=postgres://user:password@host:5432/manage_itt_mentors make test",
            returncode=2,
        )


@pytest.fixture(autouse=True)
def anymail_test_backend(settings):
    """Django's test set-up swaps in its own locmem email backend; send through anymail's, as the service does."""
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"


@pytest.fixture
def committed_db(transactional_db):
    """For tests whose requests run in other threads (pytest-django's live_server): their data is committed, and
    the database emptied after each; the reference lists and the funding rules (rows made by data migrations) are
    made again when gone."""
    from django.apps import apps

    from claims.models import FundingRegion
    from reference_data.models import Phase

    if not Phase.objects.exists():
        importlib.import_module("reference_data.migrations.0002_seed_reference_lists").create_reference_lists(
            apps, None
        )
        importlib.import_module("reference_data.migrations.0004_seed_send_areas").create_send_areas(apps, None)
    if not FundingRegion.objects.exists():
        importlib.import_module("claims.migrations.0002_funding_rules").create_funding_rules(apps, None)


@pytest.fixture
def primary_school(db):
    return SchoolFactory(name="Brookfield Primary School", primary=True)


@pytest.fixture
def secondary_school(db):
    return SchoolFactory(name="Oakwood Academy", secondary=True)


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Another School")


@pytest.fixture
def coordinator(primary_school):
    user = UserFactory(email="coordinator@example.com", password=PASSWORD)
    MembershipFactory(user=user, school=primary_school)
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def provider(db):
    """An accredited provider, as the demo's."""
    return ProviderFactory(name="Northshire SCITT", code="N1S")


@pytest.fixture
def provider_user(provider):
    """A user of the provider, which works with the primary school."""
    user = UserFactory(email="provider@example.com", password=PASSWORD)
    ProviderMembershipFactory(user=user, provider=provider)
    return user


@pytest.fixture
def partnership(provider, primary_school):
    return PartnershipFactory(school=primary_school, provider=provider)
