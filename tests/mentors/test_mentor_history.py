"""Every change to a mentor or a school membership is recorded by django-simple-history: who, when, which fields,
their old and new values. The details page says when and by whom the mentor last changed; admins see it all."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentors import services
from mentors.models import Mentor
from schools.models import Membership
from tests.support.html import radio_value, soup
from tests.support.journeys import AddMentorJourney
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db

# updated_at changes with every save, so it is left out of the diffs below to show what a person changed.
NOT_A_DETAIL = ["updated_at"]


def changes(record, previous):
    """{field: (old, new)} between two consecutive history records."""
    delta = record.diff_against(previous, excluded_fields=NOT_A_DETAIL)
    return {change.field: (change.old, change.new) for change in delta.changes}


def newest_two(obj):
    record, previous = obj.history.order_by("-history_date", "-history_id")[:2]
    assert record.prev_record == previous
    return record, previous


def last_updated(client, mentor):
    page = soup(client.get(mentor_url("detail", mentor)))
    hint = page.find("p", string=lambda text: text and text.startswith("Last updated on"))
    return hint.get_text(" ", strip=True) if hint else None


def today():
    day = timezone.localdate()
    return f"{day.day} {day:%B %Y}"


def test_adding_a_mentor_is_recorded_as_the_coordinators(coordinator_client, coordinator, primary_school):
    journey = AddMentorJourney(coordinator_client, primary_school)
    journey.answer_all(subject="Primary", age_range="5 to 11", key_stage="Key stage 2")
    before = timezone.now()
    journey.post("check-your-answers", {})
    mentor = Mentor.objects.get()
    (added,) = mentor.history.all()
    assert added.history_type == "+"
    assert added.history_user == coordinator
    assert before <= added.history_date <= timezone.now()
    assert (added.first_name, added.trn, added.subject_id) == ("Zoë", "0123456", mentor.subject_id)
    assert last_updated(coordinator_client, mentor) == f"Last updated on {today()} by Sam Taylor"


def test_a_change_through_a_change_page_records_who_when_and_what(
    lead_mentor_client, lead_mentor_membership, led_mentor
):
    before = timezone.now()
    response = lead_mentor_client.post(
        mentor_url("change", led_mentor, page="personal-details"),
        {"first_name": "Zoe", "last_name": "O'Brien", "trn": "0123456", "email": "zoe@example.com"},
    )
    assert response.url == mentor_url("detail", led_mentor)

    record, previous = newest_two(led_mentor)
    assert record.history_type == "~"
    assert record.history_user == lead_mentor_membership.user
    assert before <= record.history_date <= timezone.now()
    assert changes(record, previous) == {
        "first_name": ("Zoë", "Zoe"),
        "email": ("zoe.obrien@example.com", "zoe@example.com"),
    }


def test_a_changed_choice_records_the_old_and_new_choice(coordinator_client, coordinator, mentor):
    form = coordinator_client.get(mentor_url("change", mentor, page="subject"))
    coordinator_client.post(
        mentor_url("change", mentor, page="subject"), {"subject": radio_value(form, "Primary with science")}
    )
    record, previous = newest_two(mentor)
    assert record.history_user == coordinator
    delta = record.diff_against(previous, excluded_fields=NOT_A_DETAIL, foreign_keys_are_objs=True)
    assert [(change.field, str(change.old), str(change.new)) for change in delta.changes] == [
        ("subject", "Primary", "Primary with science")
    ]


def test_choosing_a_lead_mentor_is_recorded(coordinator_client, coordinator, mentor, lead_mentor_membership):
    form = coordinator_client.get(mentor_url("change", mentor, page="lead-mentor"))
    coordinator_client.post(
        mentor_url("change", mentor, page="lead-mentor"), {"lead_mentor": radio_value(form, "Tomasz Nowak")}
    )
    record, previous = newest_two(mentor)
    assert record.history_user == coordinator
    assert changes(record, previous) == {"lead_mentor": (None, lead_mentor_membership.pk)}


def test_each_change_is_its_own_record(coordinator_client, mentor):
    for value in ["QTS", "QTS, PGCE", ""]:
        coordinator_client.post(mentor_url("change", mentor, page="qualifications"), {"qualifications": value})
    records = list(mentor.history.order_by("history_date", "history_id"))
    assert [record.qualifications for record in records] == ["", "QTS", "QTS, PGCE", ""]
    assert [changes(new, old) for old, new in zip(records, records[1:], strict=False)] == [
        {"qualifications": ("", "QTS")},
        {"qualifications": ("QTS", "QTS, PGCE")},
        {"qualifications": ("QTS, PGCE", "")},
    ]


def test_an_invalid_or_refused_change_records_nothing(coordinator_client, client, mentor, lead_mentor_membership):
    count = mentor.history.count()
    coordinator_client.post(mentor_url("change", mentor, page="personal-details"), {"first_name": ""})
    client.force_login(lead_mentor_membership.user)  # a lead mentor, but not this mentor's
    assert client.post(mentor_url("change", mentor, page="qualifications"), {"qualifications": "x"}).status_code == 403
    assert mentor.history.count() == count


def test_removal_is_recorded(coordinator_client, coordinator, mentor):
    coordinator_client.post(mentor_url("remove", mentor), {"reason": "other", "reason_details": "On leave"})
    mentor.refresh_from_db()
    record, previous = newest_two(mentor)
    assert record.history_type == "~"
    assert record.history_user == coordinator
    assert changes(record, previous) == {
        "removed_at": (None, mentor.removed_at),
        "removed_by": (None, coordinator.pk),
        "removal_reason": ("", "other"),
        "removal_reason_details": ("", "On leave"),
    }


class TestMembershipHistory:
    def test_a_role_change_is_recorded(self, lead_mentor_membership, coordinator):
        lead_mentor_membership.role = Membership.Role.ITT_COORDINATOR
        lead_mentor_membership._history_user = coordinator
        lead_mentor_membership.save()
        record, previous = newest_two(lead_mentor_membership)
        assert previous.history_type == "+"
        assert record.history_type == "~"
        assert record.history_user == coordinator
        assert changes(record, previous) == {"role": ("lead_mentor", "itt_coordinator")}

    def test_a_change_in_admin_is_recorded_as_the_admins(self, admin_client, admin_user, lead_mentor_membership):
        url = reverse("admin:schools_membership_change", args=[lead_mentor_membership.pk])
        response = admin_client.post(
            url,
            {
                "user": lead_mentor_membership.user_id,
                "school": lead_mentor_membership.school_id,
                "role": Membership.Role.ITT_COORDINATOR,
            },
        )
        assert response.status_code == 302, soup(response).select(".errorlist")
        record, previous = newest_two(lead_mentor_membership)
        assert record.history_user == admin_user
        assert changes(record, previous) == {"role": ("lead_mentor", "itt_coordinator")}

    def test_leaving_a_school_is_recorded(self, lead_mentor_membership):
        pk = lead_mentor_membership.pk
        lead_mentor_membership.delete()
        record = Membership.history.filter(id=pk).order_by("-history_date", "-history_id").first()
        assert record.history_type == "-"
        assert record.role == Membership.Role.LEAD_MENTOR


class TestLastUpdated:
    def test_names_whoever_changed_the_mentor_last(self, client, coordinator, led_mentor, lead_mentor_membership):
        services.change_mentor(mentor=led_mentor, changed_by=coordinator, changes={"qualifications": "QTS"})
        client.force_login(lead_mentor_membership.user)
        assert last_updated(client, led_mentor) == f"Last updated on {today()} by Sam Taylor"

        client.post(mentor_url("change", led_mentor, page="qualifications"), {"qualifications": "QTS, PGCE"})
        assert last_updated(client, led_mentor) == f"Last updated on {today()} by Tomasz Nowak"

    def test_uses_the_local_date(self, coordinator_client, coordinator, mentor):
        """Changed at 23:30 on 30 June 2024 UTC, which was 00:30 on 1 July in London."""
        services.change_mentor(mentor=mentor, changed_by=coordinator, changes={"qualifications": "QTS"})
        added, changed = mentor.history.order_by("history_id")
        added.history_date = datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
        added.save()
        changed.history_date = datetime.datetime(2024, 6, 30, 23, 30, tzinfo=datetime.UTC)
        changed.save()
        assert last_updated(coordinator_client, mentor) == "Last updated on 1 July 2024 by Sam Taylor"


def admin_history_rows(response):
    """Each row of a simple-history admin history page: its text, and the list of changes it shows."""
    normal = lambda text: " ".join(text.replace("\xa0", " ").split())  # noqa: E731
    return [
        (normal(row.get_text(" ")), [normal(item.get_text(" ")) for item in row.select("li")])
        for row in soup(response).select("#change-history tbody tr")
    ]


class TestAdmin:
    def test_a_mentors_history_page_shows_each_change(self, admin_client, lead_mentor_client, led_mentor):
        lead_mentor_client.post(
            mentor_url("change", led_mentor, page="personal-details"),
            {"first_name": "Zoe", "last_name": "O'Brien", "trn": "0123456", "email": "zoe.obrien@example.com"},
        )
        response = admin_client.get(reverse("admin:mentors_mentor_history", args=[led_mentor.pk]))
        assert response.status_code == 200
        rows = admin_history_rows(response)
        (newest, newest_changes), (oldest, _) = rows[0], rows[-1]
        assert "Changed lead.mentor@example.com" in newest  # what and who
        assert "First name: Zoë → Zoe" in newest_changes
        assert "Created" in oldest

    def test_one_record_of_a_mentors_history_opens(self, admin_client, coordinator, mentor):
        services.change_mentor(mentor=mentor, changed_by=coordinator, changes={"first_name": "Zoe"})
        record = mentor.history.first()
        response = admin_client.get(reverse("admin:mentors_mentor_simple_history", args=[mentor.pk, record.pk]))
        assert response.status_code == 200
        assert soup(response).select_one("#id_first_name")["value"] == "Zoe"

    def test_a_removed_mentors_history_page(self, admin_client, coordinator_client, mentor):
        coordinator_client.post(mentor_url("remove", mentor), {"reason": "left_school"})
        response = admin_client.get(reverse("admin:mentors_mentor_history", args=[mentor.pk]))
        assert response.status_code == 200
        newest, newest_changes = admin_history_rows(response)[0]
        assert "Changed coordinator@example.com" in newest
        assert "Removal reason: → left_school" in newest_changes
        assert [change for change in newest_changes if change.startswith("Removed by:")][0].endswith(
            "→ coordinator@example.com"
        )

    def test_a_memberships_history_page_shows_the_role_change(self, admin_client, lead_mentor_membership, coordinator):
        lead_mentor_membership.role = Membership.Role.ITT_COORDINATOR
        lead_mentor_membership._history_user = coordinator
        lead_mentor_membership.save()
        response = admin_client.get(reverse("admin:schools_membership_history", args=[lead_mentor_membership.pk]))
        assert response.status_code == 200
        rows = admin_history_rows(response)
        assert len(rows) == 2
        newest, newest_changes = rows[0]
        assert "Changed coordinator@example.com" in newest
        assert newest_changes == ["Role: lead_mentor → itt_coordinator"]
        assert "Created" in rows[1][0]


def test_losing_a_lead_mentor_when_their_membership_is_deleted_is_recorded(led_mentor, lead_mentor_membership):
    count = led_mentor.history.count()
    lead_mentor_membership.delete()
    led_mentor.refresh_from_db()
    assert led_mentor.lead_mentor is None
    assert led_mentor.history.count() == count + 1
    assert led_mentor.history.first().lead_mentor_id is None
