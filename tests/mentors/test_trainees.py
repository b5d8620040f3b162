"""A mentor's trainees, from their details page: adding, changing and ending an assignment, the rules the service
keeps, and who may do it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mentors import services
from mentors.models import MentorStatus, TraineeAssignment
from mentors.selectors import mentor_at
from tests.support.factories import MembershipFactory, PartnershipFactory, ProviderFactory, TraineeAssignmentFactory
from tests.support.html import error_summary, heading, inline_errors, radio_value, soup, title
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db


def days(number):
    return timezone.localdate() + datetime.timedelta(days=number)


def date_parts(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def provider(primary_school):
    provider = ProviderFactory(name="Northshire SCITT", code="N1S")
    PartnershipFactory(school=primary_school, provider=provider)
    return provider


@pytest.fixture
def assignment(mentor, provider):
    return TraineeAssignmentFactory(
        mentor=mentor, provider=provider, first_name="Leo", last_name="Fischer", starts_on=days(-7), ends_on=days(60)
    )


def trainee_url(name, assignment):
    return mentor_url(name, assignment.mentor, trainee_id=assignment.pk)


def answers(chosen, **changes):
    return {
        "first_name": "Aisha",
        "last_name": "Bello",
        "provider": str(chosen.pk),
        **date_parts("starts_on", days(-1)),
        **date_parts("ends_on", days(90)),
        **changes,
    }


class TestAdding:
    def test_a_coordinator_adds_a_trainee_who_shows_on_the_mentors_page_and_changes_their_status(
        self, coordinator_client, mentor, provider
    ):
        page = coordinator_client.get(mentor_url("trainee-add", mentor))
        assert heading(page) == "Add a trainee"
        assert radio_value(page, str(provider)) == str(provider.pk)

        response = coordinator_client.post(mentor_url("trainee-add", mentor), answers(provider))

        assert response.status_code == 302
        assert response.url == mentor_url("detail", mentor) + "#trainees"
        trainee = TraineeAssignment.objects.get()
        assert (trainee.full_name, trainee.provider, trainee.starts_on, trainee.ends_on) == (
            "Aisha Bello",
            provider,
            days(-1),
            days(90),
        )
        assert trainee.history.get().history_user.email == "coordinator@example.com"
        detail = soup(coordinator_client.get(mentor_url("detail", mentor)))
        current = detail.select_one("#trainees ~ table")
        assert "Aisha Bello" in current.get_text() and "Northshire SCITT" in current.get_text()
        assert detail.select_one("main .govuk-tag").get_text(strip=True) == "Mentoring a trainee"
        assert mentor_at(mentor.school, mentor.pk).status == MentorStatus.MENTORING

    def test_the_form_sent_twice_adds_the_trainee_once(self, coordinator_client, mentor, provider):
        first, second = (coordinator_client.post(mentor_url("trainee-add", mentor), answers(provider)) for _ in "12")
        assert (first.status_code, second.status_code) == (302, 302)
        assert second.url == mentor_url("detail", mentor) + "#trainees"
        assert TraineeAssignment.objects.get().full_name == "Aisha Bello"
        # Another trainee, or the same trainee with other dates, is another assignment.
        coordinator_client.post(mentor_url("trainee-add", mentor), answers(provider) | {"first_name": "Ben"})
        coordinator_client.post(mentor_url("trainee-add", mentor), answers(provider) | date_parts("ends_on", days(30)))
        assert TraineeAssignment.objects.count() == 3

    @pytest.mark.parametrize(
        "changes, message",
        [
            ({"first_name": ""}, "Enter a first name"),
            ({"last_name": " "}, "Enter a last name"),
            ({"first_name": "A" * 101}, "First name must be 100 characters or fewer"),
            ({"provider": ""}, "Select an accredited provider"),
            ({"provider": "999999"}, "Select an accredited provider"),
            ({"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""}, "Enter the start date"),
            ({"ends_on_1": ""}, "End date must include a month"),
            ({"ends_on_0": "31", "ends_on_1": "2"}, "End date must be a real date"),
            (date_parts("ends_on", days(-1)), "End date must be after the start date"),
            (date_parts("ends_on", days(-1)) | {"first_name": ""}, "Enter a first name"),
        ],
    )
    def test_each_wrong_answer_is_explained_and_nothing_is_added(
        self, coordinator_client, mentor, provider, changes, message
    ):
        response = coordinator_client.post(mentor_url("trainee-add", mentor), answers(provider, **changes))

        assert response.status_code == 200
        assert message in error_summary(response)
        assert message in inline_errors(response)
        assert title(response).startswith("Error: Add a trainee")
        assert not TraineeAssignment.objects.exists()

    def test_the_end_date_must_come_after_the_start_date_even_on_the_same_day(
        self, coordinator_client, mentor, provider
    ):
        same_day = answers(provider) | date_parts("ends_on", days(-1))
        response = coordinator_client.post(mentor_url("trainee-add", mentor), same_day)
        assert error_summary(response) == ["End date must be after the start date"]

    def test_only_the_schools_partner_providers_are_offered(self, coordinator_client, mentor, provider):
        stranger = ProviderFactory(name="Elsewhere SCITT")
        page = coordinator_client.get(mentor_url("trainee-add", mentor))
        assert [label.get_text(strip=True) for label in soup(page).select(".govuk-radios__label")] == [str(provider)]
        response = coordinator_client.post(mentor_url("trainee-add", mentor), answers(stranger))
        assert error_summary(response) == ["Select an accredited provider"]

    def test_without_partner_providers_the_school_is_told_so(self, coordinator_client, mentor):
        page = coordinator_client.get(mentor_url("trainee-add", mentor))
        assert heading(page) == "Brookfield Primary School has no partner providers"
        link = soup(page).find("a", string="your school’s providers")
        assert link["href"] == reverse("partnerships:list", kwargs={"urn": mentor.school.urn})
        assert not soup(page).select("form input[name=first_name]")
        assert coordinator_client.post(mentor_url("trainee-add", mentor), {}).status_code == 200
        assert not TraineeAssignment.objects.exists()


class TestChanging:
    def test_the_form_shows_the_assignment_and_saves_changes(self, coordinator_client, assignment, provider):
        page = soup(coordinator_client.get(trainee_url("trainee-change", assignment)))
        assert page.select_one("input[name=first_name]")["value"] == "Leo"
        assert page.select_one("input[name=ends_on_2]")["value"] == str(days(60).year)

        response = coordinator_client.post(
            trainee_url("trainee-change", assignment), answers(provider, first_name="Leon")
        )

        assert response.status_code == 302
        assignment.refresh_from_db()
        assert (assignment.first_name, assignment.ends_on) == ("Leon", days(90))
        assert assignment.history.count() == 2

    def test_another_mentors_assignment_is_not_found(self, coordinator_client, assignment, primary_school, provider):
        other = TraineeAssignmentFactory(mentor__school=primary_school, provider=provider)
        assert (
            coordinator_client.get(mentor_url("trainee-change", assignment.mentor, trainee_id=other.pk)).status_code
            == 404
        )


class TestEnding:
    def test_ending_today_sets_the_end_date_and_the_mentor_is_available(self, coordinator_client, assignment):
        page = coordinator_client.get(trainee_url("trainee-end", assignment))
        assert heading(page) == "End Leo Fischer’s mentoring"

        response = coordinator_client.post(trainee_url("trainee-end", assignment), {"ended": "today"})

        assert response.status_code == 302
        assignment.refresh_from_db()
        assert assignment.ends_on == timezone.localdate()
        assert mentor_at(assignment.mentor.school, assignment.mentor.pk).status == MentorStatus.MENTORING  # to today
        detail = coordinator_client.get(mentor_url("detail", assignment.mentor))
        assert "Leo Fischer’s mentoring has ended" in detail.content.decode()

    def test_ending_on_another_date(self, coordinator_client, assignment):
        response = coordinator_client.post(
            trainee_url("trainee-end", assignment), {"ended": "another_day", **date_parts("ends_on", days(-2))}
        )
        assert response.status_code == 302
        assignment.refresh_from_db()
        assert assignment.ends_on == days(-2)
        assert mentor_at(assignment.mentor.school, assignment.mentor.pk).status == MentorStatus.AVAILABLE
        detail = soup(coordinator_client.get(mentor_url("detail", assignment.mentor)))
        past = [caption.get_text(strip=True) for caption in detail.select("caption")]
        assert "Past trainees" in past

    @pytest.mark.parametrize(
        "data, message",
        [
            ({}, "Select when mentoring ended"),
            ({"ended": "yesterday"}, "Select when mentoring ended"),
            ({"ended": "another_day"}, "Enter the date mentoring ended"),
            ({"ended": "another_day", "ends_on_0": "3"}, "Date mentoring ended must include a month and year"),
            ({"ended": "another_day", **date_parts("ends_on", days(-7))}, "End date must be after the start date"),
            (
                {"ended": "another_day", **date_parts("ends_on", days(61))},
                f"Date mentoring ended must be the same as or before {days(60).day} {days(60):%B %Y}",
            ),
        ],
    )
    def test_each_wrong_answer_is_explained(self, coordinator_client, assignment, data, message):
        response = coordinator_client.post(trainee_url("trainee-end", assignment), data)
        assert response.status_code == 200
        assert error_summary(response) == [message]
        assert inline_errors(response) == [message]
        assert title(response).startswith("Error: ")
        assignment.refresh_from_db()
        assert assignment.ends_on == days(60)

    def test_a_trainee_who_starts_today_cannot_end_today(self, coordinator_client, mentor, provider):
        starting = TraineeAssignmentFactory(mentor=mentor, provider=provider, starts_on=days(0), ends_on=days(5))
        response = coordinator_client.post(trainee_url("trainee-end", starting), {"ended": "today"})
        assert error_summary(response) == ["End date must be after the start date"]

    def test_a_date_left_under_today_is_ignored(self, coordinator_client, assignment):
        response = coordinator_client.post(
            trainee_url("trainee-end", assignment), {"ended": "today", "ends_on_0": "99"}
        )
        assert response.status_code == 302


class TestWhoMay:
    @pytest.mark.parametrize("page", ["trainee-add", "trainee-change", "trainee-end"])
    def test_a_lead_mentor_manages_only_the_trainees_of_mentors_they_lead(
        self, client, assignment, lead_mentor_membership, page
    ):
        client.force_login(lead_mentor_membership.user)
        kwargs = {} if page == "trainee-add" else {"trainee_id": assignment.pk}
        url = mentor_url(page, assignment.mentor, **kwargs)
        assert client.get(url).status_code == 403
        assignment.mentor.lead_mentor = lead_mentor_membership
        assignment.mentor.save()
        assert client.get(url).status_code == 200

    def test_the_details_page_offers_the_links_only_to_those_who_may(self, client, assignment, lead_mentor_membership):
        client.force_login(lead_mentor_membership.user)
        page = soup(client.get(mentor_url("detail", assignment.mentor)))
        assert "Leo Fischer" in page.get_text()
        assert not page.find("a", string="Add trainee")
        assert not page.select("a[href$='/end/']")

    def test_other_schools_users_find_nothing(self, client, assignment, other_school):
        client.force_login(MembershipFactory(school=other_school).user)
        assert client.get(trainee_url("trainee-end", assignment)).status_code == 404


class TestRules:
    """The service keeps the rules whatever the form says; the database keeps the order of the dates."""

    @pytest.fixture
    def details(self, provider):
        return {"first_name": "Aisha", "last_name": "Bello", "provider": provider, "starts_on": days(0)}

    @pytest.mark.parametrize(
        "ends_on, allowed", [(days(-1), False), (days(0), False), (days(1), True), (days(400), True)]
    )
    def test_the_end_comes_after_the_start(self, mentor, coordinator, details, ends_on, allowed):
        if allowed:
            services.add_trainee(mentor=mentor, added_by=coordinator, ends_on=ends_on, **details)
        else:
            with pytest.raises(ValidationError, match="End date must be after the start date"):
                services.add_trainee(mentor=mentor, added_by=coordinator, ends_on=ends_on, **details)
        assert TraineeAssignment.objects.exists() == allowed

    def test_the_provider_must_be_the_schools_partner(self, mentor, coordinator, details):
        details["provider"] = ProviderFactory(name="Elsewhere SCITT")
        with pytest.raises(ValidationError, match="is not a partner provider of Brookfield Primary School"):
            services.add_trainee(mentor=mentor, added_by=coordinator, ends_on=days(5), **details)

    def test_a_removed_mentor_gets_no_trainee(self, mentor, coordinator, details):
        services.remove_mentor(mentor=mentor, removed_by=coordinator)
        with pytest.raises(ValidationError, match="has been removed"):
            services.add_trainee(mentor=mentor, added_by=coordinator, ends_on=days(5), **details)

    def test_ending_never_moves_the_end_later(self, assignment, coordinator):
        with pytest.raises(ValidationError, match="the same as or before"):
            services.end_trainee(assignment=assignment, ended_by=coordinator, ends_on=days(61))

    def test_the_database_refuses_an_end_before_the_start(self, assignment):
        with pytest.raises(IntegrityError), transaction.atomic():
            TraineeAssignment.objects.filter(pk=assignment.pk).update(ends_on=assignment.starts_on)
