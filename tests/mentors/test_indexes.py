"""The pages' lookups and searches are answered by indexes (migration mentors 0003_search_indexes).

With sequential scans priced out, PostgreSQL shows which index it can use: a query that no index matches (a
different collation, a new search field) falls back to reading the whole table, which these tests catch.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from mentors.models import Mentor
from mentors.selectors import mentors_of
from tests.support.factories import MentorFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def plan(queryset, *, unsorted=False):
    """The query's plan. unsorted also prices out sorting, to ask whether an index gives the rows in order (with a
    handful of rows, whose statistics other tests leave behind, sorting them could be cheaper)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if unsorted:
            cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def admin_search(term):
    model_admin = admin.site._registry[Mentor]
    found, _ = model_admin.get_search_results(RequestFactory().get("/"), Mentor.objects.all(), term)
    # Unordered, to see how the rows are found: with 150,000 mentors a few matches are then sorted, but with a
    # handful the planner would rather walk the name index in order.
    return found.order_by()


def test_a_schools_mentor_list_is_read_in_order_from_its_index():
    school = SchoolFactory()
    MentorFactory.create_batch(3, school=school)
    assert "Index Scan using mentors_mentor_school_alphabetical" in plan(mentors_of(school)[25:50], unsorted=True)


def test_admin_search_is_answered_by_indexes_alone():
    MentorFactory.create_batch(3)
    search = plan(admin_search("smith 1234567"))
    assert "mentors_mentor_search_trigram" in search
    assert "mentors_mentor_trn_upper" in search
    assert "Seq Scan on mentors_mentor" not in search


def test_admin_search_by_urn_stays_on_the_mentors_indexes():
    school = SchoolFactory(urn=123456)
    MentorFactory(school=school)
    search = plan(admin_search("123456"))
    assert "mentors_mentor_school_id" in search
    assert "Seq Scan on mentors_mentor" not in search


def test_admin_search_finds_a_schools_mentors_by_urn_and_mentors_by_name():
    school = SchoolFactory(urn=123456)
    at_school = MentorFactory(school=school, last_name="Quennell")
    elsewhere = MentorFactory(last_name="Núñez")
    MentorFactory(last_name="Other")
    assert set(admin_search("123456")) == {at_school}
    assert set(admin_search("núñ")) == {elsewhere}
    assert set(admin_search(at_school.trn)) == {at_school}


def test_admin_search_is_not_ordered_as_the_name_index_is(admin_user):
    """Ordered as the index on names is, PostgreSQL walks that index filtering every mentor (seen: 0.7 s with
    150,000), as it guesses many match; a handful of test rows cannot show the plan, so the SQL is checked."""
    request = RequestFactory().get("/admin/mentors/mentor/", {"q": "smith"})
    request.user = admin_user
    changelist = admin.site._registry[Mentor].get_changelist_instance(request)
    sql = str(changelist.queryset.query)
    assert 'ORDER BY UPPER("mentors_mentor"."last_name") ASC, UPPER("mentors_mentor"."first_name") ASC' in sql


def test_admin_search_results_are_in_alphabetical_order_ignoring_case(admin_client):
    for last_name in ["smithson", "Smith", "de Smith"]:
        MentorFactory(last_name=last_name)
    response = admin_client.get("/admin/mentors/mentor/", {"q": "smith"})
    assert [mentor.last_name for mentor in response.context["cl"].result_list] == ["de Smith", "Smith", "smithson"]


def test_admin_search_by_a_number_that_is_not_a_urn_finds_nothing(admin_client):
    MentorFactory()
    response = admin_client.get("/admin/mentors/mentor/", {"q": "²"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
