"""Claims submitted at the same moment, for real: two threads, two HTTP requests to the live server (pytest-django's
live_server, one thread per request), released together once both have passed every check of check your answers.
A mentor's allowance is counted under a lock, so whatever the timing one claim takes the hours and the other is
sent back to the hours page, saying what is left; the same journey submitted twice makes one claim.
"""

import threading

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim
from claims.services import accept_grant_conditions
from core.models import JourneySubmission
from emails.models import Email
from tests.support.factories import (
    ClaimWindowFactory,
    MembershipFactory,
    MentorFactory,
    ProviderFactory,
    SchoolFactory,
)
from tests.support.live import TIMEOUT, Tab, post_at_once

ROUNDS = 5


@pytest.fixture
def world(committed_db):
    ClaimWindowFactory()
    provider = ProviderFactory(name="Northshire SCITT", code="N1S")
    schools = [SchoolFactory(name="Brookfield Primary School"), SchoolFactory(name="Oakwood Academy")]
    coordinators = []
    for school in schools:
        coordinator = MembershipFactory(school=school).user
        accept_grant_conditions(school=school, accepted_by=coordinator)
        coordinators.append(coordinator)
    return provider, schools, coordinators


def answer_all(tab, school, provider, mentor, hours):
    """Start a claim in the tab and answer each question for the mentor's hours; returns check your answers' path."""
    answers = {
        "provider": {"provider": provider.name, "provider_code": provider.code},
        "mentors": {"mentors": str(mentor.pk)},
        f"hours-{mentor.pk}": {"hours": "another", "other_hours": str(hours)},
        "confirm": {"confirmed": "confirmed"},
    }
    path = tab.get(reverse("claims:add", kwargs={"urn": school.urn})).headers["Location"]
    while not path.endswith("/check-your-answers/"):
        tab.get(path)  # the question's page, which also sets the CSRF cookie
        response = tab.post(path, answers[path.rstrip("/").rsplit("/", 1)[-1]])
        assert response.status_code == 302, (path, response.status_code)
        path = response.headers["Location"]
    return path


@pytest.fixture
def race_into_submitting(monkeypatch):
    """Holds each request as its claim is about to be submitted (every answer checked) until the other gets there
    too, so the two count the mentor's hours at the same moment in every round, not only when the timing is lucky.
    Returns, for each round, what each request did: whether it reached the meeting point in time."""
    submit_once = services.submit_once
    meeting = {"barrier": None, "met": []}

    def when_both_are_here(**kwargs):
        try:
            meeting["barrier"].wait()
            meeting["met"].append(True)
        except threading.BrokenBarrierError:
            meeting["met"].append(False)
        return submit_once(**kwargs)

    monkeypatch.setattr(services, "submit_once", when_both_are_here)

    def new_round():
        meeting.update(barrier=threading.Barrier(2, timeout=TIMEOUT), met=[])
        return meeting["met"]

    return new_round


def test_two_schools_claiming_the_same_mentors_hours_at_once_never_go_over_the_allowance(
    live_server, world, race_into_submitting
):
    provider, schools, coordinators = world
    for round_number in range(ROUNDS):
        trn = f"80000{round_number:02d}"
        # The same teacher mentors at both schools; each claims 10 of their 16 hours with the provider.
        mentors = [MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn=trn) for school in schools]
        tabs = [Tab.signed_in(live_server.url, coordinator) for coordinator in coordinators]
        paths = [
            answer_all(tab, school, provider, mentor, 10)
            for tab, school, mentor in zip(tabs, schools, mentors, strict=True)
        ]

        met = race_into_submitting()
        responses = post_at_once(*zip(tabs, paths, strict=True))

        assert met == [True, True], f"round {round_number}: the requests did not race"
        claim = Claim.objects.get(mentors__trn=trn)
        assert claim.total_hours == 10
        winner = schools.index(claim.school)
        loser = 1 - winner
        confirmation = paths[winner].replace("/check-your-answers/", "/confirmation/")
        assert responses[winner].headers["Location"] == confirmation
        hours_page = paths[loser].replace("/check-your-answers/", f"/hours-{mentors[loser].pk}/?change")
        assert responses[loser].headers["Location"] == hours_page, f"round {round_number}"
        page = tabs[loser].get(hours_page)
        assert page.status_code == 200
        assert "There is a problem" in page.text
        assert "Number of hours must be between 1 and 6" in page.text
        assert "Zoë has 6 hours left to claim with Northshire SCITT" in page.text
    assert Claim.objects.count() == ROUNDS
    assert Email.objects.filter(kind=Email.Kind.CLAIM_SUBMITTED).count() == ROUNDS


def test_the_same_claim_submitted_twice_at_once_makes_one_claim(live_server, world, race_into_submitting):
    provider, schools, coordinators = world
    for round_number in range(ROUNDS):
        mentor = MentorFactory(school=schools[0], trn=f"81000{round_number:02d}")
        first = Tab.signed_in(live_server.url, coordinators[0])
        check_your_answers = answer_all(first, schools[0], provider, mentor, 16)
        second = first.another()  # the same session: a double click, or two tabs

        met = race_into_submitting()
        responses = post_at_once((first, check_your_answers), (second, check_your_answers))

        assert met == [True, True], f"round {round_number}: the requests did not race"
        claim = Claim.objects.get(mentors__trn=mentor.trn)
        confirmation = check_your_answers.replace("/check-your-answers/", "/confirmation/")
        assert [response.headers["Location"] for response in responses] == [confirmation, confirmation]
        page = first.get(confirmation)
        assert "Claim submitted" in page.text and claim.reference in page.text
        assert JourneySubmission.objects.get(result_model="claims.Claim", result_id=claim.pk)
    assert Claim.objects.count() == ROUNDS
    assert Email.objects.filter(kind=Email.Kind.CLAIM_SUBMITTED).count() == ROUNDS
