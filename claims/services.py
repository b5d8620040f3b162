"""Writes about funding claims: accepting the grant conditions for a school, and submitting a claim.

A claim's rules are checked here, in the transaction that saves it, against the data as it is then: the claim
window is open, the school has accepted the grant conditions, the provider is accredited, the mentors are the
school's, and no mentor goes over their allowance with the provider that year, counted at every school. The
database holds what it can on its own (whole hours of at least 1, the amount is the hours times the rate, a
mentor once in a claim, references unique).
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from core.services import submit_once
from emails.models import Email
from emails.services import queue_email
from mentors.models import Mentor
from providers.models import Provider
from providers.selectors import users_of
from schools.models import Membership, School

from . import payments, selectors
from .models import (
    REFERENCE_LENGTH,
    TRANSITIONS,
    AssuranceReminder,
    AuditSample,
    Claim,
    ClaimActivity,
    ClaimMentor,
    GrantConditionsAcceptance,
    PayerBatch,
    TrainingAllowance,
    Transition,
)

# A new reference clashes with one of 100,000 claims about once in a thousand claims: drawing again is enough.
REFERENCE_ATTEMPTS = 10


class ClaimRefused(Exception):
    """The claim cannot be submitted as it is: the subclass says why."""


class TransitionRefused(Exception):
    """What was asked cannot happen to the claim in its status now: the message says so, in plain words."""

    def __init__(self, claim, transition):
        super().__init__(
            f"Claim {claim.reference} is {claim.get_status_display().lower()}: "
            f"“{Transition(transition).label}” cannot happen to it now"
        )
        self.claim = claim
        self.transition = transition


class ClaimWindowClosed(ClaimRefused):
    """No claim window is open now."""


class GrantConditionsNotAccepted(ClaimRefused):
    """Nobody has accepted the grant conditions for the school."""


class ProviderNotAccredited(ClaimRefused):
    """The provider is no longer accredited."""


class MentorNotAtSchool(ClaimRefused):
    """A mentor of the claim has been removed from the school, or was never one of its mentors."""


class NoFundingRate(ClaimRefused):
    """Support staff have set no hourly rate for the school's funding region in the academic year."""


class AllowanceExceeded(ClaimRefused):
    """A mentor has fewer hours left with the provider than the claim asks for (another claim took them)."""

    def __init__(self, mentor, left):
        super().__init__(f"{mentor} has {left} hours left")
        self.mentor = mentor
        self.left = left


@dataclass(frozen=True)
class Amounts:
    """What a claim comes to: each mentor's hours times the hourly rate, in whole pence."""

    rate_pence: int
    hours: dict  # by mentor

    @property
    def total_hours(self):
        return sum(self.hours.values())

    @property
    def total_pence(self):
        return self.total_hours * self.rate_pence

    def pence_for(self, mentor):
        return self.hours[mentor] * self.rate_pence


def accept_grant_conditions(*, school, accepted_by):
    """Record that the user has accepted the grant conditions for the school, and return the acceptance: the one
    already made when someone has (even a moment ago), which is never replaced."""
    try:
        with transaction.atomic():
            return GrantConditionsAcceptance.objects.create(school=school, accepted_by=accepted_by)
    except IntegrityError:
        return GrantConditionsAcceptance.objects.get(school=school)


def submit_claim(*, school, provider, hours, submitted_by, journey_id):
    """Submit the school's claim for the hours (by Mentor, whole hours of at least 1) its mentors trained with the
    provider in the academic year of the claim window open now, and email the school's ITT coordinators and the
    provider's users once the claim is saved. Returns the claim.

    journey_id names the add-claim journey: submitting it again returns the claim it made. Raises a ClaimRefused
    (AllowanceExceeded when a mentor's hours were claimed meanwhile, by any school) and saves nothing when a rule
    does not hold.
    """
    _check_hours(hours)

    def make():
        claim, amounts = _create_checked(
            school=school,
            provider=provider,
            hours=hours,
            status=Claim.Status.SUBMITTED,
            created_by=submitted_by,
            submitted_by=submitted_by,
            submitted_at=timezone.now(),
        )
        _record(claim, Transition.SUBMIT, from_status=Claim.Status.DRAFT, by=submitted_by, at=claim.submitted_at)
        _email_submitted(claim, amounts)
        return claim

    return submit_once(journey_id=journey_id, model=Claim, make=make)


def _create_checked(*, school, provider, hours, status, **fields):
    """Check the claim's rules and allowances (a submitted claim's grant conditions too), then save it in status
    with its mentors' hours and its amounts at the rate now. Returns the claim and its Amounts. In the caller's
    transaction; raises a ClaimRefused and saves nothing when a rule does not hold."""
    submitting = status == Claim.Status.SUBMITTED
    academic_year, region_id, rate = _check_rules(school=school, provider=provider, hours=hours, submitting=submitting)
    _check_allowances(hours=hours, provider=provider, academic_year=academic_year)
    amounts = Amounts(rate_pence=rate.pence_per_hour, hours=hours)
    claim = _create_with_reference(
        school=school,
        provider=provider,
        academic_year=academic_year,
        status=status,
        funding_region_id=region_id,
        rate_pence=amounts.rate_pence,
        total_hours=amounts.total_hours,
        amount_pence=amounts.total_pence,
        **fields,
    )
    ClaimMentor.objects.bulk_create(
        ClaimMentor(claim=claim, mentor=mentor, trn=mentor.trn, hours=number) for mentor, number in hours.items()
    )
    return claim, amounts


def _check_hours(hours):
    if not hours or any(type(number) is not int or number < 1 for number in hours.values()):
        raise ValueError("A claim is for whole hours of at least 1 for each of its mentors")


def _check_rules(*, school, provider, hours, submitting):
    """The rules of a claim other than allowances, read now: a claim window is open, the grant conditions accepted
    (when submitting: a draft waits for a coordinator to accept them), the provider accredited, the mentors current
    at the school, and an hourly rate set for the school's region. Returns the academic year, the region's id and
    the rate; raises a ClaimRefused."""
    window = selectors.open_window()
    if window is None:
        raise ClaimWindowClosed
    academic_year = window.academic_year
    if submitting and selectors.acceptance_of(school) is None:
        raise GrantConditionsNotAccepted
    if not Provider.objects.accredited().filter(pk=provider.pk).exists():
        raise ProviderNotAccredited
    current = Mentor.objects.current().filter(school=school, pk__in=[mentor.pk for mentor in hours])
    if current.count() != len(hours):
        raise MentorNotAtSchool
    # The school's region now, as support staff may have changed it since the school was read.
    region_id = School.objects.values_list("funding_region_id", flat=True).get(pk=school.pk)
    rate = selectors.rate_for(region_id, academic_year)
    if rate is None:
        raise NoFundingRate
    return academic_year, region_id, rate


def _check_allowances(*, hours, provider, academic_year, own=None):
    """Lock the mentors' allowances and refuse (AllowanceExceeded) hours over what is left. own: the hours (by TRN)
    of a draft being submitted, already counted in what is claimed."""
    own = own or {}
    trns = [mentor.trn for mentor in hours]
    _lock_allowances(trns=trns, provider=provider, academic_year=academic_year)
    # Counted under the locks: a claim for these mentors submitted meanwhile has committed and is counted.
    allowances = selectors.allowances(trns=trns, provider=provider, academic_year=academic_year)
    for mentor, number in hours.items():
        allowance = allowances[mentor.trn]
        left = max(allowance.allowed - allowance.claimed + own.get(mentor.trn, 0), 0)
        if number > left:
            raise AllowanceExceeded(mentor, left)


def create_draft_claim(*, school, provider, hours, created_by):
    """Support staff's claim for the school: the hours (by Mentor) its mentors trained with the provider in the
    academic year of the claim window open now, checked by the add-claim rules and saved as a draft (its hours count
    towards the allowances from now) for one of the school's ITT coordinators to check and submit. Returns the
    claim; raises a ClaimRefused and saves nothing when a rule does not hold."""
    _check_hours(hours)
    with transaction.atomic():
        claim, _ = _create_checked(
            school=school, provider=provider, hours=hours, status=Claim.Status.DRAFT, created_by=created_by
        )
    return claim


def submit_draft_claim(*, claim, submitted_by):
    """A coordinator submits the school's draft claim with the declaration: the rules of submit_claim are checked
    again, the rate is the one at submission, the claim moves from Draft to Submitted (refused, TransitionRefused,
    when it was submitted meanwhile: a double submit makes one claim) and the emails are queued. Returns the
    claim."""
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != Claim.Status.DRAFT:
            raise TransitionRefused(locked, Transition.SUBMIT)
        lines = list(locked.mentors.select_related("mentor"))
        hours = {line.mentor: line.hours for line in lines}
        school, provider = locked.school, locked.provider
        academic_year, region_id, rate = _check_rules(school=school, provider=provider, hours=hours, submitting=True)
        if academic_year != locked.academic_year:
            raise ClaimWindowClosed  # the draft's year is over: support staff make a new one
        _check_allowances(
            hours=hours,
            provider=provider,
            academic_year=academic_year,
            own={line.trn: line.hours for line in lines},
        )
        amounts = Amounts(rate_pence=rate.pence_per_hour, hours=hours)
        locked.funding_region_id, locked.rate_pence = region_id, amounts.rate_pence
        locked.total_hours, locked.amount_pence = amounts.total_hours, amounts.total_pence
        locked.save(update_fields=["funding_region", "rate_pence", "total_hours", "amount_pence"])
        submitted = move(locked, transition=Transition.SUBMIT, by=submitted_by)
        _email_submitted(submitted, amounts)
    claim.status = submitted.status
    return submitted


def _lock_allowances(*, trns, provider, academic_year):
    """Lock the mentors' allowance rows, made if they are new, in order of TRN so that two claims sharing mentors
    take them in the same order (never a deadlock). A second claim for any of the mentors waits here until the
    first has committed or rolled back."""
    keys = sorted(set(trns))
    TrainingAllowance.objects.bulk_create(
        [TrainingAllowance(trn=trn, provider=provider, academic_year=academic_year) for trn in keys],
        ignore_conflicts=True,
    )
    locked = TrainingAllowance.objects.select_for_update().filter(
        trn__in=keys, provider=provider, academic_year=academic_year
    )
    list(locked.order_by("trn").values_list("pk", flat=True))


def _create_with_reference(**fields):
    """Save the claim with a new random reference of 8 digits, drawing again if another claim has it."""
    for _ in range(REFERENCE_ATTEMPTS):
        reference = f"{secrets.randbelow(10**REFERENCE_LENGTH):0{REFERENCE_LENGTH}d}"
        try:
            with transaction.atomic():
                return Claim.objects.create(reference=reference, **fields)
        except IntegrityError:
            if not Claim.objects.filter(reference=reference).exists():
                raise
    raise RuntimeError(f"No free claim reference after {REFERENCE_ATTEMPTS} attempts")


def _email_submitted(claim, amounts):
    """Queue, in the claim's transaction, an email to whoever submitted it and each of the school's other ITT
    coordinators, and one to each of the provider's users."""
    mentors = [(mentor, amounts.hours[mentor], amounts.pence_for(mentor)) for mentor in amounts.hours]
    context = {
        "claim": claim,
        "school": claim.school,
        "provider": claim.provider,
        "mentors": mentors,
        "support_email": settings.SUPPORT_EMAIL,
    }
    coordinators = Membership.objects.filter(
        school=claim.school, role=Membership.Role.ITT_COORDINATOR, user__is_active=True
    ).values_list("user__email", flat=True)
    for recipient in sorted({claim.submitted_by.email, *coordinators}):
        queue_email(Email.Kind.CLAIM_SUBMITTED, recipient, context)
    for user in users_of(claim.provider):
        queue_email(Email.Kind.CLAIM_SUBMITTED_TO_PROVIDER, user.email, context)


# The claim's statuses, as the state machine of models.TRANSITIONS: each change locks the claim's row, checks its
# status under the lock, and records what happened, in one transaction.


def _record(claim, transition, *, from_status, by, note="", at=None):
    return ClaimActivity.objects.create(
        claim=claim,
        transition=transition,
        from_status=from_status,
        to_status=TRANSITIONS[transition][1],
        by=by,
        note=note,
        **({"at": at} if at else {}),
    )


def move(claim, *, transition, by, note=""):
    """Move the claim along the transition, in the caller's transaction, and return it locked and moved: refused
    (TransitionRefused, nothing changed) unless its status, read under the row lock, is one the transition starts
    from. by is the user who did it, None for the payer's answers the service applies."""
    starts, leads_to = TRANSITIONS[transition]
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status not in starts:
            raise TransitionRefused(locked, transition)
        activity = _record(locked, transition, from_status=locked.status, by=by, note=note)
        locked.status = leads_to
        changed = ["status"]
        if transition == Transition.SUBMIT:  # a submitted claim says who submitted it, and when
            locked.submitted_by, locked.submitted_at = by, activity.at
            changed += ["submitted_by", "submitted_at"]
        locked.save(update_fields=changed)
    claim.status = leads_to
    return locked


def move_many(claims, *, transition, by, note=""):
    """Move each of the claims (a queryset) that the transition may start from, locked in order of id so that two
    batches never deadlock, and record each in its history. Returns the claims moved, in order of reference."""
    starts, leads_to = TRANSITIONS[transition]
    with transaction.atomic():
        locked = list(
            claims.select_for_update(of=("self",))
            .filter(status__in=starts)
            .select_related("school", "provider")
            .order_by("pk")
        )
        now = timezone.now()
        ClaimActivity.objects.bulk_create(
            ClaimActivity(
                claim=claim,
                transition=transition,
                from_status=claim.status,
                to_status=leads_to,
                by=by,
                at=now,
                note=note,
            )
            for claim in locked
        )
        Claim.objects.filter(pk__in=[claim.pk for claim in locked]).update(status=leads_to)
        for claim in locked:
            claim.status = leads_to
    return sorted(locked, key=lambda claim: claim.reference)


class NothingToSend(Exception):
    """No claim is waiting to be sent to the payer."""


def send_payments(*, window, sent_by):
    """Send every submitted claim of the claim window (submitted while it was open) to the payer: a CSV file kept
    as a payment batch, the claims moved to Payment in progress, and an email to each of the payer's addresses
    with a link to download the file. Raises NothingToSend when no claim of the window is submitted."""
    with transaction.atomic():
        claims = move_many(
            Claim.objects.filter(submitted_at__gte=window.opens_at, submitted_at__lt=window.closes_at),
            transition=Transition.SEND_TO_PAYER,
            by=sent_by,
        )
        if not claims:
            raise NothingToSend
        batch = PayerBatch.objects.create(
            kind=PayerBatch.Kind.PAYMENT, window=window, file=payments.payment_file(claims), sent_by=sent_by
        )
        batch.claims.set(claims)
        _email_payer(batch, len(claims))
    return batch


def _email_payer(batch, count):
    context = {"batch": batch, "count": count, "link": payments.download_link(batch)}
    for recipient in settings.PAYER_EMAILS:
        queue_email(Email.Kind.PAYER_BATCH, recipient, context)


class LinkUsed(Exception):
    """The payer's link has been used already, or has expired."""


def download_batch(*, token):
    """The batch file a payer's link is for, marked as downloaded: the link works once, for 7 days. Raises LinkUsed
    when it has been used or has expired, signing.BadSignature when it was never made."""
    try:
        batch_id = payments.batch_of_link(token)
    except signing.SignatureExpired:
        raise LinkUsed from None
    now = timezone.now()
    # One update, so two downloads at once cannot both have the file.
    if not PayerBatch.objects.filter(pk=batch_id, downloaded_at__isnull=True).update(downloaded_at=now):
        if not PayerBatch.objects.filter(pk=batch_id).exists():
            raise signing.BadSignature
        raise LinkUsed
    return PayerBatch.objects.get(pk=batch_id)


class AnswerRefused(Exception):
    """The payer's answer has mistakes: nothing of it was applied. errors says what, row by row."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def apply_payer_answer(*, batch, upload, answered_by):
    """Apply the payer's answer (a CSV file: claim reference, status, reason) to the batch's claims, all of it or,
    when any row is wrong, none (AnswerRefused, with every row's error). Returns the answers applied."""
    with transaction.atomic():
        PayerBatch.objects.select_for_update().get(pk=batch.pk)  # one answer to a batch at a time
        read = payments.read_answers(batch, upload)
        if read.errors:
            raise AnswerRefused(read.errors)
        for answer in read.answers:
            if batch.kind == PayerBatch.Kind.CLAWBACK:
                transition = Transition.PAYER_CLAWS_BACK
            else:
                transition = Transition.PAYER_PAYS if answer.paid else Transition.PAYER_REFUSES
            move(answer.claim, transition=transition, by=answered_by, note=answer.reason)
        batch.answered_by, batch.answered_at = answered_by, timezone.now()
        batch.save(update_fields=["answered_by", "answered_at"])
    return read.answers


# Assurance: a sample of paid claims audited by their providers, and clawbacks of the hours not confirmed.

# A sample is worth at least this share of the value of the window's paid claims (the grant's assurance rule).
SAMPLE_SHARE_PERCENT = 10


def paid_claims_of(window):
    return Claim.objects.filter(
        status=Claim.Status.PAID, submitted_at__gte=window.opens_at, submitted_at__lt=window.closes_at
    )


def draw_sample(*, window, drawn_by, seed=None):
    """Draw paid claims of the window at random until they are worth at least a tenth of the window's paid claims,
    and ask their providers to audit them. The seed (drawn when not given) and each draw are recorded: the same seed
    draws the same sample from the same claims. Raises NothingToSend when the window has no paid claim."""
    seed = secrets.randbits(63) if seed is None else seed
    with transaction.atomic():
        claims = list(paid_claims_of(window).select_for_update().order_by("reference"))
        if not claims:
            raise NothingToSend
        paid = sum(claim.amount_pence for claim in claims)
        random.Random(seed).shuffle(claims)
        draws, total = [], 0
        for claim in claims:
            if total * 100 >= paid * SAMPLE_SHARE_PERCENT:
                break
            total += claim.amount_pence
            draws.append({"reference": claim.reference, "amount_pence": claim.amount_pence, "total_pence": total})
        chosen = [claim for claim in claims if claim.reference in {draw["reference"] for draw in draws}]
        sample = AuditSample.objects.create(
            window=window, seed=seed, paid_pence=paid, sampled_pence=total, draws=draws, drawn_by=drawn_by
        )
        _request_audits(sample, chosen, drawn_by)
    return sample


class UnknownReferences(Exception):
    def __init__(self, references):
        super().__init__(f"No paid claim has the reference {', '.join(references)}")
        self.references = references


def sample_listed(*, window, references, drawn_by):
    """Ask for an audit of the paid claims with these references (support staff's own list)."""
    with transaction.atomic():
        claims = list(paid_claims_of(window).select_for_update().filter(reference__in=references))
        missing = sorted(set(references) - {claim.reference for claim in claims})
        if missing:
            raise UnknownReferences(missing)
        total = sum(claim.amount_pence for claim in claims)
        paid = sum(paid_claims_of(window).values_list("amount_pence", flat=True))
        sample = AuditSample.objects.create(window=window, paid_pence=paid, sampled_pence=total, drawn_by=drawn_by)
        _request_audits(sample, claims, drawn_by)
    return sample


def _request_audits(sample, claims, by):
    moved = move_many(
        Claim.objects.filter(pk__in=[claim.pk for claim in claims]), transition=Transition.REQUEST_AUDIT, by=by
    )
    sample.claims.set(moved)
    now = timezone.now()
    Claim.objects.filter(pk__in=[claim.pk for claim in moved]).update(audit_requested_at=now)
    by_provider = {}
    for claim in moved:
        by_provider.setdefault(claim.provider, []).append(claim)
    for provider, theirs in by_provider.items():
        context = {
            "provider": provider,
            "claims": theirs,
            "deadline": selectors.audit_deadline(now),
            "link": service_link("claims:provider-list", code=provider.code),
        }
        for user in users_of(provider):
            queue_email(Email.Kind.AUDIT_REQUESTED, user.email, context)


def service_link(name, **kwargs):
    """The full address of a page of the service, for an email."""
    return f"{settings.SERVICE_URL.rstrip('/')}{reverse(name, kwargs=kwargs)}"


class AuditIncomplete(Exception):
    """A mentor's hours were neither confirmed nor rejected, or rejected without a reason."""


def record_audit(*, claim, decisions, audited_by):
    """The provider's audit of the claim: decisions gives each ClaimMentor's id (confirmed, reason). All confirmed:
    the claim is paid; any rejected: it is rejected by the provider and the school's coordinators are emailed."""
    with transaction.atomic():
        lines = list(claim.mentors.select_related("mentor").order_by("pk"))
        if set(decisions) != {line.pk for line in lines}:
            raise AuditIncomplete
        if any(not confirmed and not reason.strip() for confirmed, reason in decisions.values()):
            raise AuditIncomplete
        rejected = any(not confirmed for confirmed, _ in decisions.values())
        transition = Transition.PROVIDER_REJECTS if rejected else Transition.PROVIDER_CONFIRMS
        claim = move(claim, transition=transition, by=audited_by)
        for line in lines:
            confirmed, reason = decisions[line.pk]
            line.hours_confirmed, line.not_confirmed_reason = confirmed, "" if confirmed else reason.strip()
        ClaimMentor.objects.bulk_update(lines, ["hours_confirmed", "not_confirmed_reason"])
        if rejected:
            context = {
                "claim": claim,
                "school": claim.school,
                "provider": claim.provider,
                "link": service_link("claims:detail", urn=claim.school.urn, claim_id=claim.pk),
            }
            for recipient in _coordinator_emails(claim.school):
                queue_email(Email.Kind.CLAIM_REJECTED_BY_PROVIDER, recipient, context)
    return claim


def _coordinator_emails(school):
    return sorted(
        Membership.objects.filter(
            school=school, role=Membership.Role.ITT_COORDINATOR, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def accept_rejection(*, claim, accepted_by):
    """The school accepts the provider's reasons: the hours not confirmed go to clawback, for support staff to
    check and approve."""
    with transaction.atomic():
        claim = move(claim, transition=Transition.SCHOOL_ACCEPTS, by=accepted_by)
        for line in claim.mentors.filter(hours_confirmed=False):
            line.clawback_hours = line.hours
            line.save(update_fields=["clawback_hours"])
    return claim


def dispute_rejection(*, claim, explanation, disputed_by):
    """The school says why the training took place: support staff decide."""
    return move(claim, transition=Transition.SCHOOL_DISPUTES, by=disputed_by, note=explanation)


class SameApprover(Exception):
    """The support user who entered a clawback cannot approve it."""


class NoClawbackHours(Exception):
    """No hours to take back have been entered."""


def enter_clawback(*, claim, hours, entered_by):
    """Support staff enter the hours to take back (by ClaimMentor id) of a claim awaiting clawback approval, or of
    one the school disputed that they do not uphold."""
    with transaction.atomic():
        if claim.status == Claim.Status.REJECTED_BY_SCHOOL:
            claim = move(claim, transition=Transition.PROPOSE_CLAWBACK, by=entered_by)
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != Claim.Status.CLAWBACK_AWAITING_APPROVAL:
            raise TransitionRefused(locked, Transition.PROPOSE_CLAWBACK)
        for line in locked.mentors.all():
            line.clawback_hours = hours.get(line.pk) or None
            line.save(update_fields=["clawback_hours"])
        locked.clawback_entered_by = entered_by
        locked.save(update_fields=["clawback_entered_by"])
    return locked


def approve_clawback(*, claim, approved_by):
    """A second support user approves the clawback entered by another."""
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.clawback_entered_by_id is None or not locked.mentors.filter(clawback_hours__gt=0).exists():
            raise NoClawbackHours
        if locked.clawback_entered_by_id == approved_by.pk:
            raise SameApprover
        return move(locked, transition=Transition.APPROVE_CLAWBACK, by=approved_by)


def send_clawbacks(*, sent_by):
    """Send every approved clawback to the payer, as payments are sent."""
    with transaction.atomic():
        claims = move_many(
            Claim.objects.filter(status=Claim.Status.CLAWBACK_REQUESTED),
            transition=Transition.SEND_CLAWBACK_TO_PAYER,
            by=sent_by,
        )
        if not claims:
            raise NothingToSend
        hours = dict(
            ClaimMentor.objects.filter(claim__in=claims)
            .values("claim")
            .annotate(total=Sum("clawback_hours"))
            .values_list("claim", "total")
        )
        for claim in claims:
            claim.clawback_hours = hours.get(claim.pk) or 0
            claim.clawback_pence = claim.clawback_hours * claim.rate_pence
        batch = PayerBatch.objects.create(
            kind=PayerBatch.Kind.CLAWBACK, file=payments.clawback_file(claims), sent_by=sent_by
        )
        batch.claims.set(claims)
        _email_payer(batch, len(claims))
    return batch


# Reminders: to providers with audits due within a week, and to schools that have not answered a rejection.
REMINDER_EVERY = timedelta(days=7)
DUE_WITHIN = timedelta(days=7)


def send_assurance_reminders(now=None):
    """Email each provider with audits due within 7 days, and each school's coordinators with a provider's rejection
    to answer, unless they were reminded in the last 7 days. Returns how many providers and schools were."""
    now = now or timezone.now()
    recent = AssuranceReminder.objects.filter(sent_at__gt=now - REMINDER_EVERY)
    reminded_providers = set(recent.exclude(provider=None).values_list("provider_id", flat=True))
    reminded_schools = set(recent.exclude(school=None).values_list("school_id", flat=True))
    last_day = timezone.localdate(now) + DUE_WITHIN

    due = {}
    for claim in Claim.objects.filter(status=Claim.Status.AUDIT_REQUESTED).select_related("provider"):
        deadline = selectors.audit_deadline(claim.audit_requested_at)
        if deadline <= last_day and claim.provider_id not in reminded_providers:
            due.setdefault(claim.provider, []).append(deadline)
    for provider, deadlines in due.items():
        with transaction.atomic():
            AssuranceReminder.objects.create(provider=provider, sent_at=now)
            context = {
                "provider": provider,
                "count": len(deadlines),
                "deadline": min(deadlines),
                "link": service_link("claims:provider-list", code=provider.code),
            }
            for user in users_of(provider):
                queue_email(Email.Kind.AUDIT_REMINDER, user.email, context)

    waiting = {}
    for claim in Claim.objects.filter(status=Claim.Status.REJECTED_BY_PROVIDER).select_related("school", "provider"):
        if claim.school_id not in reminded_schools:
            waiting.setdefault(claim.school, []).append(claim)
    for school, claims in waiting.items():
        with transaction.atomic():
            AssuranceReminder.objects.create(school=school, sent_at=now)
            context = {
                "school": school,
                "claims": claims,
                "link": service_link("claims:list", urn=school.urn),
            }
            for recipient in _coordinator_emails(school):
                queue_email(Email.Kind.RESPONSE_REMINDER, recipient, context)
    return len(due), len(waiting)
