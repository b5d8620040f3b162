"""Looking mentors up in the Teaching Record System (formerly DQT) when they are added, and later."""

import datetime
import io
import json
import time

import pytest
from django.core.management import call_command
from werkzeug import Response

from mentors.models import DQTStatus, Mentor
from tests.support.factories import MentorFactory
from tests.support.html import error_summary, inline_errors, soup
from tests.support.journeys import VALID_PERSONAL_DETAILS
from tests.support.urls import mentor_url
from tests.trs.conftest import person

pytestmark = pytest.mark.django_db

PATH = "/v3/persons/0123456"  # VALID_PERSONAL_DETAILS's TRN
ANSWERS = {"subject": "Physics", "age_range": "11 to 18", "key_stage": "Key stage 4"}


@pytest.fixture
def trs_server(httpserver, settings):
    settings.TRS_API_KEY = "test-api-key-0123456789"
    settings.TRS_API_URL = httpserver.url_for("")
    return httpserver


def add(start_journey, school):
    journey = start_journey(school)
    response = journey.post("personal-details", VALID_PERSONAL_DETAILS)
    return journey, response


class TestInTheJourney:
    def test_found_with_a_matching_name_stores_what_dqt_knows(self, trs_server, start_journey, secondary_school):
        trs_server.expect_request(PATH).respond_with_json(person(trn="0123456"))
        journey, response = add(start_journey, secondary_school)
        assert response.url == journey.url("subject")
        journey.answer_all(**ANSWERS)
        journey.post("check-your-answers", {})
        mentor = Mentor.objects.get()
        assert mentor.dqt_status == DQTStatus.FOUND
        assert mentor.dqt_date_qualified == datetime.date(2019, 8, 1)
        assert mentor.dqt_qualifications.splitlines() == [
            "Qualified teacher status (QTS) from 1 August 2019 (School Direct)",
            "Mandatory qualification: Visual impairment",
        ]
        assert mentor.dqt_induction_status == "Passed"
        assert mentor.dqt_checked_at is not None

    def test_found_without_qts(self, trs_server, start_journey, secondary_school):
        trs_server.expect_request(PATH).respond_with_json(person(trn="0123456", qts=False))
        journey, _ = add(start_journey, secondary_school)
        journey.answer_all(**ANSWERS)
        journey.post("check-your-answers", {})
        mentor = Mentor.objects.get()
        assert (mentor.dqt_status, mentor.dqt_date_qualified, mentor.dqt_qualifications) == (DQTStatus.FOUND, None, "")

    def test_a_name_that_does_not_match_is_an_error_on_personal_details(
        self, trs_server, start_journey, secondary_school
    ):
        trs_server.expect_request(PATH).respond_with_json(person(trn="0123456", first="Chloe"))
        journey, response = add(start_journey, secondary_school)
        message = "Check the name: it does not match the teacher with this TRN in the Database of Qualified Teachers"
        assert error_summary(response) == [message]
        assert inline_errors(response) == [message]
        assert soup(response).select_one(".govuk-error-summary a")["href"] == "#id_first_name"
        assert journey.get("subject").url == journey.url("personal-details")

    @pytest.mark.parametrize("status", [404, 410])
    def test_no_record_is_an_error_on_the_trn(self, trs_server, start_journey, secondary_school, status):
        trs_server.expect_request(PATH).respond_with_json({"title": "Not found", "status": status}, status=status)
        journey, response = add(start_journey, secondary_school)
        message = "Check the teacher reference number (TRN): the Database of Qualified Teachers has no teacher with it"
        assert error_summary(response) == [message]
        assert soup(response).select_one(".govuk-error-summary a")["href"] == "#id_trn"
        assert soup(response).select_one("#id_trn")["value"] == "0123456"

    @pytest.mark.parametrize(
        "respond",
        [
            lambda server: server.expect_request(PATH).respond_with_data("", status=500),
            lambda server: server.expect_request(PATH).respond_with_data("", status=503, headers={"Retry-After": "0"}),
            lambda server: server.expect_request(PATH).respond_with_data("{oops", content_type="application/json"),
            lambda server: server.expect_request(PATH).respond_with_json({"title": "Unauthorized"}, status=401),
            lambda server: server.expect_request(PATH).respond_with_json({"title": "Forbidden"}, status=403),
        ],
        ids=["500", "503 after retries", "malformed JSON", "401", "403"],
    )
    def test_when_trs_cannot_answer_the_journey_completes_and_the_mentor_is_checked_later(
        self, trs_server, start_journey, secondary_school, respond, monkeypatch
    ):
        monkeypatch.setattr("core.http.Retry.DEFAULT_BACKOFF_MAX", 0)
        respond(trs_server)
        journey, response = add(start_journey, secondary_school)
        assert response.url == journey.url("subject")
        journey.answer_all(**ANSWERS)
        journey.post("check-your-answers", {})
        assert Mentor.objects.get().dqt_status == DQTStatus.NOT_CHECKED

    def test_a_timeout_lets_the_journey_complete(self, trs_server, start_journey, secondary_school, settings):
        settings.TRS_API_TIMEOUT = 0.2

        def slow(request):
            time.sleep(0.5)
            return Response(json.dumps(person(trn="0123456")), content_type="application/json")

        trs_server.expect_request(PATH).respond_with_handler(slow)
        journey, response = add(start_journey, secondary_school)
        assert response.url == journey.url("subject")
        journey.answer_all(**ANSWERS)
        journey.post("check-your-answers", {})
        assert Mentor.objects.get().dqt_status == DQTStatus.NOT_CHECKED

    def test_with_the_offline_fake_a_known_teacher_is_found(self, start_journey, secondary_school):
        journey = start_journey(secondary_school)
        details = {**VALID_PERSONAL_DETAILS, "trn": "1000002", "first_name": "Zoe Anne"}
        assert journey.post("personal-details", details).url == journey.url("subject")
        journey.choose("subject", "subject", "Physics")
        journey.choose("age-range", "age_range", "11 to 18")
        journey.choose("key-stage", "key_stage", "Key stage 4")
        journey.post("check-your-answers", {})
        assert Mentor.objects.get().dqt_date_qualified == datetime.date(2019, 8, 1)

    def test_with_the_offline_fake_9999999_has_no_record(self, start_journey, secondary_school):
        journey = start_journey(secondary_school)
        response = journey.post("personal-details", {**VALID_PERSONAL_DETAILS, "trn": "9999999"})
        assert error_summary(response) == [
            "Check the teacher reference number (TRN): the Database of Qualified Teachers has no teacher with it"
        ]


class TestOnTheDetailsPage:
    @pytest.fixture
    def checked_mentor(self, mentor):
        mentor.dqt_status = DQTStatus.FOUND
        mentor.dqt_checked_at = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
        mentor.dqt_date_qualified = datetime.date(2019, 8, 1)
        mentor.dqt_qualifications = "Qualified teacher status (QTS) from 1 August 2019"
        mentor.dqt_induction_status = "Passed"
        mentor.date_qualified = datetime.date(2000, 1, 1)  # what the school once typed: DQT's wins
        mentor.save()
        return mentor

    def test_dqt_details_are_shown_as_such_and_cannot_be_changed(self, coordinator_client, checked_mentor):
        page = soup(coordinator_client.get(mentor_url("detail", checked_mentor)))
        text = page.main.get_text(" ", strip=True)
        assert "from the Database of Qualified Teachers, last checked on 20 November 2026" in text
        rows = {
            row.select_one(".govuk-summary-list__key").get_text(strip=True): row
            for row in page.select(".govuk-summary-list__row")
        }
        assert rows["Date qualified as a teacher"].select_one(".govuk-summary-list__value").get_text(strip=True) == (
            "1 August 2019"
        )
        assert rows["Induction"].select_one(".govuk-summary-list__value").get_text(strip=True) == "Passed"
        for key in ["Date qualified as a teacher", "Qualifications", "Induction"]:
            assert rows[key].select_one(".govuk-summary-list__actions") is None
        assert rows["Provider training"].find("a", string="Enter provider training")  # still the school's
        for page_slug in ["date-qualified", "qualifications"]:
            assert coordinator_client.get(mentor_url("change", checked_mentor, page=page_slug)).status_code == 403

    def test_not_yet_checked(self, coordinator_client, mentor):
        page = soup(coordinator_client.get(mentor_url("detail", mentor)))
        assert "record in the Database of Qualified Teachers has not been checked yet" in page.main.get_text()
        assert coordinator_client.get(mentor_url("change", mentor, page="date-qualified")).status_code == 200

    def test_a_changed_trn_is_checked_again(self, coordinator_client, checked_mentor):
        coordinator_client.post(
            mentor_url("change", checked_mentor, page="personal-details"),
            {**VALID_PERSONAL_DETAILS, "trn": "7654321"},
        )
        checked_mentor.refresh_from_db()
        assert checked_mentor.dqt_status == DQTStatus.NOT_CHECKED


class TestRefreshTRS:
    def run(self, *args):
        out = io.StringIO()
        call_command("refresh_trs", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def test_checks_mentors_and_keeps_what_trs_says(self, trs_server, primary_school):
        found = MentorFactory(school=primary_school, trn="1111111", first_name="Zoe", last_name="O'Brien")
        mismatch = MentorFactory(school=primary_school, trn="2222222", first_name="Someone", last_name="Else")
        missing = MentorFactory(school=primary_school, trn="3333333")
        unreachable = MentorFactory(school=primary_school, trn="4444444")
        trs_server.expect_request("/v3/persons/1111111").respond_with_json(person(trn="1111111"))
        trs_server.expect_request("/v3/persons/2222222").respond_with_json(person(trn="2222222"))
        trs_server.expect_request("/v3/persons/3333333").respond_with_json({"status": 404}, status=404)
        trs_server.expect_request("/v3/persons/4444444").respond_with_data("", status=500)
        output = self.run()
        statuses = {m.trn: Mentor.objects.get(pk=m.pk).dqt_status for m in [found, mismatch, missing, unreachable]}
        assert statuses == {
            "1111111": DQTStatus.FOUND,
            "2222222": DQTStatus.NAME_MISMATCH,
            "3333333": DQTStatus.NOT_FOUND,
            "4444444": DQTStatus.NOT_CHECKED,
        }
        assert "Checked 4 mentors." in output
        assert "TRS could not answer (left as they were): 1" in output
        assert "Found: 1" in output

    def test_only_unchecked_mentors(self, trs_server, primary_school):
        MentorFactory(school=primary_school, trn="1111111", dqt_status=DQTStatus.FOUND)
        MentorFactory(school=primary_school, trn="2222222", first_name="Zoe", last_name="O'Brien")
        trs_server.expect_request("/v3/persons/2222222").respond_with_json(person(trn="2222222"))
        assert "Checked 1 mentors." in self.run("--unchecked")
        assert [request.path for request, _ in trs_server.log] == ["/v3/persons/2222222"]
