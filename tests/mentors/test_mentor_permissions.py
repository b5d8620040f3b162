"""Who may do what with a school's mentors: every mentor URL, read and written, by every kind of user.

ITT coordinators do everything for their school's mentors. A lead mentor sees the school's mentors and changes
the details of the mentors they lead, and no others; they cannot add or remove mentors, nor choose lead mentors.
Users of another school find no mentor URL at all (404), and signed-out users are sent to sign in.
"""

import pytest
from django.urls import reverse

from mentors.models import Mentor
from mentors.views import manage
from reference_data.models import AgeRange, KeyStage, SendArea, Subject
from schools.models import Membership
from tests.support.factories import MembershipFactory, MentorFactory, UserFactory
from tests.support.html import checked_radio, error_summary, heading, radio_labels, radio_value, soup
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db

COORDINATOR = "coordinator"
LEAD_MENTOR = "lead mentor of the mentor"
OTHER_LEAD_MENTOR = "lead mentor of another mentor"
OUTSIDER = "coordinator of another school"
SIGNED_OUT = "signed out"
ACTORS = [COORDINATOR, LEAD_MENTOR, OTHER_LEAD_MENTOR, OUTSIDER, SIGNED_OUT]

# What a request gets: a page (200), a redirect after doing what was asked, a refusal, or the sign-in page.
OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405  # a page that only reads, posted to by someone who may read it
SIGN_IN = "redirected to sign in"
TO_DETAILS = "changed, redirected to the mentor's details"
TO_LIST = "removed, redirected to the list"
TO_ADD = "redirected to the first add-mentor question"
WRITES = {TO_DETAILS, TO_LIST}


def _readable(coordinator, lead_mentor, other_lead_mentor):
    """A page everyone at the school may see."""
    return (coordinator, lead_mentor, other_lead_mentor, NOT_FOUND, SIGN_IN)


def _change(lead_mentor):
    """A change page: coordinators and the mentor's own lead mentor change the mentor; nobody else."""
    return (TO_DETAILS, lead_mentor, FORBIDDEN, NOT_FOUND, SIGN_IN)


#                                   coordinator, lead mentor of the mentor, lead of another, other school, signed out
MATRIX = {
    ("list", "GET"): _readable(OK, OK, OK),
    # The list and details pages only read: they refuse a POST.
    ("list", "POST"): _readable(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ("detail", "GET"): _readable(OK, OK, OK),
    ("detail", "POST"): _readable(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    **{("change:" + page, "GET"): (OK, OK, FORBIDDEN, NOT_FOUND, SIGN_IN) for page in manage.CHANGE_PAGES},
    ("change:lead-mentor", "GET"): (OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, SIGN_IN),
    ("change:personal-details", "POST"): _change(TO_DETAILS),
    ("change:subject", "POST"): _change(TO_DETAILS),
    ("change:age-range", "POST"): _change(TO_DETAILS),
    ("change:key-stage", "POST"): _change(TO_DETAILS),
    ("change:date-qualified", "POST"): _change(TO_DETAILS),
    ("change:qualifications", "POST"): _change(TO_DETAILS),
    ("change:date-started-mentoring", "POST"): _change(TO_DETAILS),
    ("change:provider-training", "POST"): _change(TO_DETAILS),
    ("change:send-training", "POST"): _change(TO_DETAILS),
    ("change:subject-networks", "POST"): _change(TO_DETAILS),
    ("change:other-experiences", "POST"): _change(TO_DETAILS),
    # Choosing a lead mentor is for coordinators, even for a lead mentor choosing for a mentor they lead.
    ("change:lead-mentor", "POST"): _change(FORBIDDEN),
    ("remove", "GET"): (OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, SIGN_IN),
    ("remove", "POST"): (TO_LIST, FORBIDDEN, FORBIDDEN, NOT_FOUND, SIGN_IN),
    ("add", "GET"): (TO_ADD, FORBIDDEN, FORBIDDEN, NOT_FOUND, SIGN_IN),
    ("add", "POST"): (NOT_ALLOWED, FORBIDDEN, FORBIDDEN, NOT_FOUND, SIGN_IN),
}

CELLS = [
    (page, method, actor, expected)
    for (page, method), row in MATRIX.items()
    for actor, expected in zip(ACTORS, row, strict=False)
]


def _pk(model, name):
    return str(model.objects.get(name=name).pk)


def valid_body(page):
    """A POST body that really changes the mentor (the `led_mentor` fixture), so a refused write would show."""
    date = lambda name, day, month, year: {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}  # noqa: E731
    return {
        "list": {},
        "detail": {},
        "add": {},
        "remove": {"reason": "left_school"},
        "change:personal-details": {
            "first_name": "Zoe",
            "last_name": "O'Brien",
            "trn": "0123456",
            "email": "zoe.obrien@example.com",
        },
        "change:subject": {"subject": _pk(Subject, "Primary with science")},
        "change:age-range": {"age_range": _pk(AgeRange, "7 to 11")},
        "change:key-stage": {"key_stage": _pk(KeyStage, "Key stage 1")},
        "change:date-qualified": date("date_qualified", "1", "7", "2015"),
        "change:qualifications": {"qualifications": "QTS, PGCE"},
        "change:date-started-mentoring": date("date_started_mentoring", "2", "9", "2019"),
        "change:provider-training": {"provider_training": "Leeds SCITT mentor training"},
        "change:send-training": {"send_training": "yes", "send_training_details": "Autism awareness"},
        "change:subject-networks": {"subject_networks": "Primary Science Teaching Trust"},
        "change:other-experiences": {"other_experiences": "Head of year"},
        "change:lead-mentor": {"lead_mentor": ""},
        "change:send-support": {"send_support": [_pk(SendArea, "Cognition and learning")]},
        "change:availability": {"unavailable": "yes", "unavailable_reason": "On leave"},
        "change:shown-to-providers": {"shown_to_providers": "no"},
    }[page]


def url_of(page, mentor):
    if page == "list":
        return reverse("mentors:list", kwargs={"urn": mentor.school.urn})
    if page == "add":
        return reverse("mentors:add", kwargs={"urn": mentor.school.urn})
    if page.startswith("change:"):
        return mentor_url("change", mentor, page=page.removeprefix("change:"))
    return mentor_url(page, mentor)


def snapshot(mentor):
    """Everything stored about the mentor, and how many entries their history has."""
    stored = Mentor.objects.get(pk=mentor.pk)
    return {field.attname: getattr(stored, field.attname) for field in Mentor._meta.concrete_fields} | {
        "history": stored.history.count()
    }


@pytest.fixture
def other_lead_mentor(primary_school):
    """A lead mentor at the primary school, leading another mentor there."""
    user = UserFactory(email="priya.shah@example.com", first_name="Priya", last_name="Shah")
    membership = MembershipFactory(user=user, school=primary_school, role=Membership.Role.LEAD_MENTOR)
    MentorFactory(school=primary_school, first_name="Ben", last_name="Adams", lead_mentor=membership)
    return membership


@pytest.fixture
def outsider(other_school):
    """The ITT coordinator of another school."""
    user = UserFactory(email="outsider@example.com", first_name="Olu", last_name="Outsider")
    MembershipFactory(user=user, school=other_school)
    return user


@pytest.fixture
def sign_in_as(client, coordinator, lead_mentor_membership, other_lead_mentor, outsider):
    users = {
        COORDINATOR: coordinator,
        LEAD_MENTOR: lead_mentor_membership.user,
        OTHER_LEAD_MENTOR: other_lead_mentor.user,
        OUTSIDER: outsider,
        SIGNED_OUT: None,
    }

    def sign_in(actor):
        if users[actor]:
            client.force_login(users[actor])
        return client

    return sign_in


def test_the_matrix_covers_every_change_page():
    assert {page.removeprefix("change:") for page, _ in MATRIX if page.startswith("change:")} == set(
        manage.CHANGE_PAGES
    )
    assert all(len(row) == len(ACTORS) for row in MATRIX.values())


@pytest.mark.parametrize(
    "page, method, actor, expected", CELLS, ids=[f"{page} {method} by {actor}" for page, method, actor, _ in CELLS]
)
def test_role_matrix(sign_in_as, led_mentor, page, method, actor, expected):
    client = sign_in_as(actor)
    url = url_of(page, led_mentor)
    before = snapshot(led_mentor)

    response = client.get(url) if method == "GET" else client.post(url, valid_body(page))

    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:sign-in')}?next={url}"
    elif expected == TO_DETAILS:
        assert response.status_code == 302
        assert response.url == mentor_url("detail", led_mentor)
    elif expected == TO_LIST:
        assert response.status_code == 302
        assert response.url == url_of("list", led_mentor)
    elif expected == TO_ADD:
        assert response.status_code == 302
        assert response.url.startswith(url_of("add", led_mentor))
        assert response.url.endswith("/personal-details/")
    else:
        assert response.status_code == expected
    if expected == FORBIDDEN:
        assert heading(response) == "You cannot do this"
    if expected == NOT_FOUND:
        assert heading(response) == "Page not found"

    after = snapshot(led_mentor)
    if method == "POST" and expected in WRITES:
        assert after != before
        assert after["history"] == before["history"] + 1
    else:
        assert after == before, "nothing is written for a read or a refused request"
    if expected == TO_LIST:
        assert after["removed_at"] is not None
    else:
        assert after["removed_at"] is None


@pytest.mark.parametrize("page", ["detail", "remove"] + [f"change:{page}" for page in manage.CHANGE_PAGES])
def test_another_schools_user_is_not_found_through_their_own_schools_address_either(
    client, outsider, other_school, led_mentor, page
):
    """Putting their own school's URN in the address does not open another school's mentor. (The details page only
    reads, so it refuses a POST at their own school before looking for the mentor, whoever it is.)"""
    client.force_login(outsider)
    url = url_of(page, led_mentor).replace(f"/schools/{led_mentor.school.urn}/", f"/schools/{other_school.urn}/")
    before = snapshot(led_mentor)
    assert client.get(url).status_code == 404
    assert client.post(url, valid_body(page)).status_code == (NOT_ALLOWED if page == "detail" else NOT_FOUND)
    assert snapshot(led_mentor) == before


def test_a_lead_mentor_of_another_school_is_not_found(client, led_mentor, other_school):
    """The lead mentor role gives nothing at a school the user does not belong to."""
    stranger = MembershipFactory(school=other_school, role=Membership.Role.LEAD_MENTOR)
    client.force_login(stranger.user)
    before = snapshot(led_mentor)
    for page in ["list", "detail", "change:personal-details", "remove", "add"]:
        assert client.get(url_of(page, led_mentor)).status_code == 404, page
        assert client.post(url_of(page, led_mentor), valid_body(page)).status_code == 404, page
    assert snapshot(led_mentor) == before


def change_links(response):
    """The links that change a detail: Change, or in place of an empty detail's value, Enter."""
    links = soup(response).select(".govuk-summary-list__actions a, .govuk-summary-list__value a")
    return [a.get_text(" ", strip=True) for a in links]


def remove_button(response):
    return soup(response).find("a", class_="govuk-button", string=lambda text: text and "Remove mentor" in text)


BASIC_AND_ADDITIONAL = [
    "Change first name (Basic details)",
    "Change last name (Basic details)",
    "Change TRN (Basic details)",
    "Change email address (Basic details)",
    "Change subject (Basic details)",
    "Change age range (Basic details)",
    "Change key stage (Basic details)",
    # The mentor has no additional details yet: each empty one links to enter it.
    "Enter date qualified as a teacher",
    "Enter qualifications",
    "Enter date started mentoring",
    "Enter provider training",
    "Enter SEND training",
    "Enter SEND support they can offer",
    "Enter subject networks and associations",
    "Enter other experiences",
    "Change available to mentor (Mentoring)",
    "Change shown to providers (Mentoring)",
]


class TestDetailsPage:
    def test_the_coordinator_may_change_everything_and_remove(self, sign_in_as, led_mentor):
        response = sign_in_as(COORDINATOR).get(mentor_url("detail", led_mentor))
        assert change_links(response) == BASIC_AND_ADDITIONAL + ["Change lead mentor"]
        button = remove_button(response)
        assert button["href"] == mentor_url("remove", led_mentor)

    def test_the_mentors_lead_mentor_may_change_their_details_but_not_their_lead_mentor(self, sign_in_as, led_mentor):
        response = sign_in_as(LEAD_MENTOR).get(mentor_url("detail", led_mentor))
        assert change_links(response) == BASIC_AND_ADDITIONAL
        assert "Tomasz Nowak" in soup(response).main.get_text()  # the lead mentor row is shown, without a link
        assert remove_button(response) is None

    def test_another_lead_mentor_sees_the_details_without_any_change_link(self, sign_in_as, led_mentor):
        response = sign_in_as(OTHER_LEAD_MENTOR).get(mentor_url("detail", led_mentor))
        assert heading(response) == "Zoë O'Brien"
        assert change_links(response) == []
        assert remove_button(response) is None

    def test_lead_mentors_see_the_list_without_the_add_button(self, sign_in_as, led_mentor):
        page = soup(sign_in_as(OTHER_LEAD_MENTOR).get(url_of("list", led_mentor)))
        assert "Zoë O'Brien" in page.select_one("table").get_text()
        assert "Add mentor" not in page.main.get_text()


class TestChoosingALeadMentor:
    def test_the_choices_are_the_schools_lead_mentors_with_the_current_one_chosen(
        self, sign_in_as, led_mentor, other_school
    ):
        elsewhere = UserFactory(first_name="Elsie", last_name="Elsewhere")
        MembershipFactory(user=elsewhere, school=other_school, role=Membership.Role.LEAD_MENTOR)
        response = sign_in_as(COORDINATOR).get(mentor_url("change", led_mentor, page="lead-mentor"))
        assert heading(response) == "Who is their lead mentor?"
        labels = radio_labels(response)
        assert "Priya Shah" in labels and "Tomasz Nowak" in labels
        assert "Elsie Elsewhere" not in labels
        assert "Sam Taylor" not in labels  # the coordinator is not a lead mentor
        checked = soup(response).select_one("input[checked]")
        assert checked["value"] == str(led_mentor.lead_mentor_id)

    def test_no_lead_mentor_is_one_of_the_choices(self, sign_in_as, led_mentor):
        response = sign_in_as(COORDINATOR).get(mentor_url("change", led_mentor, page="lead-mentor"))
        # The other kind of answer comes last, after "or", as the Design System's radios put it.
        assert radio_labels(response) == ["Priya Shah", "Tomasz Nowak", "No lead mentor"]
        divider = soup(response).select_one(".govuk-radios__divider")
        assert divider.get_text(strip=True) == "or"
        assert divider.find_next(class_="govuk-radios__label").get_text(strip=True) == "No lead mentor"

    def test_no_lead_mentor_is_selected_when_that_is_the_answer(self, sign_in_as, mentor, lead_mentor_membership):
        response = sign_in_as(COORDINATOR).get(mentor_url("change", mentor, page="lead-mentor"))
        assert checked_radio(response) == "No lead mentor"

    def test_a_lead_mentor_of_another_school_is_refused(self, sign_in_as, led_mentor, other_school):
        elsewhere = MembershipFactory(school=other_school, role=Membership.Role.LEAD_MENTOR)
        before = snapshot(led_mentor)
        response = sign_in_as(COORDINATOR).post(
            mentor_url("change", led_mentor, page="lead-mentor"), {"lead_mentor": elsewhere.pk}
        )
        assert response.status_code == 200
        assert error_summary(response) == ["Select a lead mentor"]
        assert snapshot(led_mentor) == before

    def test_a_member_of_the_school_who_is_not_a_lead_mentor_is_refused(self, sign_in_as, led_mentor, coordinator):
        coordinators_membership = coordinator.memberships.get(school=led_mentor.school)
        before = snapshot(led_mentor)
        response = sign_in_as(COORDINATOR).post(
            mentor_url("change", led_mentor, page="lead-mentor"), {"lead_mentor": coordinators_membership.pk}
        )
        assert error_summary(response) == ["Select a lead mentor"]
        assert snapshot(led_mentor) == before

    def test_the_chosen_lead_mentor_may_then_change_the_mentor_and_the_previous_one_may_not(
        self, client, sign_in_as, led_mentor, other_lead_mentor, lead_mentor_membership
    ):
        coordinator = sign_in_as(COORDINATOR)
        form = coordinator.get(mentor_url("change", led_mentor, page="lead-mentor"))
        response = coordinator.post(
            mentor_url("change", led_mentor, page="lead-mentor"), {"lead_mentor": radio_value(form, "Priya Shah")}
        )
        assert response.url == mentor_url("detail", led_mentor)
        led_mentor.refresh_from_db()
        assert led_mentor.lead_mentor == other_lead_mentor
        details = soup(coordinator.get(mentor_url("detail", led_mentor)))
        assert "Priya Shah" in details.main.get_text()

        priya = sign_in_as(OTHER_LEAD_MENTOR)
        assert change_links(priya.get(mentor_url("detail", led_mentor))) == BASIC_AND_ADDITIONAL
        response = priya.post(mentor_url("change", led_mentor, page="qualifications"), {"qualifications": "QTS"})
        assert response.url == mentor_url("detail", led_mentor)
        led_mentor.refresh_from_db()
        assert led_mentor.qualifications == "QTS"

        tomasz = sign_in_as(LEAD_MENTOR)
        assert change_links(tomasz.get(mentor_url("detail", led_mentor))) == []
        response = tomasz.post(mentor_url("change", led_mentor, page="qualifications"), {"qualifications": "None"})
        assert response.status_code == 403
        led_mentor.refresh_from_db()
        assert led_mentor.qualifications == "QTS"

    def test_choosing_no_lead_mentor(self, sign_in_as, led_mentor):
        coordinator = sign_in_as(COORDINATOR)
        form = coordinator.get(mentor_url("change", led_mentor, page="lead-mentor"))
        coordinator.post(
            mentor_url("change", led_mentor, page="lead-mentor"), {"lead_mentor": radio_value(form, "No lead mentor")}
        )
        led_mentor.refresh_from_db()
        assert led_mentor.lead_mentor is None
        assert sign_in_as(LEAD_MENTOR).get(mentor_url("change", led_mentor, page="subject")).status_code == 403
