"""The TRS client against a local fake TRS HTTP server returning real-shaped bodies."""

import datetime
import logging
import time

import pytest
from werkzeug import Response

import trs

from .conftest import person

PATH = "/v3/persons/1234567"


def client(server, **options):
    return trs.TRSClient(
        base_url=server.url_for(""), api_key="test-api-key-0123456789", api_version="20250627", **options
    )


def test_a_teacher_with_qts(httpserver):
    httpserver.expect_request(
        PATH,
        headers={"Authorization": "Bearer test-api-key-0123456789", "X-Api-Version": "20250627"},
        query_string={"include": "Induction,RoutesToProfessionalStatuses,MandatoryQualifications"},
    ).respond_with_json(person())
    record = client(httpserver).get_teacher("1234567")
    assert (record.trn, record.first_name, record.middle_name, record.last_name) == (
        "1234567",
        "Zoë",
        "Anne",
        "O'Brien",
    )
    assert record.qts_date == datetime.date(2019, 8, 1)
    assert record.qualifications == [
        "Qualified teacher status (QTS) from 1 August 2019 (School Direct)",
        "Mandatory qualification: Visual impairment",
    ]
    assert record.induction_status == "Passed"


def test_a_teacher_without_qts(httpserver):
    httpserver.expect_request(PATH).respond_with_json(person(qts=False))
    record = client(httpserver).get_teacher("1234567")
    assert (record.qts_date, record.qualifications, record.induction_status) == (None, [], "None")


def test_qtls_and_eyts(httpserver):
    body = person(qts=False)
    body.update(qtlsStatus="Active", eyts={"holdsFrom": "2012-07-01", "routes": []})
    httpserver.expect_request(PATH).respond_with_json(body)
    assert client(httpserver).get_teacher("1234567").qualifications == [
        "Early years teacher status (EYTS) from 1 July 2012",
        "Qualified teacher learning and skills status (QTLS)",
    ]


@pytest.mark.parametrize(
    "status, error",
    [
        (404, trs.TeacherNotFound),
        (410, trs.TeacherNotFound),
        (401, trs.TRSMisconfigured),
        (403, trs.TRSMisconfigured),
        (400, trs.TRSMisconfigured),
        (500, trs.TRSUnavailable),
    ],
)
def test_failures_map_to_the_services_own_errors(httpserver, status, error):
    problem = {"type": "about:blank", "title": "Problem", "status": status}
    httpserver.expect_request(PATH).respond_with_json(problem, status=status, content_type="application/problem+json")
    with pytest.raises(error):
        client(httpserver).get_teacher("1234567")


def test_a_merged_record_is_followed_once(httpserver):
    httpserver.expect_request(PATH).respond_with_data("", status=308, headers={"Location": "/v3/persons/7654321"})
    httpserver.expect_request("/v3/persons/7654321").respond_with_json(person(trn="7654321"))
    assert client(httpserver).get_teacher("1234567").trn == "7654321"


def test_a_redirect_loop_is_not_followed_twice(httpserver):
    httpserver.expect_request(PATH).respond_with_data("", status=308, headers={"Location": PATH})
    with pytest.raises(trs.TRSUnavailable):
        client(httpserver).get_teacher("1234567")


def test_over_the_rate_limit_it_waits_as_told_and_retries(httpserver):
    httpserver.expect_ordered_request(PATH).respond_with_data("", status=429, headers={"Retry-After": "1"})
    httpserver.expect_ordered_request(PATH).respond_with_json(person())
    started = time.monotonic()
    assert client(httpserver).get_teacher("1234567").last_name == "O'Brien"
    assert time.monotonic() - started >= 1


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_still_failing_after_the_retries_is_unavailable(httpserver, status):
    httpserver.expect_request(PATH).respond_with_data("", status=status, headers={"Retry-After": "0"})
    with pytest.raises(trs.TRSUnavailable):
        client(httpserver, retries=2, backoff_factor=0).get_teacher("1234567")
    assert len(httpserver.log) == 3


def test_a_timeout_is_unavailable(httpserver):
    def slow(request):
        time.sleep(1)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(PATH).respond_with_handler(slow)
    with pytest.raises(trs.TRSUnavailable):
        client(httpserver, retries=0, timeout=(1, 0.2)).get_teacher("1234567")


def test_malformed_json_is_unavailable(httpserver):
    httpserver.expect_request(PATH).respond_with_data("{not json", content_type="application/json")
    with pytest.raises(trs.TRSUnavailable):
        client(httpserver).get_teacher("1234567")


def test_nothing_logged_includes_the_key_or_personal_data(httpserver, caplog):
    caplog.set_level(logging.DEBUG)
    httpserver.expect_ordered_request(PATH).respond_with_json({"title": "Unauthorized"}, status=401)
    httpserver.expect_ordered_request(PATH).respond_with_data("{not json")
    for _ in range(2):
        with pytest.raises(trs.TRSError):
            client(httpserver).get_teacher("1234567")
    service_logs = [record.getMessage() for record in caplog.records if not record.name.startswith("werkzeug")]
    assert service_logs  # the failures are logged...
    for text in ["test-api-key-0123456789", "1234567", "Zoë", "O'Brien"]:
        assert not any(text in message for message in service_logs)  # ...without the key or the teacher


@pytest.mark.parametrize(
    "first, last, matches",
    [
        ("Zoë", "O'Brien", True),
        ("zoe", "o’brien", True),
        ("  ZOE   ANNE ", "O'BRIEN", True),
        ("Zoë Anne", "O'Brien", True),
        ("Zoe", "Brien", False),
        ("Anne", "O'Brien", False),
        ("Chloe", "O'Brien", False),
    ],
)
def test_names_match_ignoring_case_accents_spaces_and_a_middle_name(first, last, matches):
    record = trs.TeacherRecord(trn="1234567", first_name="Zoë", middle_name="Anne", last_name="O'Brien")
    assert record.name_matches(first, last) is matches


class TestOfflineFake:
    def test_knows_a_few_teachers(self):
        record = trs.OfflineTRS().get_teacher("1000002")
        assert (record.first_name, record.last_name, record.qts_date) == ("Zoë", "O'Brien", datetime.date(2019, 8, 1))

    def test_9999999_has_no_record(self):
        with pytest.raises(trs.TeacherNotFound):
            trs.OfflineTRS().get_teacher("9999999")

    def test_cannot_check_any_other_trn(self):
        with pytest.raises(trs.TRSUnavailable):
            trs.OfflineTRS().get_teacher("1234567")

    def test_is_used_without_an_api_key(self, settings):
        settings.TRS_API_KEY = ""
        assert isinstance(trs.get_client(), trs.OfflineTRS)
        settings.TRS_API_KEY = "key"
        assert isinstance(trs.get_client(), trs.TRSClient)


def test_the_wait_for_each_answer_is_a_setting(httpserver, settings):
    settings.TRS_API_TIMEOUT = 2.5
    assert client(httpserver).timeout == (trs.client.CONNECT_TIMEOUT, 2.5)
