"""Changing a mentor's details: each change page, its errors, and what it saves."""

import datetime

import pytest
from django.utils import timezone

from mentors.models import Mentor
from mentors.views.manage import CHANGE_PAGES
from tests.support.factories import MentorFactory
from tests.support.html import error_summary, heading, inline_errors, radio_labels, radio_value, soup
from tests.support.journeys import VALID_PERSONAL_DETAILS
from tests.support.urls import mentor_url

from .test_add_mentor_questions import MIDDLE_YEARS, PRIMARY_AGE_RANGES, PRIMARY_KEY_STAGES, PRIMARY_SUBJECTS

pytestmark = pytest.mark.django_db


def change(client, mentor, page, data, query=""):
    return client.post(mentor_url("change", mentor, page=page) + query, data)


def banner(response):
    return soup(response).select_one(".govuk-notification-banner--success").get_text(" ", strip=True)


def date_data(name, day, month, year):
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def assert_error(response, message, href):
    assert response.status_code == 200
    assert soup(response).title.get_text().startswith("Error: ")
    assert error_summary(response) == [message]
    assert inline_errors(response) == [message]
    assert soup(response).select_one(".govuk-error-summary__list a")["href"] == href
    assert soup(response).select_one(href) is not None


class TestPersonalDetails:
    def test_page_is_prefilled_and_returns_to_details(self, coordinator_client, mentor):
        response = coordinator_client.get(mentor_url("change", mentor, page="personal-details"))
        page = soup(response)
        assert heading(page) == "Personal details"
        assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Zoë O'Brien"
        assert page.select_one(".govuk-back-link")["href"] == mentor_url("detail", mentor)
        assert [page.select_one(f"#id_{name}")["value"] for name in VALID_PERSONAL_DETAILS] == [
            "Zoë", "O'Brien", "0123456", "zoe.obrien@example.com",
        ]  # fmt: skip

    def test_saves_and_shows_a_success_banner(self, coordinator_client, mentor):
        data = {**VALID_PERSONAL_DETAILS, "first_name": " Zoe ", "email": "Zoe@Example.com", "trn": "7654321"}
        response = change(coordinator_client, mentor, "personal-details", data)
        assert response.url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert (mentor.first_name, mentor.email, mentor.trn) == ("Zoe", "zoe@example.com", "7654321")
        details = coordinator_client.get(response.url)
        assert banner(details) == "Success Personal details updated"
        assert "Personal details updated" not in coordinator_client.get(response.url).content.decode()

    @pytest.mark.parametrize(
        "field, value, message",
        [
            ("first_name", "", "Enter a first name"),
            ("last_name", "", "Enter a last name"),
            ("trn", "", "Enter a teacher reference number (TRN)"),
            ("trn", "12345", "Teacher reference number (TRN) must be 7 digits"),
            ("email", "", "Enter an email address"),
            ("email", "zoe@", "Enter an email address in the correct format, like name@example.com"),
        ],
    )
    def test_the_add_journeys_messages(self, coordinator_client, mentor, field, value, message):
        response = change(coordinator_client, mentor, "personal-details", {**VALID_PERSONAL_DETAILS, field: value})
        assert_error(response, message, f"#id_{field}")
        mentor.refresh_from_db()
        assert getattr(mentor, field) == VALID_PERSONAL_DETAILS[field]

    def test_another_mentors_trn_or_email_is_refused(self, coordinator_client, mentor, primary_school):
        MentorFactory(school=primary_school, trn="7777777", email="taken@example.com")
        response = change(
            coordinator_client,
            mentor,
            "personal-details",
            {**VALID_PERSONAL_DETAILS, "trn": "7777777", "email": "TAKEN@example.com"},
        )
        assert error_summary(response) == [
            "Brookfield Primary School already has a mentor with this teacher reference number (TRN)",
            "Brookfield Primary School already has a mentor with this email address",
        ]
        mentor.refresh_from_db()
        assert mentor.trn == "0123456"

    def test_a_removed_mentors_trn_or_another_schools_is_free(
        self, coordinator_client, mentor, primary_school, other_school
    ):
        MentorFactory(school=primary_school, trn="7777777", removed_at=timezone.now())
        MentorFactory(school=other_school, trn="8888888", email="other@example.com")
        for trn, email in [("7777777", "zoe.obrien@example.com"), ("8888888", "other@example.com")]:
            response = change(
                coordinator_client, mentor, "personal-details", {**VALID_PERSONAL_DETAILS, "trn": trn, "email": email}
            )
            assert response.status_code == 302
        mentor.refresh_from_db()
        assert mentor.trn == "8888888"


class TestChoices:
    def test_subject_lists_the_schools_subjects_with_the_current_one_chosen(self, coordinator_client, mentor):
        response = coordinator_client.get(mentor_url("change", mentor, page="subject"))
        assert radio_labels(response) == PRIMARY_SUBJECTS
        assert soup(response).select_one("input[checked]").find_next("label").get_text(strip=True) == "Primary"
        response = change(
            coordinator_client, mentor, "subject", {"subject": radio_value(response, "Primary with science")}
        )
        mentor.refresh_from_db()
        assert mentor.subject.name == "Primary with science"
        assert banner(coordinator_client.get(response.url)) == "Success Subject updated"

    def test_subject_errors(self, coordinator_client, mentor):
        assert_error(change(coordinator_client, mentor, "subject", {}), "Select a subject", "#id_subject_1")
        physics = Mentor._meta.get_field("subject").related_model.objects.get(name="Physics")
        assert_error(
            change(coordinator_client, mentor, "subject", {"subject": physics.pk}), "Select a subject", "#id_subject_1"
        )

    def test_age_range_that_keeps_the_key_stage(self, coordinator_client, mentor):
        response = coordinator_client.get(mentor_url("change", mentor, page="age-range"))
        assert radio_labels(response) == PRIMARY_AGE_RANGES
        response = change(coordinator_client, mentor, "age-range", {"age_range": radio_value(response, "7 to 11")})
        assert response.url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert (mentor.age_range.name, mentor.key_stage.name) == ("7 to 11", "Key stage 2")

    def test_age_range_that_drops_the_key_stage_asks_for_it_next(self, coordinator_client, secondary_school):
        mentor = MentorFactory(
            school=secondary_school,
            subject=Mentor._meta.get_field("subject").related_model.objects.get(name="Physics"),
            age_range=Mentor._meta.get_field("age_range").related_model.objects.get(name=MIDDLE_YEARS),
            key_stage=Mentor._meta.get_field("key_stage").related_model.objects.get(name="Key stage 2"),
        )
        age_ranges = coordinator_client.get(mentor_url("change", mentor, page="age-range"))
        new_age_range = radio_value(age_ranges, "11 to 16")
        response = change(coordinator_client, mentor, "age-range", {"age_range": new_age_range})
        key_stage_url = f"{mentor_url('change', mentor, page='key-stage')}?age_range={new_age_range}"
        assert response.url == key_stage_url
        mentor.refresh_from_db()
        assert mentor.age_range.name == MIDDLE_YEARS  # nothing saved until the key stage is chosen

        key_stages = coordinator_client.get(key_stage_url)
        assert radio_labels(key_stages) == ["Key stage 3", "Key stage 4", "Key stage 5"]
        assert soup(key_stages).select("input[checked]") == []
        assert soup(key_stages).select_one(".govuk-back-link")["href"] == mentor_url("change", mentor, page="age-range")
        assert_error(coordinator_client.post(key_stage_url, {}), "Select a key stage", "#id_key_stage_1")
        response = coordinator_client.post(key_stage_url, {"key_stage": radio_value(key_stages, "Key stage 4")})
        assert response.url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert (mentor.age_range.name, mentor.key_stage.name) == ("11 to 16", "Key stage 4")

    def test_a_tampered_pending_age_range_is_ignored(self, coordinator_client, mentor):
        not_offered = Mentor._meta.get_field("age_range").related_model.objects.get(name="14 to 19")
        for value in [not_offered.pk, "nonsense"]:
            url = f"{mentor_url('change', mentor, page='key-stage')}?age_range={value}"
            assert radio_labels(coordinator_client.get(url)) == PRIMARY_KEY_STAGES
        mentor.refresh_from_db()
        assert mentor.age_range.name == "5 to 11"

    def test_key_stage(self, coordinator_client, mentor):
        response = coordinator_client.get(mentor_url("change", mentor, page="key-stage"))
        assert radio_labels(response) == PRIMARY_KEY_STAGES
        change(coordinator_client, mentor, "key-stage", {"key_stage": radio_value(response, "Key stage 1")})
        mentor.refresh_from_db()
        assert mentor.key_stage.name == "Key stage 1"
        assert_error(change(coordinator_client, mentor, "key-stage", {}), "Select a key stage", "#id_key_stage_1")


class TestDates:
    @pytest.mark.parametrize(
        "page, name, label, question",
        [
            ("date-qualified", "date_qualified", "Date qualified as a teacher", "When did they qualify as a teacher?"),
            (
                "date-started-mentoring",
                "date_started_mentoring",
                "Date started mentoring",
                "When did they start mentoring?",
            ),
        ],
    )
    def test_date_input(self, coordinator_client, mentor, page, name, label, question):
        form = soup(coordinator_client.get(mentor_url("change", mentor, page=page)))
        assert heading(form) == question
        assert [lbl.get_text(strip=True) for lbl in form.select(".govuk-date-input__label")] == ["Day", "Month", "Year"]

        cases = [
            (("", "3", "2015"), f"{label} must include a day", f"#id_{name}_0"),
            (("1", "", "2015"), f"{label} must include a month", f"#id_{name}_1"),
            (("1", "3", ""), f"{label} must include a year", f"#id_{name}_2"),
            (("", "", "2015"), f"{label} must include a day and month", f"#id_{name}_0"),
            (("1", "", ""), f"{label} must include a month and year", f"#id_{name}_1"),
            (("31", "2", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
            (("1", "13", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
            (("a", "b", "c"), f"{label} must be a real date", f"#id_{name}_0"),
            (("1", "3", "15"), f"{label} must be a real date", f"#id_{name}_0"),
            (("1", "1", str(timezone.localdate().year + 1)), f"{label} must be in the past", f"#id_{name}_0"),
            # Digits of other scripts are digits to Python, not to a date.
            (("٣", "3", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
            (("3", "٣", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
            (("3", "3", "٢٠١٥"), f"{label} must be a real date", f"#id_{name}_0"),
            (("１", "3", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
            # Numbers too large for a machine's integer.
            (("2147483648", "1", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
            (("1", "9223372036854775808", "2015"), f"{label} must be a real date", f"#id_{name}_0"),
        ]
        for (day, month, year), message, href in cases:
            response = change(coordinator_client, mentor, page, date_data(name, day, month, year))
            assert_error(response, message, href)
            assert soup(response).select_one(f"#id_{name}_0").get("value", "") == day

        response = change(coordinator_client, mentor, page, date_data(name, " 7 ", "03", "2015"))
        assert response.url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert getattr(mentor, name) == datetime.date(2015, 3, 7)
        assert (
            soup(coordinator_client.get(mentor_url("change", mentor, page=page))).select_one(f"#id_{name}_2")["value"]
            == "2015"
        )

        change(coordinator_client, mentor, page, date_data(name, "", "", ""))
        mentor.refresh_from_db()
        assert getattr(mentor, name) is None

    def test_mentoring_cannot_start_before_qualifying(self, coordinator_client, mentor):
        mentor.date_qualified = datetime.date(2015, 7, 1)
        mentor.save()
        response = change(
            coordinator_client, mentor, "date-started-mentoring", date_data("date_started_mentoring", "30", "6", "2015")
        )
        assert error_summary(response) == [
            "Date started mentoring must be the same as or after the date qualified as a teacher"
        ]
        assert (
            change(
                coordinator_client,
                mentor,
                "date-started-mentoring",
                date_data("date_started_mentoring", "1", "7", "2015"),
            ).status_code
            == 302
        )

    def test_qualifying_cannot_come_after_starting_to_mentor(self, coordinator_client, mentor):
        mentor.date_started_mentoring = datetime.date(2019, 9, 1)
        mentor.save()
        response = change(coordinator_client, mentor, "date-qualified", date_data("date_qualified", "2", "9", "2019"))
        assert error_summary(response) == [
            "Date qualified as a teacher must be the same as or before the date started mentoring"
        ]
        mentor.refresh_from_db()
        assert mentor.date_qualified is None


class TestTextDetails:
    @pytest.mark.parametrize(
        "page, field, label",
        [
            ("qualifications", "qualifications", "Qualifications"),
            ("provider-training", "provider_training", "Provider training"),
            ("subject-networks", "subject_networks", "Subject networks and associations"),
            ("other-experiences", "other_experiences", "Other experiences"),
        ],
    )
    def test_optional_text_with_a_limit(self, coordinator_client, mentor, page, field, label):
        form = soup(coordinator_client.get(mentor_url("change", mentor, page=page)))
        assert heading(form) == label
        assert form.select_one(".govuk-character-count") is not None

        response = change(coordinator_client, mentor, page, {field: "x" * 1001})
        assert_error(response, f"{label} must be 1,000 characters or fewer", f"#id_{field}")
        assert change(coordinator_client, mentor, page, {field: "  Some words  "}).url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert getattr(mentor, field) == "Some words"
        assert banner(coordinator_client.get(mentor_url("detail", mentor))) == f"Success {label} updated"
        change(coordinator_client, mentor, page, {field: ""})
        mentor.refresh_from_db()
        assert getattr(mentor, field) == ""


class TestSendTraining:
    def test_yes_reveals_and_keeps_details(self, coordinator_client, mentor):
        form = soup(coordinator_client.get(mentor_url("change", mentor, page="send-training")))
        assert heading(form) == ("Have they had training in special educational needs and disabilities (SEND)?")
        assert form.select_one(".govuk-radios")["data-module"] == "govuk-radios"
        yes = form.select_one("input[value=yes]")
        assert yes["id"] == "id_send_training_1"  # the error summary links to the first radio
        assert form.select_one(f"#{yes['data-aria-controls']} textarea")["name"] == "send_training_details"
        no = form.select_one("input[value=no]")
        assert not no.has_attr("data-aria-controls") and not no.has_attr("aria-controls")

        change(coordinator_client, mentor, "send-training", {"send_training": "yes", "send_training_details": "Autism"})
        mentor.refresh_from_db()
        assert (mentor.send_training, mentor.send_training_details) == (True, "Autism")
        checked = soup(coordinator_client.get(mentor_url("change", mentor, page="send-training"))).select_one(
            "input[checked]"
        )
        assert checked["value"] == "yes"

    def test_no_forgets_the_details(self, coordinator_client, mentor):
        change(coordinator_client, mentor, "send-training", {"send_training": "no", "send_training_details": "Autism"})
        mentor.refresh_from_db()
        assert (mentor.send_training, mentor.send_training_details) == (False, "")

    def test_errors(self, coordinator_client, mentor):
        response = change(coordinator_client, mentor, "send-training", {"send_training": "maybe"})
        assert error_summary(response) == ["Select yes if they have had SEND training"]
        response = change(
            coordinator_client, mentor, "send-training", {"send_training": "yes", "send_training_details": "x" * 1001}
        )
        assert error_summary(response) == ["SEND training details must be 1,000 characters or fewer"]
        mentor.refresh_from_db()
        assert mentor.send_training is None


def test_an_unknown_change_page_is_not_found(coordinator_client, mentor):
    assert coordinator_client.get(mentor_url("change", mentor, page="shoe-size")).status_code == 404


class TestEveryChangePage:
    @pytest.mark.parametrize("page", CHANGE_PAGES)
    def test_saves_with_a_save_changes_button_and_the_mentors_name_in_the_heading(
        self, coordinator_client, mentor, page
    ):
        form = soup(coordinator_client.get(mentor_url("change", mentor, page=page)))
        buttons = [button.get_text(strip=True) for button in form.main.select("button")]
        assert buttons == ["Save changes"]
        assert form.select_one("h1 .govuk-caption-l").get_text(strip=True) == "Zoë O'Brien"
        assert form.title.get_text(strip=True).startswith(f"{heading(form)} – ")

    def test_saving_without_changing_anything_says_nothing_was_updated(self, coordinator_client, mentor):
        response = change(coordinator_client, mentor, "provider-training", {"provider_training": ""})
        assert response.url == mentor_url("detail", mentor)
        assert soup(coordinator_client.get(response.url)).select_one(".govuk-notification-banner") is None

    def test_date_parts_bring_up_a_numeric_keypad(self, coordinator_client, mentor):
        form = soup(coordinator_client.get(mentor_url("change", mentor, page="date-started-mentoring")))
        parts = form.select(".govuk-date-input__input")
        assert len(parts) == 3 and all(part["inputmode"] == "numeric" for part in parts)

    def test_a_failed_submission_posts_to_the_page_without_its_fragment(self, coordinator_client, mentor):
        """The details page links to #id_email; the form posts back to the page alone, so after an error the
        browser does not jump to the field, and the error summary (which takes focus) is read first."""
        url = mentor_url("change", mentor, page="personal-details")
        form = soup(coordinator_client.post(url + "?x=1", {"email": "nope"})).select_one("main form")
        assert form["action"] == url + "?x=1"


@pytest.mark.parametrize("name", ["\u200b", " \u200b\u200c ", "\ufeff", "\u2060\u00ad"])
def test_a_name_of_only_invisible_characters_is_no_name(coordinator_client, mentor, name):
    response = change(coordinator_client, mentor, "personal-details", {**VALID_PERSONAL_DETAILS, "first_name": name})
    assert error_summary(response) == ["Enter a first name"]


@pytest.mark.parametrize("name", ["Zo\u202ee", "\u202bZoë", "Zoë\u2066", "O\u2069Brien"])
def test_a_name_that_reorders_the_text_around_it_is_refused(coordinator_client, mentor, name):
    response = change(coordinator_client, mentor, "personal-details", {**VALID_PERSONAL_DETAILS, "last_name": name})
    assert error_summary(response) == ["Last name contains a character that is not allowed"]
