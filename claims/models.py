"""Funding for mentor training: the rules as data (academic years with their hours and rates, funding regions,
claim windows), each school's acceptance of the grant conditions, and the claims schools make.

Everything that can change from one year to the next is a row that support staff change in admin, never a
constant in code.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.formatting import govuk_date
from mentors.models import TRN_LENGTH

# The academic year starts on 1 September.
FIRST_MONTH = 9
# A claim window closes at 11:59pm UK time on its last day.
CLOSING_TIME = time(23, 59)
REFERENCE_LENGTH = 8


class AcademicYear(models.Model):
    """An academic year, 1 September to 31 August, and the hours a mentor may be claimed for in it."""

    start_year = models.PositiveSmallIntegerField(
        unique=True, help_text="The year it starts in: 2025 for 2025 to 2026, which starts on 1 September 2025."
    )
    initial_hours = models.PositiveSmallIntegerField(
        "hours of initial training",
        help_text="Most hours claimed for a mentor's initial training with one accredited provider this year.",
    )
    refresher_hours = models.PositiveSmallIntegerField(
        "hours of refresher training",
        help_text="Most hours claimed for a mentor who had a claim with the same provider in an earlier year.",
    )

    class Meta:
        ordering = ["start_year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(initial_hours__gt=0), name="academic_year_initial_hours"),
            models.CheckConstraint(condition=models.Q(refresher_hours__gt=0), name="academic_year_refresher_hours"),
        ]

    def __str__(self):
        return f"{self.start_year} to {self.start_year + 1}"

    @property
    def starts_on(self):
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def ends_on(self):
        return date(self.start_year + 1, FIRST_MONTH - 1, 31)

    def hours_allowed(self, *, refresher):
        """Most hours claimed for a mentor with one provider this year: refresher or initial training."""
        return self.refresher_hours if refresher else self.initial_hours

    @staticmethod
    def start_year_of(day):
        """The start year of the academic year a date is in: 31 August 2026 is in 2025 to 2026."""
        return day.year if day.month >= FIRST_MONTH else day.year - 1


class FundingRegion(models.Model):
    """Where a school is, for its hourly rate: Inner London, Outer London, the Fringe, or the rest of England.

    A region lists its districts (GIAS's DistrictAdministrative codes); one region, the rest of England, has every
    district that no region lists.
    """

    name = models.CharField(max_length=100, unique=True)
    other_districts = models.BooleanField(
        "every other district",
        default=False,
        help_text="The region of every district no region lists (the rest of England). Only one region is.",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["other_districts"],
                condition=models.Q(other_districts=True),
                name="funding_region_one_for_other_districts",
            )
        ]

    def __str__(self):
        return self.name


class District(models.Model):
    """A local authority district, by its GIAS code, in a funding region."""

    code = models.CharField(max_length=9, unique=True, help_text="GIAS's DistrictAdministrative (code): E09000007.")
    name = models.CharField(max_length=100)
    region = models.ForeignKey(FundingRegion, on_delete=models.CASCADE, related_name="districts")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class FundingRate(models.Model):
    """What an hour of training is paid in a funding region in an academic year, in whole pence."""

    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="rates")
    region = models.ForeignKey(FundingRegion, on_delete=models.PROTECT, related_name="rates")
    pence_per_hour = models.PositiveIntegerField(help_text="In pence: 5360 is £53.60 an hour.")

    class Meta:
        ordering = ["academic_year", "region"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "region"], name="funding_rate_one_per_year_and_region"),
            models.CheckConstraint(condition=models.Q(pence_per_hour__gt=0), name="funding_rate_is_positive"),
        ]

    def __str__(self):
        return f"{self.region} in {self.academic_year}"


class ClaimWindow(models.Model):
    """When schools may submit claims for an academic year: from the start of its first day until 11:59pm on its
    last day, UK time. Windows never overlap: on PostgreSQL an exclusion constraint refuses one that would
    (migration 0001), and the admin form says which window it overlaps."""

    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="windows")
    opens_on = models.DateField("first day")
    closes_on = models.DateField("last day", help_text="The window closes at 11:59pm UK time on this day.")

    class Meta:
        ordering = ["opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_on__lte=models.F("closes_on")),
                name="claim_window_opens_before_it_closes",
                violation_error_message="The last day must be the same as the first day or after it",
            )
        ]

    def __str__(self):
        return f"{govuk_date(self.opens_on)} to {govuk_date(self.closes_on)} ({self.academic_year})"

    @property
    def opens_at(self):
        return timezone.make_aware(datetime.combine(self.opens_on, time.min))

    @property
    def closes_at(self):
        return timezone.make_aware(datetime.combine(self.closes_on, CLOSING_TIME))

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class GrantConditionsAcceptance(models.Model):
    """One user's acceptance of the grant conditions for their school: made once, before the school's first claim."""

    school = models.OneToOneField("schools.School", on_delete=models.PROTECT, related_name="grant_conditions")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "acceptance of the grant conditions"
        verbose_name_plural = "acceptances of the grant conditions"

    def __str__(self):
        return f"{self.school.name}: accepted by {self.accepted_by}"


class ClaimStatus(models.TextChoices):
    """Where a claim is, from the school's draft through payment, the assurance audit and any clawback."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    PAYMENT_IN_PROGRESS = "payment_in_progress", "Payment in progress"
    INFORMATION_REQUESTED = "information_requested", "Information requested by the payer"
    PAID = "paid", "Paid"
    NOT_PAID = "not_paid", "Not paid"
    AUDIT_REQUESTED = "audit_requested", "Audit requested"
    REJECTED_BY_PROVIDER = "rejected_by_provider", "Rejected by provider"
    REJECTED_BY_SCHOOL = "rejected_by_school", "Rejected by school"
    CLAWBACK_AWAITING_APPROVAL = "clawback_awaiting_approval", "Clawback awaiting approval"
    CLAWBACK_REQUESTED = "clawback_requested", "Clawback requested"
    CLAWBACK_IN_PROGRESS = "clawback_in_progress", "Clawback in progress"
    CLAWBACK_COMPLETE = "clawback_complete", "Clawback complete"


class Transition(models.TextChoices):
    """What can happen to a claim, in the words its history uses (label: what happened)."""

    SUBMIT = "submit", "Submitted by the school"
    SEND_TO_PAYER = "send_to_payer", "Sent to the payer for payment"
    PAYER_ASKS = "payer_asks", "The payer asked for more information"
    INFORMATION_SENT = "information_sent", "Information sent to the payer"
    PAYER_PAYS = "payer_pays", "Paid by the payer"
    PAYER_REFUSES = "payer_refuses", "Not paid by the payer"
    REQUEST_AUDIT = "request_audit", "Chosen for an audit by the accredited provider"
    PROVIDER_CONFIRMS = "provider_confirms", "The accredited provider confirmed the hours"
    PROVIDER_REJECTS = "provider_rejects", "The accredited provider did not confirm some hours"
    SCHOOL_ACCEPTS = "school_accepts", "The school accepted the provider's reasons"
    SCHOOL_DISPUTES = "school_disputes", "The school said why the training took place"
    UPHOLD_SCHOOL = "uphold_school", "Support staff agreed with the school"
    PROPOSE_CLAWBACK = "propose_clawback", "Support staff proposed a clawback"
    APPROVE_CLAWBACK = "approve_clawback", "Support staff approved the clawback"
    SEND_CLAWBACK_TO_PAYER = "send_clawback_to_payer", "Clawback sent to the payer"
    PAYER_CLAWS_BACK = "payer_claws_back", "The payer took the money back"


_S = ClaimStatus
# Each transition: the statuses it may start from, and the status it leads to. The one table of what can happen.
TRANSITIONS = {
    Transition.SUBMIT: ({_S.DRAFT}, _S.SUBMITTED),
    Transition.SEND_TO_PAYER: ({_S.SUBMITTED}, _S.PAYMENT_IN_PROGRESS),
    Transition.PAYER_ASKS: ({_S.PAYMENT_IN_PROGRESS}, _S.INFORMATION_REQUESTED),
    Transition.INFORMATION_SENT: ({_S.INFORMATION_REQUESTED}, _S.PAYMENT_IN_PROGRESS),
    Transition.PAYER_PAYS: ({_S.PAYMENT_IN_PROGRESS, _S.INFORMATION_REQUESTED}, _S.PAID),
    Transition.PAYER_REFUSES: ({_S.PAYMENT_IN_PROGRESS, _S.INFORMATION_REQUESTED}, _S.NOT_PAID),
    Transition.REQUEST_AUDIT: ({_S.PAID}, _S.AUDIT_REQUESTED),
    Transition.PROVIDER_CONFIRMS: ({_S.AUDIT_REQUESTED}, _S.PAID),
    Transition.PROVIDER_REJECTS: ({_S.AUDIT_REQUESTED}, _S.REJECTED_BY_PROVIDER),
    Transition.SCHOOL_ACCEPTS: ({_S.REJECTED_BY_PROVIDER}, _S.CLAWBACK_AWAITING_APPROVAL),
    Transition.SCHOOL_DISPUTES: ({_S.REJECTED_BY_PROVIDER}, _S.REJECTED_BY_SCHOOL),
    Transition.UPHOLD_SCHOOL: ({_S.REJECTED_BY_SCHOOL}, _S.PAID),
    Transition.PROPOSE_CLAWBACK: ({_S.REJECTED_BY_SCHOOL}, _S.CLAWBACK_AWAITING_APPROVAL),
    Transition.APPROVE_CLAWBACK: ({_S.CLAWBACK_AWAITING_APPROVAL}, _S.CLAWBACK_REQUESTED),
    Transition.SEND_CLAWBACK_TO_PAYER: ({_S.CLAWBACK_REQUESTED}, _S.CLAWBACK_IN_PROGRESS),
    Transition.PAYER_CLAWS_BACK: ({_S.CLAWBACK_IN_PROGRESS}, _S.CLAWBACK_COMPLETE),
}


class ClaimQuerySet(models.QuerySet):
    def counting(self):
        """Claims whose hours count towards their mentors' allowances: every claim but those rejected by the payer,
        drafts included."""
        return self.exclude(status__in=Claim.NOT_COUNTING)

    def submitted(self):
        """Claims the school has submitted and that still count."""
        return self.counting().exclude(status__in=Claim.NOT_SUBMITTED)


class Claim(models.Model):
    """A school's claim for the hours its mentors trained with one accredited provider in one academic year.

    The hourly rate is the one of the academic year and the school's funding region when it was submitted, kept on
    the claim, so a later change of rate or region never changes it. Amounts are whole pence.
    """

    Status = ClaimStatus

    # What each status means for the rules, so that a new status needs no change to them: hours of a claim the
    # payer rejected no longer count towards the allowance; a claim not yet submitted counts, but does not make
    # its mentors' training in a later year a refresher.
    NOT_COUNTING = frozenset({ClaimStatus.NOT_PAID})
    NOT_SUBMITTED = frozenset({ClaimStatus.DRAFT})

    reference = models.CharField(max_length=REFERENCE_LENGTH, unique=True, help_text="8 random digits.")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="claims")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="claims")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(max_length=30, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    funding_region = models.ForeignKey(FundingRegion, on_delete=models.PROTECT, related_name="+")
    rate_pence = models.PositiveIntegerField("hourly rate", help_text="In pence, as it was when submitted.")
    total_hours = models.PositiveSmallIntegerField()
    amount_pence = models.PositiveIntegerField("amount", help_text="In pence: the total hours × the hourly rate.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    audit_requested_at = models.DateTimeField(null=True, blank=True)
    clawback_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who entered the hours to take back: someone else approves them.",
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A school's claims, newest first, a page at a time.
            models.Index(fields=["school", "-created_at", "-id"], name="claim_school_newest"),
            models.Index(fields=["provider", "academic_year"], name="claim_provider_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reference__regex=rf"^[0-9]{{{REFERENCE_LENGTH}}}$"), name="claim_reference_8_digits"
            ),
            models.CheckConstraint(condition=models.Q(status__in=ClaimStatus.values), name="claim_status_is_known"),
            models.CheckConstraint(condition=models.Q(total_hours__gt=0), name="claim_has_hours"),
            models.CheckConstraint(
                condition=models.Q(amount_pence=models.F("total_hours") * models.F("rate_pence")),
                name="claim_amount_is_hours_times_rate",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="claim_submitted_says_when_and_by_whom",
            ),
        ]

    def __str__(self):
        return f"Claim {self.reference}"


class ClaimMentor(models.Model):
    """A mentor's hours of training in a claim. The TRN is kept as it was: allowances are counted by TRN, across
    every school."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="mentors")
    mentor = models.ForeignKey("mentors.Mentor", on_delete=models.PROTECT, related_name="claimed")
    trn = models.CharField("TRN", max_length=TRN_LENGTH)
    hours = models.PositiveSmallIntegerField()
    # The provider's audit of the mentor's hours: confirmed, or not with a reason.
    hours_confirmed = models.BooleanField(null=True, blank=True)
    not_confirmed_reason = models.TextField(blank=True)
    # Support staff's clawback: the hours whose money is taken back.
    clawback_hours = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["mentor__last_name", "mentor__first_name", "pk"]
        indexes = [models.Index(fields=["trn"], name="claim_mentor_trn")]
        constraints = [
            models.UniqueConstraint(fields=["claim", "trn"], name="claim_mentor_once_per_claim"),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="claim_mentor_has_hours"),
            models.CheckConstraint(
                condition=models.Q(clawback_hours__lte=models.F("hours")), name="claim_mentor_clawback_at_most_hours"
            ),
            models.CheckConstraint(
                condition=~models.Q(hours_confirmed=False, not_confirmed_reason=""),
                name="claim_mentor_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.trn}: {self.hours} hours in {self.claim}"

    @property
    def amount_pence(self):
        return self.hours * self.claim.rate_pence


class TrainingAllowance(models.Model):
    """A mentor's (TRN's) allowance of hours with one provider in one academic year, as a row to lock: every
    submission of a claim for the mentor locks it first (claims.services), so two claims at once are counted one
    after the other and can never take the mentor over the allowance together. The hours are counted from the
    claims themselves."""

    trn = models.CharField("TRN", max_length=TRN_LENGTH)
    provider = models.ForeignKey("providers.Provider", on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trn", "provider", "academic_year"], name="training_allowance_one_per_trn_provider_year"
            )
        ]

    def __str__(self):
        return f"{self.trn} with {self.provider_id} in {self.academic_year_id}"


class ClaimActivity(models.Model):
    """One step in a claim's history: what happened (a transition), from and to which status, who did it (nobody
    for the service itself) and when, with a note (the payer's reason, say)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="activities")
    transition = models.CharField(max_length=30, choices=Transition.choices)
    from_status = models.CharField(max_length=30, choices=ClaimStatus.choices)
    to_status = models.CharField(max_length=30, choices=ClaimStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "claim activities"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["claim", "at"], name="claim_activity_claim_at")]

    def __str__(self):
        return f"{self.claim}: {self.get_transition_display()}"

    @property
    def in_plain_words(self):
        """What happened, and the note: "Not paid by the payer: the bank details are wrong"."""
        what = self.get_transition_display()
        return f"{what}: {self.note}" if self.note else what


class PayerBatch(models.Model):
    """A CSV file of claims sent to the payer: claims to pay, or clawbacks to take back. The file is kept as it was
    sent; the payer downloads it once, through a signed link emailed to them, and answers with a file of their
    own, which support staff upload."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", "Payments"
        CLAWBACK = "clawback", "Clawbacks"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    window = models.ForeignKey(
        ClaimWindow, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="For payments."
    )
    claims = models.ManyToManyField(Claim, related_name="payer_batches")
    file = models.TextField(help_text="The CSV file as it was sent.")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "batch sent to the payer"
        verbose_name_plural = "batches sent to the payer"
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} sent on {govuk_date(self.sent_at)}"


class AuditSample(models.Model):
    """Paid claims of a claim window chosen for an audit: drawn at random, worth at least a tenth of what the
    window's claims were paid (reproducible from the seed, each draw logged), or listed by support staff."""

    window = models.ForeignKey(ClaimWindow, on_delete=models.PROTECT, related_name="+")
    claims = models.ManyToManyField(Claim, related_name="audit_samples")
    seed = models.BigIntegerField(null=True, blank=True, help_text="None when support staff listed the claims.")
    paid_pence = models.PositiveBigIntegerField("value of the window's paid claims", default=0)
    sampled_pence = models.PositiveBigIntegerField("value of the claims sampled", default=0)
    draws = models.JSONField(default=list, help_text="Each claim drawn in order: reference, amount, running total.")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-drawn_at", "-pk"]

    def __str__(self):
        return f"Audit sample of {govuk_date(self.drawn_at)}"


class AssuranceReminder(models.Model):
    """A reminder emailed to a provider (audits due soon) or a school (responses outstanding): one a week at most."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["sent_at"], name="assurance_reminder_sent_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(provider__isnull=True) ^ models.Q(school__isnull=True),
                name="assurance_reminder_to_provider_or_school",
            )
        ]

    def __str__(self):
        return f"Reminder to {self.provider or self.school} on {govuk_date(self.sent_at)}"
