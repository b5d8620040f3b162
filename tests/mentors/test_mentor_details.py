"""A mentor's details page: basic and additional details in summary cards, and when they last changed."""

import datetime

import pytest

from tests.support.html import heading, soup
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db


def card(page, title):
    for candidate in page.select(".govuk-summary-card"):
        if candidate.select_one(".govuk-summary-card__title").get_text(strip=True) == title:
            return {
                row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
                    ".govuk-summary-list__value"
                ).get_text(strip=True)
                for row in candidate.select(".govuk-summary-list__row")
            }
    raise AssertionError(f"No summary card titled {title!r}")


def test_basic_details(coordinator_client, mentor):
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    assert heading(page) == "Zoë O'Brien"
    assert card(page, "Basic details") == {
        "First name": "Zoë",
        "Last name": "O'Brien",
        "Teacher reference number (TRN)": "0123456",
        "Email address": "zoe.obrien@example.com",
        "Subject": "Primary",
        "Age range": "5 to 11",
        "Key stage": "Key stage 2",
    }


def test_additional_details_not_provided(coordinator_client, mentor):
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    assert card(page, "Additional details") == {
        "Date qualified as a teacher": "Enter date qualified as a teacher",
        "Qualifications": "Enter qualifications",
        "Date started mentoring": "Enter date started mentoring",
        "Provider training": "Enter provider training",
        "SEND training": "Enter SEND training",
        "SEND support they can offer": "Enter SEND support they can offer",
        "Subject networks and associations": "Enter subject networks and associations",
        "Other experiences": "Enter other experiences",
    }


def test_additional_details_provided(coordinator_client, mentor):
    mentor.date_qualified = datetime.date(2015, 7, 1)
    mentor.date_started_mentoring = datetime.date(2019, 9, 2)
    mentor.qualifications = "QTS, PGCE"
    mentor.provider_training = "Mentor training with Leeds SCITT"
    mentor.send_training = True
    mentor.send_training_details = "Autism awareness"
    mentor.subject_networks = "Association for Science Education"
    mentor.other_experiences = "Head of year"
    mentor.save()
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    assert card(page, "Additional details") == {
        "Date qualified as a teacher": "1 July 2015",
        "Qualifications": "QTS, PGCE",
        "Date started mentoring": "2 September 2019",
        "Provider training": "Mentor training with Leeds SCITT",
        "SEND training": "Yes: Autism awareness",
        "SEND support they can offer": "Enter SEND support they can offer",
        "Subject networks and associations": "Association for Science Education",
        "Other experiences": "Head of year",
    }


def test_send_training_no(coordinator_client, mentor):
    mentor.send_training = False
    mentor.save()
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    assert card(page, "Additional details")["SEND training"] == "No"


def test_an_empty_detail_links_to_enter_it_in_place_of_change(coordinator_client, mentor):
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    enter = page.find("a", string="Enter provider training")
    assert enter["href"] == mentor_url("change", mentor, page="provider-training")
    row = enter.find_parent(class_="govuk-summary-list__row")
    assert row.select_one(".govuk-summary-list__actions") is None


def test_every_detail_has_a_change_link_naming_it(coordinator_client, mentor):
    for name in ["qualifications", "provider_training", "subject_networks", "other_experiences"]:
        setattr(mentor, name, "Something")
    mentor.date_qualified, mentor.date_started_mentoring = datetime.date(2015, 7, 1), datetime.date(2019, 9, 2)
    mentor.send_training = False
    mentor.offers_no_send_support = True
    mentor.save()
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".govuk-summary-list__actions a")}
    change = mentor_url("change", mentor, page="personal-details")
    assert links == {
        "Change first name (Basic details)": f"{change}#id_first_name",
        "Change last name (Basic details)": f"{change}#id_last_name",
        "Change TRN (Basic details)": f"{change}#id_trn",
        "Change email address (Basic details)": f"{change}#id_email",
        "Change subject (Basic details)": mentor_url("change", mentor, page="subject"),
        "Change age range (Basic details)": mentor_url("change", mentor, page="age-range"),
        "Change key stage (Basic details)": mentor_url("change", mentor, page="key-stage"),
        "Change date qualified as a teacher (Additional details)": mentor_url("change", mentor, page="date-qualified"),
        "Change qualifications (Additional details)": mentor_url("change", mentor, page="qualifications"),
        "Change date started mentoring (Additional details)": mentor_url(
            "change", mentor, page="date-started-mentoring"
        ),
        "Change provider training (Additional details)": mentor_url("change", mentor, page="provider-training"),
        "Change SEND training (Additional details)": mentor_url("change", mentor, page="send-training"),
        "Change subject networks and associations (Additional details)": mentor_url(
            "change", mentor, page="subject-networks"
        ),
        "Change other experiences (Additional details)": mentor_url("change", mentor, page="other-experiences"),
        "Change SEND support they can offer (Additional details)": mentor_url("change", mentor, page="send-support"),
        "Change available to mentor (Mentoring)": mentor_url("change", mentor, page="availability"),
        "Change shown to providers (Mentoring)": mentor_url("change", mentor, page="shown-to-providers"),
        "Change lead mentor": mentor_url("change", mentor, page="lead-mentor"),
    }


def test_shows_the_lead_mentor(coordinator_client, led_mentor):
    page = soup(coordinator_client.get(mentor_url("detail", led_mentor)))
    assert "Tomasz Nowak" in page.select_one("main").get_text()


def test_shows_when_and_by_whom_the_details_last_changed(coordinator_client, coordinator, mentor):
    from mentors import services

    services.change_mentor(mentor=mentor, changed_by=coordinator, changes={"first_name": "Zoe"})
    page = soup(coordinator_client.get(mentor_url("detail", mentor)))
    today = datetime.date.today()
    assert f"Last updated on {today.day} {today:%B %Y} by Sam Taylor" in page.get_text()


def test_a_mentor_of_another_school_is_not_found(coordinator_client, other_school):
    from tests.support.factories import MentorFactory

    other = MentorFactory(school=other_school)
    assert coordinator_client.get(mentor_url("detail", other)).status_code == 404


def test_a_mentor_that_does_not_exist_is_not_found(coordinator_client, primary_school):
    url = f"/schools/{primary_school.urn}/mentors/999999/"
    assert coordinator_client.get(url).status_code == 404
