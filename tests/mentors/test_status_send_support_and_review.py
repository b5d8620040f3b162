"""What schools asked for (the design's "What we found"): each mentor's status, the SEND support they can offer,
whether providers see them, and a termly review of their details by lead mentors and coordinators."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from emails.models import Email
from mentors import selectors, services
from mentors.models import Mentor, MentorStatus, ReviewReminder
from reference_data.models import SendArea
from tests.support.factories import MentorFactory, TraineeAssignmentFactory
from tests.support.html import checked_radio, error_summary, soup, summary_rows
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 20)  # the spring term 2027, from 1 January to 4 April


def change(client, mentor, page, data):
    return client.post(mentor_url("change", mentor, page=page), data)


def detail_rows(client, mentor, card):
    return {key: value for key, value, _ in summary_rows(client.get(mentor_url("detail", mentor)), card=card)}


def area(name):
    return str(SendArea.objects.get(name=name).pk)


class TestStatus:
    @pytest.mark.parametrize(
        "assignment, unavailable, available_again_on, status",
        [
            (None, False, None, MentorStatus.AVAILABLE),
            (
                (TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)),
                False,
                None,
                MentorStatus.MENTORING,
            ),
            ((TODAY, TODAY + datetime.timedelta(days=1)), False, None, MentorStatus.MENTORING),  # from its first day
            ((TODAY - datetime.timedelta(days=9), TODAY), False, None, MentorStatus.MENTORING),  # to its last
            (
                (TODAY - datetime.timedelta(days=9), TODAY - datetime.timedelta(days=1)),
                False,
                None,
                MentorStatus.AVAILABLE,
            ),
            (
                (TODAY + datetime.timedelta(days=1), TODAY + datetime.timedelta(days=9)),
                False,
                None,
                MentorStatus.AVAILABLE,
            ),
            (None, True, None, MentorStatus.NOT_AVAILABLE),
            (None, True, TODAY + datetime.timedelta(days=1), MentorStatus.NOT_AVAILABLE),
            (None, True, TODAY, MentorStatus.AVAILABLE),  # available again from that day
            ((TODAY, TODAY + datetime.timedelta(days=1)), True, None, MentorStatus.NOT_AVAILABLE),
        ],
    )
    def test_worked_out_from_trainees_and_availability(self, assignment, unavailable, available_again_on, status):
        mentor = MentorFactory(unavailable=unavailable, available_again_on=available_again_on)
        if assignment:
            TraineeAssignmentFactory(mentor=mentor, starts_on=assignment[0], ends_on=assignment[1])
        assert selectors.with_status(Mentor.objects.filter(pk=mentor.pk), TODAY).get().status == status

    def test_shown_as_a_tag_on_the_details_page_and_in_the_list(self, coordinator_client, mentor):
        TraineeAssignmentFactory(mentor=mentor)
        page = soup(coordinator_client.get(mentor_url("detail", mentor)))
        assert page.select_one("main .govuk-tag").get_text(strip=True) == "Mentoring a trainee"
        listed = soup(coordinator_client.get(reverse("mentors:list", kwargs={"urn": mentor.school.urn})))
        assert listed.select_one("tbody .govuk-tag").get_text(strip=True) == "Mentoring a trainee"

    def test_the_list_can_be_filtered_by_status(self, coordinator_client, primary_school):
        mentoring = MentorFactory(school=primary_school, last_name="Mentoring")
        TraineeAssignmentFactory(mentor=mentoring)
        MentorFactory(school=primary_school, last_name="Away", unavailable=True)
        MentorFactory(school=primary_school, last_name="Free")
        url = reverse("mentors:list", kwargs={"urn": primary_school.urn})
        for status, names in [
            ("mentoring", ["Ada Mentoring"]),
            ("available", ["Ada Free"]),
            ("not_available", ["Ada Away"]),
            ("", ["Ada Away", "Ada Free", "Ada Mentoring"]),
        ]:
            page = soup(coordinator_client.get(url, {"status": status}))
            assert [link.get_text(strip=True) for link in page.select("tbody a")] == names
        assert error_summary(coordinator_client.get(url, {"status": "retired"})) == ["Select a status from the list"]


class TestAvailability:
    def test_not_available_with_a_reason_and_a_return_date(self, coordinator_client, mentor):
        back = (timezone.localdate() + datetime.timedelta(days=40)).isoformat().split("-")
        response = change(
            coordinator_client,
            mentor,
            "availability",
            {
                "unavailable": "yes",
                "unavailable_reason": "On maternity leave",
                "available_again_on_0": back[2],
                "available_again_on_1": back[1],
                "available_again_on_2": back[0],
            },
        )
        assert response.url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert (mentor.unavailable, mentor.unavailable_reason) == (True, "On maternity leave")
        row = detail_rows(coordinator_client, mentor, "Mentoring")["Available to mentor"]
        assert row.startswith("No, until ") and row.endswith(": On maternity leave")
        assert (
            soup(coordinator_client.get(mentor_url("detail", mentor)))
            .select_one("main .govuk-tag")
            .get_text(strip=True)
            == "Not available"
        )

    def test_available_again_forgets_the_reason_and_date(self, coordinator_client, mentor):
        mentor.unavailable, mentor.unavailable_reason = True, "Away"
        mentor.save()
        form = soup(coordinator_client.get(mentor_url("change", mentor, page="availability")))
        assert checked_radio(form) == "No, they are not available"
        change(coordinator_client, mentor, "availability", {"unavailable": "no", "unavailable_reason": "Still away"})
        mentor.refresh_from_db()
        assert (mentor.unavailable, mentor.unavailable_reason, mentor.available_again_on) == (False, "", None)
        assert detail_rows(coordinator_client, mentor, "Mentoring")["Available to mentor"] == "Yes"

    @pytest.mark.parametrize(
        "data, message",
        [
            ({}, "Select yes if they can mentor a trainee at the moment"),
            ({"unavailable": "maybe"}, "Select yes if they can mentor a trainee at the moment"),
            (
                {
                    "unavailable": "yes",
                    "available_again_on_0": "1",
                    "available_again_on_1": "1",
                    "available_again_on_2": "2020",
                },
                "Date they will be available again must be in the future",
            ),
            (
                {
                    "unavailable": "yes",
                    "available_again_on_0": "31",
                    "available_again_on_1": "2",
                    "available_again_on_2": "2030",
                },
                "Date they will be available again must be a real date",
            ),
            ({"unavailable": "yes", "unavailable_reason": "x" * 1001}, "Reason must be 1,000 characters or fewer"),
        ],
    )
    def test_errors(self, coordinator_client, mentor, data, message):
        response = change(coordinator_client, mentor, "availability", data)
        assert error_summary(response) == [message]


class TestSendSupport:
    def test_the_four_areas_of_need_then_none(self, coordinator_client, mentor):
        form = soup(coordinator_client.get(mentor_url("change", mentor, page="send-support")))
        labels = [label.get_text(strip=True) for label in form.select(".govuk-checkboxes__label")]
        assert labels == [
            "Communication and interaction",
            "Cognition and learning",
            "Social, emotional and mental health",
            "Sensory and/or physical needs",
            "None",
        ]
        assert form.select_one(".govuk-checkboxes__divider").get_text(strip=True) == "or"
        assert form.select_one("input[value=none]")["data-behaviour"] == "exclusive"

    def test_chosen_areas_are_kept_and_shown(self, coordinator_client, mentor):
        data = {"send_support": [area("Cognition and learning"), area("Communication and interaction")]}
        assert change(coordinator_client, mentor, "send-support", data).url == mentor_url("detail", mentor)
        assert set(mentor.send_support.values_list("name", flat=True)) == {
            "Cognition and learning",
            "Communication and interaction",
        }
        shown = detail_rows(coordinator_client, mentor, "Additional details")["SEND support they can offer"]
        assert shown == "Communication and interaction, Cognition and learning"
        # And in the mentor's history, with who changed it.
        assert mentor.history.first().send_support.count() == 2

    def test_none(self, coordinator_client, mentor):
        change(coordinator_client, mentor, "send-support", {"send_support": [area("Cognition and learning")]})
        change(coordinator_client, mentor, "send-support", {"send_support": ["none"]})
        mentor.refresh_from_db()
        assert (mentor.offers_no_send_support, mentor.send_support.count()) == (True, 0)
        assert detail_rows(coordinator_client, mentor, "Additional details")["SEND support they can offer"] == "None"
        form = soup(coordinator_client.get(mentor_url("change", mentor, page="send-support")))
        assert form.select_one("input[value=none]").has_attr("checked")

    @pytest.mark.parametrize(
        "data, message",
        [
            ({}, "Select the SEND support they can offer, or select none"),
            ({"send_support": ["999999"]}, "Select the SEND support they can offer, or select none"),
            ({"send_support": ["none", "AREA"]}, "Select the SEND support they can offer, or select none, not both"),
        ],
    )
    def test_errors(self, coordinator_client, mentor, data, message):
        if "AREA" in data.get("send_support", []):
            data = {"send_support": ["none", area("Cognition and learning")]}
        assert error_summary(change(coordinator_client, mentor, "send-support", data)) == [message]


def test_a_mentor_can_be_kept_from_providers(coordinator_client, mentor):
    assert detail_rows(coordinator_client, mentor, "Mentoring")["Shown to providers"] == "Yes"
    change(coordinator_client, mentor, "shown-to-providers", {"shown_to_providers": "no"})
    mentor.refresh_from_db()
    assert mentor.shown_to_providers is False
    assert detail_rows(coordinator_client, mentor, "Mentoring")["Shown to providers"] == "No"
    assert error_summary(change(coordinator_client, mentor, "shown-to-providers", {})) == [
        "Select yes if your partner providers can see them"
    ]


class TestTermlyReview:
    def review(self, client, mentor):
        return client.post(mentor_url("review", mentor))

    def test_confirming_from_the_details_page_records_who_and_when(self, coordinator_client, coordinator, mentor):
        page = soup(coordinator_client.get(mentor_url("detail", mentor)))
        assert "Last reviewed: never." in page.main.get_text(" ", strip=True)
        response = self.review(coordinator_client, mentor)
        assert response.url == mentor_url("detail", mentor)
        mentor.refresh_from_db()
        assert mentor.last_reviewed_by == coordinator and mentor.last_reviewed_at is not None
        text = soup(coordinator_client.get(response.url)).main.get_text(" ", strip=True)
        assert "Zoë O'Brien’s details are confirmed as up to date" in text
        assert f"Last reviewed: {timezone.localdate().day} " in text
        assert "have not been confirmed as up to date this term" not in text

    def test_a_lead_mentor_reviews_the_mentors_they_lead_only(self, lead_mentor_client, led_mentor, primary_school):
        assert self.review(lead_mentor_client, led_mentor).status_code == 302
        other = MentorFactory(school=primary_school)
        assert self.review(lead_mentor_client, other).status_code == 403
        other.refresh_from_db()
        assert other.last_reviewed_at is None

    def test_reviewing_is_a_post(self, coordinator_client, mentor):
        assert coordinator_client.get(mentor_url("review", mentor)).status_code == 405

    def test_last_terms_review_is_due_again(self, mentor):
        mentor.last_reviewed_at = timezone.make_aware(datetime.datetime(2026, 12, 31, 23, 0))
        mentor.save()
        assert selectors.is_due_for_review(mentor, TODAY)
        mentor.last_reviewed_at = timezone.make_aware(datetime.datetime(2027, 1, 1, 0, 0))
        mentor.save()
        assert not selectors.is_due_for_review(mentor, TODAY)
        assert not selectors.due_for_review(Mentor.objects.all(), TODAY).exists()

    def test_the_list_counts_those_to_review_and_confirms_several_at_once(self, coordinator_client, primary_school):
        first, second, third = (MentorFactory(school=primary_school, last_name=name) for name in "ABC")
        third.last_reviewed_at = timezone.now()
        third.save()
        url = reverse("mentors:list", kwargs={"urn": primary_school.urn})
        page = soup(coordinator_client.get(url))
        notice = page.select_one(".govuk-inset-text")
        assert notice.get_text(" ", strip=True).startswith("2 mentors have not been reviewed this term.")
        assert notice.a["href"] == f"{url}?review=due"

        page = soup(coordinator_client.get(url, {"review": "due"}))
        assert [link.get_text(strip=True) for link in page.select("tbody a")] == ["Ada A", "Ada B"]
        assert [box["value"] for box in page.select("input[name=mentors]")] == [str(first.pk), str(second.pk)]
        response = coordinator_client.post(
            reverse("mentors:review-several", kwargs={"urn": primary_school.urn}), {"mentors": [first.pk, second.pk]}
        )
        assert response.url == f"{url}?review=due"
        assert "2 mentors’ details confirmed as up to date" in soup(coordinator_client.get(response.url)).get_text()
        assert not selectors.due_for_review(Mentor.objects.all()).exists()

    def test_confirming_none_says_what_to_do(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.post(
            reverse("mentors:review-several", kwargs={"urn": primary_school.urn}), {"mentors": ["x", "²"]}, follow=True
        )
        assert "Select the mentors whose details are up to date" in response.content.decode()
        mentor.refresh_from_db()
        assert mentor.last_reviewed_at is None

    def test_a_lead_mentor_may_tick_only_those_they_lead(self, lead_mentor_client, led_mentor, primary_school):
        other = MentorFactory(school=primary_school)
        url = reverse("mentors:list", kwargs={"urn": primary_school.urn})
        page = soup(lead_mentor_client.get(url, {"review": "due"}))
        assert [box["value"] for box in page.select("input[name=mentors]")] == [str(led_mentor.pk)]
        refused = lead_mentor_client.post(
            reverse("mentors:review-several", kwargs={"urn": primary_school.urn}),
            {"mentors": [led_mentor.pk, other.pk]},
        )
        assert refused.status_code == 403
        led_mentor.refresh_from_db()
        assert led_mentor.last_reviewed_at is None  # nothing, not part


class TestReminders:
    def test_each_reviewer_is_emailed_once_a_term(
        self, primary_school, coordinator, lead_mentor_membership, django_capture_on_commit_callbacks, settings
    ):
        settings.SERVICE_URL = "https://manage-itt-mentors.example"
        led = MentorFactory(school=primary_school, lead_mentor=lead_mentor_membership)
        MentorFactory(school=primary_school)
        reviewed = MentorFactory(school=primary_school, lead_mentor=lead_mentor_membership)
        reviewed.last_reviewed_at = timezone.now()
        reviewed.save()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.remind_reviewers() == 2
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {coordinator.email, lead_mentor_membership.user.email}
        assert (
            "2 mentors at Brookfield Primary School have not had their details checked"
            in by_recipient[coordinator.email].body
        )
        assert (
            "1 mentor at Brookfield Primary School has not had" in by_recipient[lead_mentor_membership.user.email].body
        )
        assert (
            f"https://manage-itt-mentors.example/schools/{primary_school.urn}/mentors/?review=due"
            in by_recipient[coordinator.email].body
        )
        assert led.school == primary_school
        # Run again the next day: nobody is reminded twice in a term.
        assert services.remind_reviewers() == 0
        assert ReviewReminder.objects.count() == 2
        assert Email.objects.filter(kind=Email.Kind.REVIEW_REMINDER).count() == 2

    def test_nobody_with_nothing_to_review_is_emailed(self, primary_school, coordinator):
        reviewed = MentorFactory(school=primary_school)
        reviewed.last_reviewed_at = timezone.now()
        reviewed.save()
        assert services.remind_reviewers() == 0

    def test_a_new_term_reminds_again(self, primary_school, coordinator, mentor):
        assert services.remind_reviewers(today=datetime.date(2026, 12, 1)) == 1
        assert services.remind_reviewers(today=datetime.date(2026, 12, 2)) == 0
        assert services.remind_reviewers(today=datetime.date(2027, 1, 4)) == 1

    def test_the_command(self, primary_school, coordinator, mentor, capsys):
        call_command("send_review_reminders")
        assert capsys.readouterr().out == "Reminded 1 person to review their mentors.\n"
