"""Removing a mentor: the confirmation page, the reasons, what the school and the mentor see afterwards, and the
record kept for admins. Nothing is deleted, so the same TRN can be added again."""

import contextlib
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentors import selectors, services
from mentors.models import Mentor, RemovalReason
from tests.support.factories import MembershipFactory, MentorFactory
from tests.support.html import error_summary, heading, radio_labels, radio_value, soup
from tests.support.journeys import AddMentorJourney
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db

REASONS = ["They have left the school", "They no longer want to mentor", "Other"]


def list_url(school):
    return reverse("mentors:list", kwargs={"urn": school.urn})


def remove(client, mentor, data=None, **kwargs):
    return client.post(mentor_url("remove", mentor), data or {}, **kwargs)


def banner(response):
    return soup(response).select_one(".govuk-notification-banner--success").get_text(" ", strip=True)


class TestThePage:
    def test_asks_for_confirmation_and_explains_what_happens(self, coordinator_client, mentor):
        response = coordinator_client.get(mentor_url("remove", mentor))
        assert response.status_code == 200
        page = soup(response)
        assert page.title.get_text(strip=True).startswith("Are you sure you want to remove Zoë O'Brien? – ")
        assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Brookfield Primary School"
        assert heading(page) == "Are you sure you want to remove Zoë O'Brien?"
        text = page.main.get_text(" ", strip=True)
        assert "Zoë will no longer be in the list of mentors at Brookfield Primary School." in text
        assert (
            "We will email them at zoe.obrien@example.com to say they have been removed, "
            "and that they can ask you to add them again if this is a mistake." in text
        )

    def test_the_reason_is_optional_with_three_choices_and_details_for_other(self, coordinator_client, mentor):
        response = coordinator_client.get(mentor_url("remove", mentor))
        page = soup(response)
        assert page.select_one("legend").get_text(strip=True) == "Why are you removing them? (optional)"
        assert radio_labels(response) == REASONS
        assert page.select_one("input[checked]") is None
        other = page.select_one("input[value=other]")
        details = page.select_one(f"#{other['data-aria-controls']} textarea")
        assert details["name"] == "reason_details"
        assert page.select_one(f"label[for={details['id']}]").get_text(strip=True) == "Give details"

    def test_a_remove_mentor_button_and_a_cancel_link_back_to_the_details(self, coordinator_client, mentor):
        page = soup(coordinator_client.get(mentor_url("remove", mentor)))
        button = page.select_one("main form button")
        assert button.get_text(strip=True) == "Remove mentor"
        assert "govuk-button--warning" in button["class"]
        cancel = page.main.find("a", string="Cancel")
        assert cancel["href"] == mentor_url("detail", mentor)
        assert page.select_one(".govuk-back-link")["href"] == mentor_url("detail", mentor)

    def test_the_details_page_links_to_it(self, coordinator_client, mentor):
        page = soup(coordinator_client.get(mentor_url("detail", mentor)))
        button = page.main.find("a", class_="govuk-button", string=lambda text: "Remove mentor" in (text or ""))
        assert button["href"] == mentor_url("remove", mentor)


class TestRemoving:
    @pytest.mark.parametrize(
        "label, reason",
        [
            ("They have left the school", RemovalReason.LEFT_SCHOOL),
            ("They no longer want to mentor", RemovalReason.NO_LONGER_MENTORING),
        ],
    )
    def test_with_a_reason_the_details_of_other_are_not_kept(
        self, coordinator_client, coordinator, mentor, label, reason
    ):
        value = radio_value(coordinator_client.get(mentor_url("remove", mentor)), label)
        response = remove(coordinator_client, mentor, {"reason": value, "reason_details": "Typed, then changed mind"})
        assert response.url == list_url(mentor.school)
        mentor.refresh_from_db()
        assert (mentor.removal_reason, mentor.removal_reason_details) == (reason, "")
        assert mentor.removed_by == coordinator

    def test_other_keeps_its_details(self, coordinator_client, mentor):
        remove(coordinator_client, mentor, {"reason": "other", "reason_details": "  On long-term leave  "})
        mentor.refresh_from_db()
        assert (mentor.removal_reason, mentor.removal_reason_details) == (RemovalReason.OTHER, "On long-term leave")

    def test_without_a_reason(self, coordinator_client, mentor):
        remove(coordinator_client, mentor, {"reason_details": "Not kept without Other"})
        mentor.refresh_from_db()
        assert mentor.removed_at is not None
        assert (mentor.removal_reason, mentor.removal_reason_details) == ("", "")

    def test_the_mentor_leaves_the_list_and_a_banner_confirms_it(self, coordinator_client, mentor, primary_school):
        other = MentorFactory(school=primary_school, first_name="Ben", last_name="Adams")
        response = remove(coordinator_client, mentor, follow=True)
        assert response.redirect_chain == [(list_url(primary_school), 302)]
        assert banner(response) == "Success Zoë O'Brien has been removed"
        names = soup(response).select_one("table").get_text()
        assert "Zoë O'Brien" not in names
        assert other.full_name in names
        assert "Zoë O'Brien" not in soup(coordinator_client.get(list_url(primary_school))).main.get_text()

    def test_the_last_mentor_removed_leaves_an_empty_list(self, coordinator_client, mentor, primary_school):
        response = remove(coordinator_client, mentor, follow=True)
        assert banner(response) == "Success Zoë O'Brien has been removed"
        assert "There are no mentors at Brookfield Primary School yet." in soup(response).main.get_text()

    def test_the_mentors_pages_are_then_not_found(self, coordinator_client, mentor):
        remove(coordinator_client, mentor)
        for url in [
            mentor_url("detail", mentor),
            mentor_url("change", mentor, page="personal-details"),
            mentor_url("remove", mentor),
        ]:
            response = coordinator_client.get(url)
            assert response.status_code == 404, url
            assert heading(response) == "Page not found"

    def test_the_mentor_is_emailed_once_the_removal_commits(
        self, coordinator_client, mentor, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            remove(coordinator_client, mentor, {"reason": "left_school"})
        assert len(callbacks) == 1
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == ["zoe.obrien@example.com"]
        assert email.subject == "You have been removed as a mentor at Brookfield Primary School"
        assert email.body.startswith(
            "Dear Zoë,\n\nBrookfield Primary School has removed you as a mentor for trainee teachers."
        )
        assert "If this was a mistake, ask the ITT coordinator at Brookfield Primary School to add you again." in (
            email.body
        )

    def test_no_email_is_sent_before_the_removal_commits(self, coordinator_client, mentor):
        remove(coordinator_client, mentor)  # the test's transaction never commits
        mentor.refresh_from_db()
        assert mentor.removed_at is not None
        assert mail.outbox == []

    def test_removing_twice_is_not_found_and_sends_one_email(
        self, coordinator_client, coordinator, mentor, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = remove(coordinator_client, mentor, {"reason": "left_school"})
            second = remove(coordinator_client, mentor, {"reason": "other", "reason_details": "Second go"})
        assert first.status_code == 302
        assert second.status_code == 404
        assert len(mail.outbox) == 1
        mentor.refresh_from_db()
        assert (mentor.removal_reason, mentor.removal_reason_details) == (RemovalReason.LEFT_SCHOOL, "")

    @pytest.mark.parametrize("reason", ["retired", "LEFT_SCHOOL", "<script>"])
    def test_a_tampered_reason_is_refused_and_removes_nothing(
        self, coordinator_client, mentor, reason, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = remove(coordinator_client, mentor, {"reason": reason})
        assert response.status_code == 200
        assert error_summary(response) == ["Select why you are removing them"]
        assert heading(response) == "Are you sure you want to remove Zoë O'Brien?"
        mentor.refresh_from_db()
        assert mentor.removed_at is None
        assert mail.outbox == []

    def test_details_left_behind_under_other_do_not_block_another_reason(self, coordinator_client, mentor):
        response = remove(coordinator_client, mentor, {"reason": "left_school", "reason_details": "x" * 1001})
        assert response.status_code == 302
        mentor.refresh_from_db()
        assert (mentor.removal_reason, mentor.removal_reason_details) == (RemovalReason.LEFT_SCHOOL, "")

    def test_two_removals_at_once_remove_once_and_send_one_email(
        self, coordinator, mentor, primary_school, django_capture_on_commit_callbacks
    ):
        second_coordinator = MembershipFactory(school=primary_school).user
        # Both requests have found the mentor at the school (as the view does) before either removal is saved.
        first = selectors.mentor_at(primary_school, mentor.pk)
        second = selectors.mentor_at(primary_school, mentor.pk)
        with django_capture_on_commit_callbacks(execute=True):
            services.remove_mentor(mentor=first, removed_by=coordinator, reason="left_school")
            with contextlib.suppress(Exception):  # refusing the second removal in any way would do
                services.remove_mentor(
                    mentor=second, removed_by=second_coordinator, reason="other", reason_details="Dup"
                )
        assert len(mail.outbox) == 1
        mentor.refresh_from_db()
        assert (mentor.removed_by, mentor.removal_reason) == (coordinator, RemovalReason.LEFT_SCHOOL)


class TestTheRecordIsKept:
    def test_who_when_and_why(self, coordinator_client, coordinator, mentor):
        before = timezone.now()
        remove(coordinator_client, mentor, {"reason": "other", "reason_details": "On long-term leave"})
        kept = Mentor.objects.get(pk=mentor.pk)
        assert before <= kept.removed_at <= timezone.now()
        assert kept.removed_by == coordinator
        assert (kept.removal_reason, kept.removal_reason_details) == ("other", "On long-term leave")
        assert (kept.first_name, kept.last_name, kept.trn, kept.email) == (
            "Zoë",
            "O'Brien",
            "0123456",
            "zoe.obrien@example.com",
        )

    def test_visible_on_the_admin_change_page(self, admin_client, coordinator_client, coordinator, mentor):
        remove(coordinator_client, mentor, {"reason": "other", "reason_details": "On long-term leave"})
        mentor.refresh_from_db()
        response = admin_client.get(reverse("admin:mentors_mentor_change", args=[mentor.pk]))
        assert response.status_code == 200
        page = soup(response)
        local = timezone.localtime(mentor.removed_at)
        assert page.select_one("#id_removed_at_0")["value"] == f"{local:%d/%m/%Y}"
        assert page.select_one("#id_removed_by option[selected]")["value"] == str(coordinator.pk)
        assert page.select_one("#id_removal_reason option[selected]").get_text(strip=True) == "Other"
        assert page.select_one("#id_removal_reason_details").get_text(strip=True) == "On long-term leave"

    def test_the_admin_list_filters_removed_mentors(self, admin_client, coordinator_client, mentor, primary_school):
        MentorFactory(school=primary_school, last_name="Adams")
        remove(coordinator_client, mentor, {"reason": "left_school"})
        changelist = reverse("admin:mentors_mentor_changelist")

        def listed(**params):
            page = soup(admin_client.get(changelist, params))
            rows = page.select("#result_list tbody tr")
            return [row.select_one(".field-last_name").get_text(strip=True) for row in rows]

        page = soup(admin_client.get(changelist))
        assert [a.get_text(strip=True) for a in page.select("#changelist-filter a[href*='removed=']")] == [
            "At their school",
            "Removed",
        ]
        assert listed(removed="yes") == ["O'Brien"]
        assert listed(removed="no") == ["Adams"]
        assert sorted(listed()) == ["Adams", "O'Brien"]
        assert listed(removal_reason="left_school") == ["O'Brien"]


class TestAddingTheSameTrnAgain:
    def test_through_the_service(self, coordinator, mentor, primary_school):
        services.remove_mentor(mentor=mentor, removed_by=coordinator)
        again = services.add_mentor(
            school=primary_school,
            added_by=coordinator,
            journey_id=uuid.uuid4(),
            first_name=mentor.first_name,
            last_name=mentor.last_name,
            trn=mentor.trn,
            email=mentor.email,
            subject=mentor.subject,
            age_range=mentor.age_range,
            key_stage=mentor.key_stage,
        )
        assert again.pk != mentor.pk
        assert Mentor.objects.filter(school=primary_school, trn="0123456").count() == 2
        mentor.refresh_from_db()
        assert mentor.removed_at is not None  # the old record is untouched

    def test_through_the_add_journey(self, coordinator_client, mentor, primary_school):
        remove(coordinator_client, mentor)
        journey = AddMentorJourney(coordinator_client, primary_school)
        journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")  # the same TRN and email
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url("confirmation")
        again = Mentor.objects.get(school=primary_school, removed_at__isnull=True)
        assert (again.trn, again.email) == ("0123456", "zoe.obrien@example.com")
        assert again.pk != mentor.pk
        names = soup(coordinator_client.get(list_url(primary_school))).select_one("table").get_text()
        assert "Zoë O'Brien" in names
        assert coordinator_client.get(mentor_url("detail", again)).status_code == 200
        assert coordinator_client.get(mentor_url("detail", mentor)).status_code == 404

    def test_and_removing_it_again(self, coordinator_client, coordinator, mentor, primary_school):
        remove(coordinator_client, mentor)
        journey = AddMentorJourney(coordinator_client, primary_school)
        journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")
        journey.post("check-your-answers", {})
        again = Mentor.objects.get(school=primary_school, removed_at__isnull=True)
        assert remove(coordinator_client, again).url == list_url(primary_school)
        assert Mentor.objects.filter(school=primary_school, trn="0123456", removed_at__isnull=False).count() == 2


def test_removed_at_is_shown_in_the_admin_list(admin_client, coordinator, mentor):
    services.remove_mentor(mentor=mentor, removed_by=coordinator)
    page = soup(admin_client.get(reverse("admin:mentors_mentor_changelist"), {"removed": "yes"}))
    shown = page.select_one("#result_list tbody tr .field-removed_at").get_text(strip=True)
    assert str(timezone.localdate().year) in shown
