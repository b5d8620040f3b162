"""Each add-mentor question: its lists for the school's phase, and its error messages word for word."""

import pytest

from tests.reference_data.test_reference_lists import MIDDLE_YEARS, PRIMARY_SUBJECTS, SECONDARY_SUBJECTS
from tests.support.html import caption, error_summary, heading, inline_errors, radio_labels, radio_value, soup
from tests.support.journeys import VALID_PERSONAL_DETAILS

pytestmark = pytest.mark.django_db

PRIMARY_AGE_RANGES = ["3 to 7", "5 to 11", "7 to 11", MIDDLE_YEARS]
SECONDARY_AGE_RANGES = [MIDDLE_YEARS, "11 to 16", "11 to 18", "14 to 19"]
PRIMARY_KEY_STAGES = ["Early years", "Key stage 1", "Key stage 2"]
SECONDARY_KEY_STAGES = ["Key stage 3", "Key stage 4", "Key stage 5"]


def assert_error(response, message, field_id):
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert page.select_one(".govuk-error-summary__title").get_text(strip=True) == "There is a problem"
    assert error_summary(response) == [message]
    assert inline_errors(response) == [message]
    assert page.select_one(".govuk-error-summary__list a")["href"] == f"#{field_id}"
    assert page.select_one(f"#{field_id}") is not None


class TestPersonalDetails:
    def test_page(self, start_journey, primary_school):
        page = soup(start_journey(primary_school).get("personal-details"))
        assert heading(page) == "Personal details"
        assert caption(page) == "Add mentor"
        assert page.title.get_text().startswith("Personal details – ")
        labels = [label.get_text(strip=True) for label in page.select("label.govuk-label")]
        assert labels == ["First name", "Last name", "Teacher reference number (TRN)", "Email address"]
        assert page.select_one("form")["novalidate"] is not None
        assert page.select_one(".govuk-back-link")["href"] == f"/schools/{primary_school.urn}/mentors/"

    def test_all_fields_are_required(self, start_journey, primary_school):
        response = start_journey(primary_school).post("personal-details", {})
        expected = [
            "Enter a first name",
            "Enter a last name",
            "Enter a teacher reference number (TRN)",
            "Enter an email address",
        ]
        assert error_summary(response) == expected
        assert inline_errors(response) == expected
        assert soup(response).title.get_text().startswith("Error: Personal details")
        hrefs = [a["href"] for a in soup(response).select(".govuk-error-summary__list a")]
        assert hrefs == ["#id_first_name", "#id_last_name", "#id_trn", "#id_email"]

    @pytest.mark.parametrize(
        "field, value, message",
        [
            ("first_name", "   ", "Enter a first name"),
            ("last_name", "", "Enter a last name"),
            ("trn", "  ", "Enter a teacher reference number (TRN)"),
            ("email", "", "Enter an email address"),
            ("email", "not-an-email", "Enter an email address in the correct format, like name@example.com"),
            ("email", "name@example", "Enter an email address in the correct format, like name@example.com"),
            ("first_name", "A" * 101, "First name must be 100 characters or fewer"),
            ("last_name", "B" * 101, "Last name must be 100 characters or fewer"),
            ("email", "a" * 250 + "@example.com", "Email address must be 254 characters or fewer"),
            ("trn", "123456", "Teacher reference number (TRN) must be 7 digits"),
            ("trn", "12345678", "Teacher reference number (TRN) must be 7 digits"),
            ("trn", "12a4567", "Teacher reference number (TRN) must be 7 digits"),
            ("trn", "123 4567", "Teacher reference number (TRN) must be 7 digits"),
            ("trn", "１２３４５６７", "Teacher reference number (TRN) must be 7 digits"),
            ("first_name", "Zo\x00ë", "First name contains a character that is not allowed"),
        ],
    )
    def test_each_error_keeps_the_other_answers(self, start_journey, primary_school, field, value, message):
        answers = {**VALID_PERSONAL_DETAILS, field: value}
        response = start_journey(primary_school).post("personal-details", answers)
        assert_error(response, message, f"id_{field}")
        page = soup(response)
        for other in set(VALID_PERSONAL_DETAILS) - {field}:
            assert page.select_one(f"#id_{other}")["value"] == VALID_PERSONAL_DETAILS[other]

    def test_answers_are_trimmed_and_email_lower_cased(self, start_journey, primary_school):
        journey = start_journey(primary_school)
        response = journey.post(
            "personal-details",
            {"first_name": "  Zoë ", "last_name": " O'Brien  ", "trn": " 0012345 ", "email": " Zoe@Example.COM "},
        )
        assert response.url == journey.url("subject")
        page = soup(journey.get("personal-details"))
        assert [page.select_one(f"#id_{name}")["value"] for name in ["first_name", "last_name", "trn", "email"]] == [
            "Zoë",
            "O'Brien",
            "0012345",
            "zoe@example.com",
        ]


class TestSubject:
    @pytest.mark.parametrize(
        "school_fixture, subjects",
        [
            ("primary_school", PRIMARY_SUBJECTS),
            ("secondary_school", SECONDARY_SUBJECTS),
            ("all_through_school", PRIMARY_SUBJECTS + SECONDARY_SUBJECTS),
        ],
    )
    def test_lists_the_subjects_of_the_schools_phase(self, start_journey, request, school_fixture, subjects):
        journey = start_journey(request.getfixturevalue(school_fixture))
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        response = journey.get("subject")
        page = soup(response)
        assert heading(page) == "Subject"
        assert page.select_one("legend h1 .govuk-caption-l").get_text(strip=True) == "Add mentor"
        assert radio_labels(response) == subjects
        assert page.select("input[checked]") == []
        assert page.select_one(".govuk-radios")["data-module"] == "govuk-radios"
        assert page.select_one(".govuk-back-link")["href"] == journey.url("personal-details")

    def test_nothing_chosen(self, start_journey, primary_school):
        journey = start_journey(primary_school)
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        assert_error(journey.post("subject", {}), "Select a subject", "id_subject_1")

    def test_a_subject_of_another_phase_cannot_be_chosen(self, start_journey, primary_school, secondary_school):
        secondary = start_journey(secondary_school)
        secondary.post("personal-details", VALID_PERSONAL_DETAILS)

        physics = radio_value(secondary.get("subject"), "Physics")
        primary = start_journey(primary_school)
        primary.post("personal-details", VALID_PERSONAL_DETAILS)
        assert_error(primary.post("subject", {"subject": physics}), "Select a subject", "id_subject_1")
        assert_error(primary.post("subject", {"subject": "not-a-number"}), "Select a subject", "id_subject_1")


class TestAgeRange:
    @pytest.mark.parametrize(
        "school_fixture, age_ranges",
        [
            ("primary_school", PRIMARY_AGE_RANGES),
            ("secondary_school", SECONDARY_AGE_RANGES),
            ("all_through_school", ["3 to 7", "5 to 11", "7 to 11", MIDDLE_YEARS, "11 to 16", "11 to 18", "14 to 19"]),
        ],
    )
    def test_lists_the_age_ranges_of_the_schools_phase(self, start_journey, request, school_fixture, age_ranges):
        school = request.getfixturevalue(school_fixture)
        journey = start_journey(school)
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        journey.choose("subject", "subject", "Mathematics" if school_fixture != "primary_school" else "Primary")
        response = journey.get("age-range")
        assert heading(response) == "Age range"
        assert radio_labels(response) == age_ranges
        assert MIDDLE_YEARS in radio_labels(response)
        assert soup(response).select("input[checked]") == []

    def test_nothing_chosen(self, start_journey, primary_school):
        journey = start_journey(primary_school)
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        journey.choose("subject", "subject", "Primary")
        assert_error(journey.post("age-range", {}), "Select an age range", "id_age_range_1")


class TestKeyStage:
    @pytest.mark.parametrize(
        "school_fixture, subject, age_range, key_stages",
        [
            ("primary_school", "Primary", "5 to 11", PRIMARY_KEY_STAGES),
            ("primary_school", "Primary", MIDDLE_YEARS, PRIMARY_KEY_STAGES),
            ("secondary_school", "Physics", "11 to 18", SECONDARY_KEY_STAGES),
            ("secondary_school", "Physics", MIDDLE_YEARS, ["Key stage 2", *SECONDARY_KEY_STAGES]),
            ("all_through_school", "Physics", "11 to 16", PRIMARY_KEY_STAGES + SECONDARY_KEY_STAGES),
        ],
    )
    def test_lists_key_stages_for_the_phase_and_age_range(
        self, start_journey, request, school_fixture, subject, age_range, key_stages
    ):
        journey = start_journey(request.getfixturevalue(school_fixture))
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        journey.choose("subject", "subject", subject)
        journey.choose("age-range", "age_range", age_range)
        response = journey.get("key-stage")
        assert heading(response) == "Key stage"
        assert radio_labels(response) == key_stages
        assert soup(response).select("input[checked]") == []

    def test_nothing_chosen(self, start_journey, secondary_school):
        journey = start_journey(secondary_school)
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        journey.choose("subject", "subject", "Physics")
        journey.choose("age-range", "age_range", "11 to 16")
        assert_error(journey.post("key-stage", {}), "Select a key stage", "id_key_stage_1")

    def test_going_back_to_an_age_range_without_the_key_stage_asks_for_it_again(self, start_journey, secondary_school):
        journey = start_journey(secondary_school)
        journey.answer_all(subject="Physics", age_range=MIDDLE_YEARS, key_stage="Key stage 2")
        response = journey.choose("age-range", "age_range", "11 to 16")
        assert response.url == journey.url("key-stage")
        assert journey.get("check-your-answers").url == journey.url("key-stage")
        key_stage_page = journey.get("key-stage")
        assert radio_labels(key_stage_page) == SECONDARY_KEY_STAGES
        assert soup(key_stage_page).select("input[checked]") == []
