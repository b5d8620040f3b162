"""The add-mentor journey end to end: check your answers, changes, adding, the email, and the ways people
really use a browser (refresh, back, two tabs, double clicks, typed URLs)."""

import copy
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from core.journeys import SESSION_KEY
from mentors.models import Mentor
from schools.models import Membership
from tests.support.factories import MembershipFactory
from tests.support.html import caption, error_summary, heading, radio_value, soup
from tests.support.journeys import VALID_PERSONAL_DETAILS, AddMentorJourney

from .test_add_mentor_questions import MIDDLE_YEARS

pytestmark = pytest.mark.django_db

SECONDARY_ANSWERS = {"subject": "Physics", "age_range": "11 to 18", "key_stage": "Key stage 4"}


def summary_rows(response):
    page = soup(response)
    return {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(strip=True)
        for row in page.select(".govuk-summary-list__row")
    }


def change_links(response):
    return {
        link.get_text(" ", strip=True): link["href"] for link in soup(response).select(".govuk-summary-list__actions a")
    }


@pytest.fixture
def journey(start_journey, secondary_school):
    journey = start_journey(secondary_school)
    journey.answer_all(**SECONDARY_ANSWERS)
    return journey


class TestCheckYourAnswers:
    def test_lists_all_seven_answers(self, journey):
        response = journey.get("check-your-answers")
        assert heading(response) == "Check your answers"
        assert caption(response) == "Add mentor"
        assert summary_rows(response) == {
            "First name": "Zoë",
            "Last name": "O'Brien",
            "Teacher reference number (TRN)": "0123456",
            "Email address": "zoe.obrien@example.com",
            "Subject": "Physics",
            "Age range": "11 to 18",
            "Key stage": "Key stage 4",
        }
        assert soup(response).select_one(".govuk-back-link")["href"] == journey.url("key-stage")
        assert soup(response).select_one("main form button").get_text(strip=True) == "Add mentor"

    def test_each_answer_has_a_change_link_naming_it(self, journey):
        links = change_links(journey.get("check-your-answers"))
        assert list(links) == [
            "Change first name",
            "Change last name",
            "Change teacher reference number (TRN)",
            "Change email address",
            "Change subject",
            "Change age range",
            "Change key stage",
        ]
        hidden = soup(journey.get("check-your-answers")).select(".govuk-summary-list__actions .govuk-visually-hidden")
        assert [span.get_text(strip=True) for span in hidden][0] == "first name"

    @pytest.mark.parametrize(
        "link, step, field, new_value, row, shown",
        [
            ("Change first name", "personal-details", "first_name", "Zoe", "First name", "Zoe"),
            ("Change teacher reference number (TRN)", "personal-details", "trn", "7654321", None, None),
            ("Change subject", "subject", "subject", "Chemistry", "Subject", "Chemistry"),
            ("Change age range", "age-range", "age_range", "11 to 16", "Age range", "11 to 16"),
            ("Change key stage", "key-stage", "key_stage", "Key stage 5", "Key stage", "Key stage 5"),
        ],
    )
    def test_change_links_open_the_question_prefilled_and_return_to_check_your_answers(
        self, journey, coordinator_client, link, step, field, new_value, row, shown
    ):
        url = change_links(journey.get("check-your-answers"))[link]
        question = coordinator_client.get(url)
        assert question.status_code == 200
        page = soup(question)
        assert page.select_one(".govuk-back-link")["href"] == journey.url("check-your-answers")
        if step == "personal-details":
            assert page.select_one(f"#id_{field}")["value"] == VALID_PERSONAL_DETAILS[field]
            data = {**VALID_PERSONAL_DETAILS, field: new_value}
        else:
            assert page.select_one("input[checked]").find_next("label").get_text(strip=True) == SECONDARY_ANSWERS[field]
            data = {field: radio_value(question, new_value)}
        response = coordinator_client.post(url, data)
        assert response.url == journey.url("check-your-answers")
        if row:
            assert summary_rows(journey.get("check-your-answers"))[row] == shown

    def test_a_change_that_invalidates_the_key_stage_asks_for_it_then_returns(self, start_journey, secondary_school):
        journey = start_journey(secondary_school)
        journey.answer_all(subject="Physics", age_range=MIDDLE_YEARS, key_stage="Key stage 2")
        change_age_range = change_links(journey.get("check-your-answers"))["Change age range"]
        response = journey.client.post(
            change_age_range, {"age_range": radio_value(journey.get("age-range"), "11 to 16")}
        )
        assert response.url == journey.url("key-stage") + "?change"
        key_stage = journey.client.get(response.url)
        assert soup(key_stage).select("input[checked]") == []
        assert journey.choose("key-stage", "key_stage", "Key stage 3", query="?change").url == journey.url(
            "check-your-answers"
        )
        assert summary_rows(journey.get("check-your-answers"))["Key stage"] == "Key stage 3"

    def test_a_change_that_keeps_the_key_stage_valid_goes_straight_back(self, start_journey, secondary_school):
        journey = start_journey(secondary_school)
        journey.answer_all(subject="Physics", age_range="11 to 16", key_stage="Key stage 4")
        response = journey.choose("age-range", "age_range", "11 to 18", query="?change")
        assert response.url == journey.url("check-your-answers")

    def test_an_invalid_change_shows_the_error_and_keeps_the_old_answer(self, journey):
        response = journey.post("personal-details", {**VALID_PERSONAL_DETAILS, "email": "nope"}, query="?change")
        assert error_summary(response) == ["Enter an email address in the correct format, like name@example.com"]
        assert summary_rows(journey.get("check-your-answers"))["Email address"] == "zoe.obrien@example.com"


class TestAddingTheMentor:
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_a_submission_whose_session_was_not_saved_shows_what_it_added(self, journey, method):
        """The mentor was added, but the session that says so was lost (the database went away before it was
        saved, say): submitting again, or reloading, shows the mentor added, not an error about their TRN."""
        session = journey.client.session
        unsubmitted = copy.deepcopy(session[SESSION_KEY])
        journey.post("check-your-answers", {})
        session = journey.client.session
        session[SESSION_KEY] = unsubmitted
        session.save()

        response = getattr(journey.client, method)(journey.url("check-your-answers"))
        assert response.url == journey.url("confirmation")
        assert "Mentor added" in journey.client.get(response.url).content.decode()
        assert Mentor.objects.count() == 1

    def test_adds_the_mentor_to_the_school_and_emails_them_after_commit(
        self, journey, secondary_school, coordinator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = journey.post("check-your-answers", {})
        assert len(callbacks) == 1
        assert response.url == journey.url("confirmation")
        mentor = Mentor.objects.get()
        assert (mentor.school, mentor.first_name, mentor.last_name, mentor.trn, mentor.email) == (
            secondary_school,
            "Zoë",
            "O'Brien",
            "0123456",
            "zoe.obrien@example.com",
        )
        assert (mentor.subject.name, mentor.age_range.name, mentor.key_stage.name) == (
            "Physics",
            "11 to 18",
            "Key stage 4",
        )
        assert mentor.added_by == coordinator

        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == ["zoe.obrien@example.com"]
        assert email.subject == "You have been added as a mentor at Oakwood Academy"
        assert email.body.startswith("Dear Zoë,\n\nOakwood Academy has added you as a mentor for trainee teachers.")
        for detail in ["Teacher reference number (TRN): 0123456", "Subject: Physics", "Key stage: Key stage 4"]:
            assert detail in email.body

    def test_no_email_is_sent_before_the_change_commits(self, journey):
        journey.post("check-your-answers", {})  # the test's transaction never commits
        assert Mentor.objects.count() == 1
        assert mail.outbox == []

    def test_confirmation(self, journey, secondary_school):
        response = journey.client.post(journey.url("check-your-answers"), follow=True)
        page = soup(response)
        assert page.select_one(".govuk-panel__title").get_text(strip=True) == "Mentor added"
        assert page.select_one(".govuk-panel__body").get_text(strip=True) == "Zoë O'Brien"
        assert "What happens next" in page.get_text()
        assert "We have sent an email to zoe.obrien@example.com" in page.get_text()
        links = {a.get_text(strip=True): a["href"] for a in page.select("main .govuk-list a")}
        assert links == {
            "Add another mentor": reverse("mentors:add", kwargs={"urn": secondary_school.urn}),
            "View your mentors": reverse("mentors:list", kwargs={"urn": secondary_school.urn}),
        }
        home = journey.client.get(links["View your mentors"])
        assert "Zoë O'Brien" in soup(home).select_one("table").get_text()

    def test_submitting_twice_adds_one_mentor_and_sends_one_email(self, journey, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            first = journey.post("check-your-answers", {})
            second = journey.post("check-your-answers", {})
        assert first.url == second.url == journey.url("confirmation")
        assert Mentor.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_finishing_clears_the_answers(self, journey):
        journey.post("check-your-answers", {})
        for step in ["personal-details", "subject", "key-stage", "check-your-answers"]:
            assert journey.get(step).url == journey.url("confirmation")
        assert journey.client.get(journey.url("confirmation")).status_code == 200
        state = journey.client.session[SESSION_KEY][journey.base_url.split("/")[-2]]
        assert state["answers"] == {}
        assert state["result"] == Mentor.objects.get().pk

    def test_a_submission_of_the_same_journey_after_its_session_state_was_lost_adds_nothing(
        self, journey, secondary_school, coordinator
    ):
        from mentors import services

        answers = {
            "first_name": "Zoë", "last_name": "O'Brien", "trn": "0123456", "email": "zoe.obrien@example.com",
        }  # fmt: skip
        journey.post("check-your-answers", {})
        mentor = Mentor.objects.get()
        same = services.add_mentor(
            school=secondary_school,
            added_by=coordinator,
            journey_id=journey.base_url.split("/")[-2],
            subject=mentor.subject,
            age_range=mentor.age_range,
            key_stage=mentor.key_stage,
            **answers,
        )
        assert same == mentor
        assert Mentor.objects.count() == 1


class TestDuplicates:
    def test_a_trn_the_school_already_has_is_refused_on_personal_details(self, start_journey, journey):
        journey.post("check-your-answers", {})
        second = start_journey(journey.school)
        response = second.post("personal-details", {**VALID_PERSONAL_DETAILS, "first_name": "Other"})
        assert error_summary(response) == [
            "Oakwood Academy already has a mentor with this teacher reference number (TRN)",
            "Oakwood Academy already has a mentor with this email address",
        ]
        assert Mentor.objects.count() == 1

    def test_a_trn_added_by_someone_else_meanwhile_is_explained_on_personal_details(
        self, start_journey, secondary_school
    ):
        first, second = start_journey(secondary_school), start_journey(secondary_school)
        first.answer_all(**SECONDARY_ANSWERS)
        second.answer_all(**SECONDARY_ANSWERS)
        first.post("check-your-answers", {})
        assert second.get("check-your-answers").url == second.url("personal-details")
        response = second.post("check-your-answers", {})
        assert response.url == second.url("personal-details")
        page = second.get("personal-details")
        assert error_summary(page) == [
            "Oakwood Academy already has a mentor with this teacher reference number (TRN)",
            "Oakwood Academy already has a mentor with this email address",
        ]
        assert soup(page).select_one("#id_trn")["value"] == "0123456"
        assert Mentor.objects.count() == 1

    def test_the_same_person_may_mentor_at_two_schools(self, start_journey, secondary_school, all_through_school):
        for school in (secondary_school, all_through_school):
            journey = start_journey(school)
            journey.answer_all(**SECONDARY_ANSWERS)
            journey.post("check-your-answers", {})
        assert Mentor.objects.filter(trn="0123456").count() == 2


class TestBrowsingTheJourney:
    def test_two_journeys_in_two_tabs_keep_their_own_answers(self, start_journey, secondary_school):
        first, second = start_journey(secondary_school), start_journey(secondary_school)
        first.post("personal-details", {**VALID_PERSONAL_DETAILS, "trn": "1111111"})
        second.post(
            "personal-details",
            {**VALID_PERSONAL_DETAILS, "trn": "2222222", "first_name": "Ada", "email": "ada@example.com"},
        )
        for journey in (first, second):
            journey.choose("subject", "subject", "Physics")
            journey.choose("age-range", "age_range", "11 to 16")
            journey.choose("key-stage", "key_stage", "Key stage 4")
        assert summary_rows(first.get("check-your-answers"))["Teacher reference number (TRN)"] == "1111111"
        assert summary_rows(second.get("check-your-answers"))["First name"] == "Ada"
        first.post("check-your-answers", {})
        second.post("check-your-answers", {})
        assert sorted(Mentor.objects.values_list("trn", flat=True)) == ["1111111", "2222222"]

    def test_refreshing_or_going_back_keeps_the_answers(self, journey):
        for _ in range(2):
            page = soup(journey.get("personal-details"))
            assert page.select_one("#id_trn")["value"] == "0123456"
        checked = soup(journey.get("subject")).select_one("input[checked]")
        assert checked.find_next("label").get_text(strip=True) == "Physics"
        assert journey.get("check-your-answers").status_code == 200

    @pytest.mark.parametrize("step", ["subject", "age-range", "key-stage", "check-your-answers", "confirmation"])
    def test_a_later_step_opened_directly_goes_to_the_first_unanswered_one(self, start_journey, secondary_school, step):
        journey = start_journey(secondary_school)
        assert journey.get(step).url == journey.url("personal-details")
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        if step != "subject":
            assert journey.get(step).url == journey.url("subject")

    def test_an_unknown_journey_starts_again(self, coordinator_client, secondary_school):
        url = f"/schools/{secondary_school.urn}/mentors/add/3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/subject/"
        response = coordinator_client.get(url)
        assert response.url == reverse("mentors:add", kwargs={"urn": secondary_school.urn})

    def test_an_unknown_step_is_not_found(self, journey):
        assert journey.get("favourite-colour").status_code == 404

    def test_a_journey_belongs_to_its_school(self, journey, all_through_school):
        other_school_url = journey.url("subject").replace(f"/{journey.school.urn}/", f"/{all_through_school.urn}/")
        response = journey.client.get(other_school_url)
        assert response.url == reverse("mentors:add", kwargs={"urn": all_through_school.urn})


class TestPermissions:
    def test_every_step_of_another_schools_journey_is_not_found(self, client, journey, other_school):
        outsider = MembershipFactory(school=other_school).user
        client.force_login(outsider)
        urls = [reverse("mentors:add", kwargs={"urn": journey.school.urn})] + [
            journey.url(step)
            for step in ["personal-details", "subject", "age-range", "key-stage", "check-your-answers", "confirmation"]
        ]
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url, VALID_PERSONAL_DETAILS).status_code == 404, url
        assert Mentor.objects.count() == 0

    def test_lead_mentors_cannot_add_mentors(self, client, primary_school):
        lead_mentor = MembershipFactory(school=primary_school, role=Membership.Role.LEAD_MENTOR).user
        client.force_login(lead_mentor)
        response = client.get(reverse("mentors:add", kwargs={"urn": primary_school.urn}))
        assert response.status_code == 403
        assert heading(response) == "You cannot do this"
        home = client.get(reverse("mentors:list", kwargs={"urn": primary_school.urn}))
        assert "Add mentor" not in soup(home).main.get_text()

    def test_signed_out_users_are_sent_to_sign_in(self, client, secondary_school):
        response = client.get(reverse("mentors:add", kwargs={"urn": secondary_school.urn}))
        assert response.url.startswith(reverse("accounts:sign-in"))

    def test_coordinators_see_the_add_mentor_button(self, coordinator_client, primary_school):
        home = soup(coordinator_client.get(reverse("mentors:list", kwargs={"urn": primary_school.urn})))
        button = home.select_one("a.govuk-button")
        assert button.get_text(strip=True) == "Add mentor"
        assert button["href"] == reverse("mentors:add", kwargs={"urn": primary_school.urn})


def test_the_add_mentor_service_refuses_choices_the_school_cannot_make(primary_school, coordinator):
    from django.core.exceptions import ValidationError

    from mentors import services
    from reference_data.models import AgeRange, KeyStage, Subject

    with pytest.raises(ValidationError):
        services.add_mentor(
            school=primary_school,
            added_by=coordinator,
            journey_id=uuid.uuid4(),
            first_name="A",
            last_name="B",
            trn="1234567",
            email="a@example.com",
            subject=Subject.objects.get(name="Physics"),
            age_range=AgeRange.objects.get(name="5 to 11"),
            key_stage=KeyStage.objects.get(name="Key stage 1"),
        )
    assert Mentor.objects.count() == 0


def test_add_mentor_journey_helper_uses_labels(coordinator_client, primary_school):
    """The journey helper finds choices by their labels, as a person would."""
    journey = AddMentorJourney(coordinator_client, primary_school)
    assert journey.personal_details_url.endswith("/personal-details/")


def test_a_trn_taken_between_checking_and_saving_sends_the_user_back_to_personal_details(
    journey, secondary_school, monkeypatch
):
    """The database constraint is the last line: a TRN added after the answers were checked is still refused."""
    from mentors import selectors

    monkeypatch.setattr(selectors, "school_has_mentor_with", lambda *args, **kwargs: False)
    other = Mentor.objects.create(
        school=secondary_school,
        first_name="Someone",
        last_name="Else",
        trn="0123456",
        email="someone@example.com",
        subject=Mentor._meta.get_field("subject").related_model.objects.get(name="Physics"),
        age_range=Mentor._meta.get_field("age_range").related_model.objects.get(name="11 to 16"),
        key_stage=Mentor._meta.get_field("key_stage").related_model.objects.get(name="Key stage 4"),
    )
    response = journey.post("check-your-answers", {})
    assert response.url == journey.url("personal-details") + "?change"
    assert list(Mentor.objects.all()) == [other]
    assert mail.outbox == []


class TestQuestionsGiasHasAnswered:
    """Where the school's statutory ages allow only one of its age ranges, the age range is not asked."""

    @pytest.fixture
    def school_11_to_16(self, coordinator_client, coordinator):
        from tests.support.factories import SchoolFactory

        school = SchoolFactory(name="Castle Academy", secondary=True, statutory_low_age=11, statutory_high_age=16)
        MembershipFactory(user=coordinator, school=school)
        return school

    def test_the_age_range_is_set_and_the_key_stage_follows_the_subject(self, start_journey, school_11_to_16):
        journey = start_journey(school_11_to_16)
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        response = journey.choose("subject", "subject", "Physics")
        assert response.url == journey.url("key-stage")
        key_stage = journey.get("key-stage")
        assert soup(key_stage).select_one(".govuk-back-link")["href"] == journey.url("subject")
        assert journey.choose("key-stage", "key_stage", "Key stage 4").url == journey.url("check-your-answers")

        check = journey.get("check-your-answers")
        assert summary_rows(check)["Age range"] == "11 to 16"
        assert "Change age range" in change_links(check)

        response = journey.choose("age-range", "age_range", MIDDLE_YEARS, query="?change")
        assert response.url == journey.url("check-your-answers")
        assert summary_rows(journey.get("check-your-answers"))["Age range"] == MIDDLE_YEARS
        journey.post("check-your-answers", {})
        assert Mentor.objects.get().age_range.name == MIDDLE_YEARS

    @pytest.mark.parametrize(
        "phase, low, high, known",
        [("primary", 3, 7, "3 to 7"), ("secondary", 14, 19, "14 to 19"), ("secondary", 11, 16, "11 to 16")],
    )
    def test_known_age_ranges(self, phase, low, high, known):
        from mentors.selectors import age_range_known_from_gias
        from tests.support.factories import SchoolFactory

        school = SchoolFactory(**{phase: True}, statutory_low_age=low, statutory_high_age=high)
        assert age_range_known_from_gias(school).name == known

    @pytest.mark.parametrize(
        "phase, low, high",
        [
            ("primary", 4, 11),
            ("secondary", 11, 18),
            ("all_through", 4, 18),
            ("primary", None, None),
            ("primary", 9, 10),
        ],
    )
    def test_the_age_range_is_asked_when_more_than_one_or_none_fits(self, start_journey, coordinator, phase, low, high):
        from tests.support.factories import SchoolFactory

        school = SchoolFactory(**{phase: True}, statutory_low_age=low, statutory_high_age=high)
        MembershipFactory(user=coordinator, school=school)
        journey = start_journey(school)
        journey.post("personal-details", VALID_PERSONAL_DETAILS)
        subject = "Primary" if phase == "primary" else "Physics"
        assert journey.choose("subject", "subject", subject).url == journey.url("age-range")
