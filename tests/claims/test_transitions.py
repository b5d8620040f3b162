"""A claim's statuses are a state machine (claims.models.TRANSITIONS): each transition moves a claim only from the
statuses it starts from, records who did what, and refuses every other, changing nothing."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from claims import services
from claims.models import TRANSITIONS, Claim, ClaimActivity, Transition
from claims.services import TransitionRefused, move
from tests.support.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Claim.Status
# The table as the issue tells it, written out again so that a change to the code's table shows here.
EXPECTED = {
    Transition.SUBMIT: ({S.DRAFT}, S.SUBMITTED),
    Transition.SEND_TO_PAYER: ({S.SUBMITTED}, S.PAYMENT_IN_PROGRESS),
    Transition.PAYER_ASKS: ({S.PAYMENT_IN_PROGRESS}, S.INFORMATION_REQUESTED),
    Transition.INFORMATION_SENT: ({S.INFORMATION_REQUESTED}, S.PAYMENT_IN_PROGRESS),
    Transition.PAYER_PAYS: ({S.PAYMENT_IN_PROGRESS, S.INFORMATION_REQUESTED}, S.PAID),
    Transition.PAYER_REFUSES: ({S.PAYMENT_IN_PROGRESS, S.INFORMATION_REQUESTED}, S.NOT_PAID),
    Transition.REQUEST_AUDIT: ({S.PAID}, S.AUDIT_REQUESTED),
    Transition.PROVIDER_CONFIRMS: ({S.AUDIT_REQUESTED}, S.PAID),
    Transition.PROVIDER_REJECTS: ({S.AUDIT_REQUESTED}, S.REJECTED_BY_PROVIDER),
    Transition.SCHOOL_ACCEPTS: ({S.REJECTED_BY_PROVIDER}, S.CLAWBACK_AWAITING_APPROVAL),
    Transition.SCHOOL_DISPUTES: ({S.REJECTED_BY_PROVIDER}, S.REJECTED_BY_SCHOOL),
    Transition.UPHOLD_SCHOOL: ({S.REJECTED_BY_SCHOOL}, S.PAID),
    Transition.PROPOSE_CLAWBACK: ({S.REJECTED_BY_SCHOOL}, S.CLAWBACK_AWAITING_APPROVAL),
    Transition.APPROVE_CLAWBACK: ({S.CLAWBACK_AWAITING_APPROVAL}, S.CLAWBACK_REQUESTED),
    Transition.SEND_CLAWBACK_TO_PAYER: ({S.CLAWBACK_REQUESTED}, S.CLAWBACK_IN_PROGRESS),
    Transition.PAYER_CLAWS_BACK: ({S.CLAWBACK_IN_PROGRESS}, S.CLAWBACK_COMPLETE),
}
PAIRS = [(status, transition) for status in S for transition in Transition]


def test_the_table_is_the_issues():
    assert TRANSITIONS == EXPECTED


def test_every_status_but_a_draft_is_reached_by_some_transition():
    assert {to for _, to in TRANSITIONS.values()} == set(S) - {S.DRAFT}


def claim_in(status):
    if status == S.DRAFT:
        return ClaimFactory(status=status, submitted_at=None, submitted_by=None)
    return ClaimFactory(status=status)


@pytest.mark.parametrize(("status", "transition"), PAIRS, ids=[f"{s.value}-{t.value}" for s, t in PAIRS])
def test_each_transition_from_each_status(status, transition):
    claim = claim_in(status)
    support = UserFactory()
    starts, leads_to = EXPECTED[transition]
    if status in starts:
        move(claim, transition=transition, by=support, note="Checked")
        claim.refresh_from_db()
        assert claim.status == leads_to
        activity = ClaimActivity.objects.get(claim=claim)
        assert (activity.transition, activity.from_status, activity.to_status, activity.by, activity.note) == (
            transition,
            status,
            leads_to,
            support,
            "Checked",
        )
    else:
        with pytest.raises(TransitionRefused) as refused:
            move(claim, transition=transition, by=support)
        assert str(refused.value) == (
            f"Claim {claim.reference} is {status.label.lower()}: “{transition.label}” cannot happen to it now"
        )
        claim.refresh_from_db()
        assert claim.status == status
        assert not ClaimActivity.objects.filter(claim=claim).exists()


def test_the_status_is_checked_as_the_database_has_it_not_as_the_caller_read_it():
    claim = ClaimFactory(status=S.SUBMITTED)
    Claim.objects.filter(pk=claim.pk).update(status=S.PAYMENT_IN_PROGRESS)  # moved meanwhile, by another request
    with pytest.raises(TransitionRefused):
        move(claim, transition=Transition.SEND_TO_PAYER, by=None)
    assert ClaimActivity.objects.count() == 0


@pytest.mark.usefixtures("committed_db")  # the two answers run in threads of their own, each with its connection
def test_two_answers_to_one_claim_at_once_move_it_once(monkeypatch):
    """The payer's answer and a support user's, at the same moment. Each holds, once it has found the claim in a
    status it may move from, until the other has too (or 2 seconds have passed): without the row lock both would
    find the claim in payment and both move it."""
    claim = ClaimFactory(status=S.PAYMENT_IN_PROGRESS)
    record = services._record
    both_here = threading.Barrier(2, timeout=2)

    def record_when_both_are_here(*args, **kwargs):
        try:
            both_here.wait()
        except threading.BrokenBarrierError:
            pass  # the other is waiting for the row lock, as it should
        return record(*args, **kwargs)

    monkeypatch.setattr(services, "_record", record_when_both_are_here)

    def answer(transition):
        try:
            move(Claim.objects.get(pk=claim.pk), transition=transition, by=None)
            return transition
        except TransitionRefused:
            return None
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        moved = [done for done in pool.map(answer, [Transition.PAYER_PAYS, Transition.PAYER_REFUSES]) if done]
    assert len(moved) == 1
    claim.refresh_from_db()
    assert claim.status == EXPECTED[moved[0]][1]
    assert list(ClaimActivity.objects.filter(claim=claim).values_list("transition", flat=True)) == moved
