"""The benchmark's yardstick page exists only when a benchmark turns it on."""

import pytest
from django.test import RequestFactory

from pages.views import framework_floor

pytestmark = pytest.mark.django_db


def test_not_served_by_default(coordinator_client):
    assert coordinator_client.get("/benchmark/framework-floor/").status_code == 404


def test_reads_the_signed_in_user_and_runs_one_query(coordinator, django_assert_num_queries):
    request = RequestFactory().get("/benchmark/framework-floor/")
    request.user = coordinator
    with django_assert_num_queries(1):
        response = framework_floor(request)
    assert response.content.decode() == f"{coordinator.pk} 1"
