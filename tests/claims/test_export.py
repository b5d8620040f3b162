"""Support staff export the claims admin lists, filtered and searched as the list is, as a CSV file streamed from
the database in chunks, every cell safe to open in a spreadsheet."""

import csv
import io
from types import GeneratorType

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import exports
from claims.models import Claim
from tests.support.factories import MentorFactory, ProviderFactory, SchoolFactory, make_claim

pytestmark = pytest.mark.django_db
URL = reverse("admin:claims_claim_export")


def read(response):
    assert response.streaming
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def claim(db):
    school = SchoolFactory(
        urn=100001, name="Brookfield Primary School", local_authority="Camden", establishment_type_name="Academy"
    )
    return make_claim(
        hours={MentorFactory(school=school): 16, MentorFactory(school=school): 10},
        provider=ProviderFactory(name="Northshire SCITT", code="N1S"),
        reference="27182818",
        rate_pence=5360,
    )


def test_has_the_issues_columns_and_the_amount_in_pounds(admin_client, claim):
    rows = read(admin_client.get(URL))
    assert rows[0] == exports.EXPORT_COLUMNS
    submitted = f"{claim.submitted_at:%-d %B %Y}"
    assert rows[1:] == [
        [
            "27182818",
            "100001",
            "Brookfield Primary School",
            "Camden",
            "Academy",
            claim.funding_region.name,
            "Northshire SCITT",
            "N1S",
            "2",
            "26",
            "1393.60",
            submitted,
            "Submitted",
        ]
    ]


def test_holds_what_the_list_shows_with_its_filters_and_search(admin_client, claim):
    make_claim(hours={MentorFactory(): 3}, reference="31415926", status=Claim.Status.PAID)
    assert [row[0] for row in read(admin_client.get(URL, {"status__exact": "paid"}))[1:]] == ["31415926"]
    assert [row[0] for row in read(admin_client.get(URL, {"q": "Brookfield"}))[1:]] == ["27182818"]
    assert [row[0] for row in read(admin_client.get(URL, {"q": "N1S"}))[1:]] == ["27182818"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://example.com")', '\'=HYPERLINK("http://example.com")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tSchool", "'\tSchool"),
        ("\rSchool", "'\rSchool"),
        ("St Mary's = best", "St Mary's = best"),
        ("", ""),
    ],
)
def test_no_cell_is_a_formula(admin_client, claim, value, cell):
    claim.school.name = value
    claim.school.save()
    assert read(admin_client.get(URL))[1][2] == cell


def test_reads_the_claims_in_chunks_never_all_at_once(claim, monkeypatch):
    make_claim(hours={MentorFactory(): 3}, reference="31415926")
    monkeypatch.setattr(exports, "CHUNK_SIZE", 1)
    rows = exports.export_rows(Claim.objects.all())
    assert isinstance(rows, GeneratorType)
    with CaptureQueriesContext(connection) as queries:
        next(rows)  # the header: nothing read yet
        assert len(queries) == 0
        next(rows)
    # One query, whose rows a server-side cursor hands over a chunk at a time, whatever the number of claims.
    assert sum("DECLARE" in query["sql"] or "SELECT" in query["sql"] for query in queries) == 1
    assert len(list(rows)) == 1


def test_is_for_support_staff_only(client, claim):
    assert client.get(URL).status_code == 302  # to admin's sign-in
