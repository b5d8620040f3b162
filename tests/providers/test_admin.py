"""Support staff find providers in Django admin."""

import pytest
from django.urls import reverse

from providers.models import ProviderType
from tests.support.factories import ProviderFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:providers_provider_changelist")


@pytest.fixture
def providers(db):
    return {
        "university": ProviderFactory(
            name="University of Northshire",
            code="1TZ",
            provider_type=ProviderType.UNIVERSITY,
            ukprn="10007799",
            urn="",
            postcode="NE1 7RU",
        ),
        "lead school": ProviderFactory(
            name="St Mary’s Teaching School Hub",
            code="2FR",
            provider_type=ProviderType.LEAD_SCHOOL,
            accredited=False,
            ukprn="10034567",
            urn="136543",
            postcode="LS1 4AP",
        ),
    }


def listed(admin_client, **query):
    response = admin_client.get(CHANGELIST, query)
    assert response.status_code == 200
    return {provider.code for provider in response.context["cl"].result_list}


@pytest.mark.parametrize(
    "query, codes",
    [
        ("Northshire", {"1TZ"}),
        ("st mary’s", {"2FR"}),
        ("1tz", {"1TZ"}),
        ("1T", set()),  # a code is matched whole
        ("10007799", {"1TZ"}),
        ("1000", set()),  # a UKPRN too
        ("136543", {"2FR"}),
        ("LS1 4AP", {"2FR"}),
        ("ls1", {"2FR"}),
        ("Leeds", set()),
    ],
)
def test_search_by_name_code_ukprn_urn_and_postcode(admin_client, providers, query, codes):
    assert listed(admin_client, q=query) == codes


@pytest.mark.parametrize(
    "query, codes",
    [
        ({"provider_type__exact": "university"}, {"1TZ"}),
        ({"provider_type__exact": "lead_school"}, {"2FR"}),
        ({"provider_type__exact": "scitt"}, set()),
        ({"accredited__exact": "1"}, {"1TZ"}),
        ({"accredited__exact": "0"}, {"2FR"}),
    ],
)
def test_filter_by_type_and_accreditation(admin_client, providers, query, codes):
    assert listed(admin_client, **query) == codes


def test_the_filters_name_the_types_as_people_say_them(admin_client, providers):
    content = admin_client.get(CHANGELIST).content.decode()
    for label in ProviderType.labels:
        assert label in content


def test_a_change_is_in_the_providers_history(admin_client, providers):
    provider = providers["university"]
    url = reverse("admin:providers_provider_change", args=[provider.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if name in form.fields and value is not None}
    response = admin_client.post(url, {**data, "name": "Northshire University"})
    assert response.status_code == 302
    assert provider.history.first().name == "Northshire University"
    assert admin_client.get(reverse("admin:providers_provider_history", args=[provider.pk])).status_code == 200


def test_what_came_from_publish_is_shown_not_changed(admin_client, providers):
    url = reverse("admin:providers_provider_change", args=[providers["university"].pk])
    form = admin_client.get(url).context["adminform"].form
    assert not {"publish_id", "recruitment_cycle_year", "changed_at"} & set(form.fields)
