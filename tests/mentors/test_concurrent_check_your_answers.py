"""Check your answers submitted twice at the same moment, for real: two threads, two HTTP requests to the live
server (pytest-django's live_server, one thread per request), released together. The database's constraints are
the last line, so one mentor is added whatever the timing.
"""

import threading

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.models import JourneySubmission
from emails.models import Email
from mentors.models import Mentor
from reference_data.models import AgeRange, KeyStage, Subject
from tests.support.factories import MembershipFactory, MentorFactory, SchoolFactory
from tests.support.live import TIMEOUT, Tab, post_at_once

ROUNDS = 5


@pytest.fixture
def school(committed_db, secondary_school):
    return secondary_school


@pytest.fixture
def coordinator(school):
    return MembershipFactory(school=school, user__email="coordinator@example.com").user


@pytest.fixture
def answers(school):
    return {
        "first_name": "Zoë",
        "last_name": "O'Brien",
        "subject": Subject.objects.get(name="Physics").pk,
        "age_range": AgeRange.objects.get(name="11 to 18").pk,
        "key_stage": KeyStage.objects.get(name="Key stage 4").pk,
    }


def answer_all(tab, school, answers):
    """Start adding a mentor in the tab and answer each question the journey asks; returns check your answers'
    path."""
    path = tab.get(reverse("mentors:add", kwargs={"urn": school.urn})).headers["Location"]
    while not path.endswith("/check-your-answers/"):
        tab.get(path)  # the question's page, which also sets the CSRF cookie
        response = tab.post(path, answers)  # each question's form takes its own answers from them
        assert response.status_code == 302, (path, response.status_code)
        path = response.headers["Location"]
    return path


@pytest.fixture
def race_at_save(monkeypatch):
    """Holds each request at the moment it saves a new row of a model (a mentor, or the journey's submission) until
    the other gets there too, so that both have passed every check before either writes: the race happens in every
    round, not only when the timing is lucky.

    Records what each save did: "saved", or "refused" when the database raised IntegrityError.
    """
    meeting = {"barrier": None, "model": None, "outcomes": []}

    def meeting_save(model):
        save = model.save

        def save_when_both_are_here(row, *args, **kwargs):
            racing = row._state.adding and meeting["model"] is model
            if racing and meeting["barrier"] is not None:
                try:
                    meeting["barrier"].wait()
                except threading.BrokenBarrierError:
                    pass  # the other request never came this far: nothing to race with
            try:
                save(row, *args, **kwargs)
            except IntegrityError:
                if racing:
                    meeting["outcomes"].append("refused")
                raise
            if racing:
                meeting["outcomes"].append("saved")

        return save_when_both_are_here

    for model in (Mentor, JourneySubmission):
        monkeypatch.setattr(model, "save", meeting_save(model))

    def new_round(model):
        meeting.update(barrier=threading.Barrier(2, timeout=TIMEOUT), model=model, outcomes=[])
        return meeting["outcomes"]

    return new_round


def confirmation_of(school, mentor):
    """The confirmation page of the journey that added the mentor."""
    journey_id = JourneySubmission.objects.get(result_model="mentors.Mentor", result_id=mentor.pk).journey_id
    return reverse("mentors:add-confirmation", kwargs={"urn": school.urn, "journey_id": journey_id})


def test_the_same_check_your_answers_submitted_twice_at_once_adds_one_mentor(
    live_server, school, coordinator, answers, race_at_save
):
    for round_number in range(ROUNDS):
        trn, email = f"70000{round_number:02d}", f"mentor{round_number}@example.com"
        first = Tab.signed_in(live_server.url, coordinator)
        check_your_answers = answer_all(first, school, {**answers, "trn": trn, "email": email})
        second = first.another()  # the same session: a double click, or two tabs

        # The journey's submission is recorded first: the second waits for the first, then finds its mentor.
        outcomes = race_at_save(JourneySubmission)
        responses = post_at_once((first, check_your_answers), (second, check_your_answers))

        assert sorted(outcomes) == ["refused", "saved"], f"round {round_number}: {outcomes}"
        mentor = Mentor.objects.get(trn=trn)
        confirmation = confirmation_of(school, mentor)
        for response in responses:
            assert response.status_code == 302, f"round {round_number}: {response.status_code}"
            assert response.headers["Location"] == confirmation
            page = first.get(confirmation)
            assert page.status_code == 200
            assert "Mentor added" in page.text
        assert Email.objects.filter(recipient=email, kind=Email.Kind.MENTOR_ADDED).count() == 1
    assert Mentor.objects.count() == ROUNDS


@pytest.mark.parametrize(
    "same, message",
    [
        ("trn", "Oakwood Academy already has a mentor with this teacher reference number (TRN)"),
        ("email", "Oakwood Academy already has a mentor with this email address"),
    ],
)
def test_the_same_teacher_added_in_two_journeys_at_once_adds_one_mentor(
    live_server, school, coordinator, answers, race_at_save, same, message
):
    """Two coordinators (or two tabs) add the same teacher at the same moment, by TRN or by email address (in any
    case): the second is sent back to personal details, which says the school already has them."""
    for round_number in range(ROUNDS):
        trns = [f"71000{round_number:02d}", f"72000{round_number:02d}"]
        emails = [f"teacher{round_number}@example.com", f"other{round_number}@example.com"]
        if same == "trn":
            trns[1] = trns[0]
        else:
            emails[1] = emails[0].upper()
        first = Tab.signed_in(live_server.url, coordinator)
        second = Tab.signed_in(live_server.url, coordinator)
        paths = [
            answer_all(tab, school, {**answers, "trn": trn, "email": email})
            for tab, trn, email in zip((first, second), trns, emails, strict=True)
        ]

        outcomes = race_at_save(Mentor)
        responses = post_at_once((first, paths[0]), (second, paths[1]))

        assert sorted(outcomes) == ["refused", "saved"], f"round {round_number}: {outcomes}"
        (mentor,) = Mentor.objects.filter(trn__in=trns)
        added = confirmation_of(school, mentor)
        locations = sorted(response.headers["Location"] for response in responses)
        refused = next(location for location in locations if location != added)
        assert added in locations and refused.endswith("/personal-details/?change")
        tab = first if responses[0].headers["Location"] == refused else second
        page = tab.get(refused)
        assert page.status_code == 200
        assert "There is a problem" in page.text
        assert message in page.text
        assert Email.objects.filter(recipient__in=[email.lower() for email in emails]).count() == 1
    assert Mentor.objects.count() == ROUNDS


class TestTheDatabaseIsTheLastLine:
    """Whatever gets past the checks in the service, the database's constraints refuse a second mentor."""

    @pytest.fixture
    def mentor(self, db):
        return MentorFactory(school=SchoolFactory(), email="zoe.obrien@example.com")

    def duplicate(self, mentor, **details):
        fields = ["school", "first_name", "last_name", "trn", "email", "subject", "age_range", "key_stage"]
        return Mentor(**{**{name: getattr(mentor, name) for name in fields}, **details})

    def test_a_journey_is_submitted_once(self, mentor):
        journey_id = "3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
        JourneySubmission.objects.create(journey_id=journey_id, result_model="mentors.Mentor", result_id=mentor.pk)
        with pytest.raises(IntegrityError), transaction.atomic():
            JourneySubmission.objects.create(journey_id=journey_id, result_model="mentors.Mentor", result_id=0)

    def test_the_same_trn_twice_at_a_school_is_refused(self, mentor):
        with pytest.raises(IntegrityError), transaction.atomic():
            Mentor.objects.bulk_create([self.duplicate(mentor, email="another@example.com")])

    @pytest.mark.parametrize("email", ["zoe.obrien@example.com", "Zoe.OBrien@Example.com"])
    def test_the_same_email_address_twice_at_a_school_in_any_case_is_refused(self, mentor, email):
        with pytest.raises(IntegrityError), transaction.atomic():
            Mentor.objects.bulk_create([self.duplicate(mentor, trn="7654321", email=email)])

    def test_a_removed_mentors_trn_and_email_address_may_be_used_again(self, mentor):
        Mentor.objects.filter(pk=mentor.pk).update(removed_at=timezone.now())
        Mentor.objects.bulk_create([self.duplicate(mentor)])
        assert Mentor.objects.current().count() == 1
