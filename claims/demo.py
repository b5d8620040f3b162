"""Demo data for funding claims (seed_demo): a claim window open whenever the demo is made, and claims for support
staff to pay, audit and claw back."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mentors.models import Mentor
from reference_data.models import AgeRange, KeyStage, Subject

from . import payments, selectors, services
from .models import AcademicYear, Claim, ClaimActivity, ClaimMentor, ClaimWindow, FundingRate, PayerBatch, Transition

DEMO_WINDOW_DAYS = 90


@transaction.atomic
def open_claim_window(now=None):
    """A claim window open now, for the academic year today is in: the one open already, or one from today for
    DEMO_WINDOW_DAYS days that ends before the next window planned. The academic year is made, with the hours and
    rates of the latest one, when support staff have not made it yet."""
    now = now or timezone.now()
    window = selectors.open_window(now)
    if window:
        return window
    today = timezone.localdate(now)
    closes_on = today + timedelta(days=DEMO_WINDOW_DAYS - 1)
    later = ClaimWindow.objects.filter(opens_on__gt=today).order_by("opens_on").first()
    if later:
        closes_on = min(closes_on, later.opens_on - timedelta(days=1))
    # A window whose last day is today and that closed at 11:59pm is kept open longer, rather than overlapped.
    closed_today = ClaimWindow.objects.filter(opens_on__lte=today, closes_on__gte=today).first()
    if closed_today:
        closed_today.closes_on = max(closes_on, today + timedelta(days=1))
        closed_today.save(update_fields=["closes_on"])
        return closed_today
    return ClaimWindow.objects.create(academic_year=_academic_year(today), opens_on=today, closes_on=closes_on)


def _academic_year(today):
    start_year = AcademicYear.start_year_of(today)
    year = AcademicYear.objects.filter(start_year=start_year).first()
    if year:
        return year
    latest = AcademicYear.objects.order_by("-start_year").first()
    year = AcademicYear.objects.create(
        start_year=start_year, initial_hours=latest.initial_hours, refresher_hours=latest.refresher_hours
    )
    FundingRate.objects.bulk_create(
        FundingRate(academic_year=year, region_id=rate.region_id, pence_per_hour=rate.pence_per_hour)
        for rate in latest.rates.all()
    )
    return year


# TRNs of their own: an allowance is counted across schools, so a TRN shared with another demo school's mentor would
# take hours from them.
DEMO_MENTORS = [("Grace", "Hopper", "9300001"), ("Alan", "Turing", "9300002"), ("Ada", "Lovelace", "9300003")]
# A claim in each status support staff work on, by reference: submitted (to send to the payer), in payment (for
# the payer's answer), paid (to sample), awaiting the provider's audit, rejected by the provider (for the school
# to answer), and a clawback entered by the demo admin (for the second support user to approve).
DEMO_CLAIMS = [
    ("90000001", Claim.Status.SUBMITTED),
    ("90000002", Claim.Status.PAYMENT_IN_PROGRESS),
    ("90000003", Claim.Status.PAID),
    ("90000004", Claim.Status.AUDIT_REQUESTED),
    ("90000005", Claim.Status.REJECTED_BY_PROVIDER),
    ("90000006", Claim.Status.CLAWBACK_AWAITING_APPROVAL),
]
# The transitions that bring a submitted claim to each status, for its history.
PATHS = {
    Claim.Status.SUBMITTED: [],
    Claim.Status.PAYMENT_IN_PROGRESS: [Transition.SEND_TO_PAYER],
    Claim.Status.PAID: [Transition.SEND_TO_PAYER, Transition.PAYER_PAYS],
    Claim.Status.AUDIT_REQUESTED: [Transition.SEND_TO_PAYER, Transition.PAYER_PAYS, Transition.REQUEST_AUDIT],
    Claim.Status.REJECTED_BY_PROVIDER: [
        Transition.SEND_TO_PAYER,
        Transition.PAYER_PAYS,
        Transition.REQUEST_AUDIT,
        Transition.PROVIDER_REJECTS,
    ],
    Claim.Status.CLAWBACK_AWAITING_APPROVAL: [
        Transition.SEND_TO_PAYER,
        Transition.PAYER_PAYS,
        Transition.REQUEST_AUDIT,
        Transition.PROVIDER_REJECTS,
        Transition.SCHOOL_ACCEPTS,
    ],
}
REJECTED = {Claim.Status.REJECTED_BY_PROVIDER, Claim.Status.CLAWBACK_AWAITING_APPROVAL}


# A mentor of the school whom support staff's draft claim is for, with a TRN of their own so that it has hours left.
DRAFT_MENTOR = ("Katherine", "Johnson", "9300004")
DRAFT_HOURS = 6


def _demo_mentor(school, first_name, last_name, trn):
    return Mentor.objects.update_or_create(
        school=school,
        trn=trn,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{first_name.lower()}.{last_name.lower()}@example.com",
            "subject": Subject.objects.get(name="Primary"),
            "age_range": AgeRange.objects.get(name="5 to 11"),
            "key_stage": KeyStage.objects.get(name="Key stage 2"),
        },
    )[0]


@transaction.atomic
def draft_claim(*, school, provider, support):
    """A draft claim support staff made for the school (through the service's rules), for its coordinator to check
    and submit: made once, while the mentor has none."""
    mentor = _demo_mentor(school, *DRAFT_MENTOR)
    if mentor.claimed.exists():
        return None
    return services.create_draft_claim(
        school=school, provider=provider, hours={mentor: DRAFT_HOURS}, created_by=support
    )


@transaction.atomic
def assurance_claims(*, window, school, coordinator, support, provider, provider_user):
    """Three mentors at the school, and a claim of theirs with the school's partner provider in each status support
    staff work on (DEMO_CLAIMS), made through the claims' transitions (the provider's user answering its audit).
    Claims made already are left as they are."""
    mentors = [_demo_mentor(school, *mentor) for mentor in DEMO_MENTORS]
    rate = selectors.rate_for(school.funding_region_id, window.academic_year)
    for reference, status in DEMO_CLAIMS:
        if Claim.objects.filter(reference=reference).exists():
            continue
        claim = Claim.objects.create(
            reference=reference,
            school=school,
            provider=provider,
            academic_year=window.academic_year,
            status=Claim.Status.SUBMITTED,
            funding_region_id=school.funding_region_id,
            rate_pence=rate.pence_per_hour,
            total_hours=4 * len(mentors),
            amount_pence=4 * len(mentors) * rate.pence_per_hour,
            created_by=coordinator,
            submitted_by=coordinator,
            submitted_at=timezone.now(),
        )
        ClaimMentor.objects.bulk_create(
            ClaimMentor(claim=claim, mentor=mentor, trn=mentor.trn, hours=4) for mentor in mentors
        )
        ClaimActivity.objects.create(
            claim=claim,
            transition=Transition.SUBMIT,
            from_status=Claim.Status.DRAFT,
            to_status=Claim.Status.SUBMITTED,
            by=coordinator,
        )
        for transition in PATHS[status]:
            by = provider_user if transition == Transition.PROVIDER_REJECTS else support
            services.move(
                claim, transition=transition, by=coordinator if transition == Transition.SCHOOL_ACCEPTS else by
            )
        if Transition.REQUEST_AUDIT in PATHS[status]:
            Claim.objects.filter(pk=claim.pk).update(audit_requested_at=timezone.now())
        if status in REJECTED:
            lines = list(claim.mentors.order_by("pk"))
            lines[0].hours_confirmed, lines[0].not_confirmed_reason = False, "No record of them at our sessions"
            lines[0].clawback_hours = lines[0].hours if status == Claim.Status.CLAWBACK_AWAITING_APPROVAL else None
            for line in lines[1:]:
                line.hours_confirmed = True
            ClaimMentor.objects.bulk_update(lines, ["hours_confirmed", "not_confirmed_reason", "clawback_hours"])
        if status == Claim.Status.CLAWBACK_AWAITING_APPROVAL:
            Claim.objects.filter(pk=claim.pk).update(clawback_entered_by=support)
        if status == Claim.Status.PAYMENT_IN_PROGRESS:
            batch = PayerBatch.objects.create(
                kind=PayerBatch.Kind.PAYMENT,
                window=window,
                file=payments.payment_file([claim]),
                sent_by=support,
            )
            batch.claims.add(claim)
