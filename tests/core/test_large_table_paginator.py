"""Admin's lists of large tables do not count every row on each request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pagination import LargeTablePaginator
from mentors.models import Mentor
from tests.support.factories import MentorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_mentors_table(monkeypatch):
    """A table PostgreSQL's statistics say is large: here 30 rows, with the threshold lowered to 10."""
    MentorFactory.create_batch(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE mentors_mentor")
    monkeypatch.setattr(LargeTablePaginator, "ESTIMATE_ABOVE", 10)


def counts(queries):
    return [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_an_unfiltered_large_table_is_estimated_not_counted(large_mentors_table):
    with CaptureQueriesContext(connection) as queries:
        paginator = LargeTablePaginator(Mentor.objects.all(), 10)
        assert paginator.count == 30
        assert paginator.num_pages == 3
    assert counts(queries) == []


def test_a_filtered_list_is_counted_exactly(large_mentors_table):
    MentorFactory(last_name="Quennell")
    paginator = LargeTablePaginator(Mentor.objects.filter(last_name="Quennell"), 10)
    assert paginator.count == 1


def test_a_small_table_is_counted_exactly():
    MentorFactory.create_batch(2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE mentors_mentor")
    assert LargeTablePaginator(Mentor.objects.all(), 10).count == 2


def test_admins_mentor_list_does_not_count_the_table(admin_client, large_mentors_table):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse("admin:mentors_mentor_changelist"))
    assert response.status_code == 200
    assert not [sql for sql in counts(queries) if "mentors_mentor" in sql]
    assert "30 mentors" in response.content.decode()
