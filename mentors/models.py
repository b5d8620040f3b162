from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from core import formatting
from reference_data.models import AgeRange, KeyStage, SendArea, Subject
from schools.models import Membership, School

TRN_LENGTH = 7

trn_validator = RegexValidator(r"^[0-9]{7}\Z", "Teacher reference number (TRN) must be 7 digits")


class RemovalReason(models.TextChoices):
    LEFT_SCHOOL = "left_school", "They have left the school"
    NO_LONGER_MENTORING = "no_longer_mentoring", "They no longer want to mentor"
    OTHER = "other", "Other"


class DQTStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", "Not yet checked"
    FOUND = "found", "Found"
    NOT_FOUND = "not_found", "Not found"
    NAME_MISMATCH = "name_mismatch", "Name does not match"


# Details the Database of Qualified Teachers gives, once it has the mentor's record: not the school's to change.
FROM_DQT = frozenset({"date_qualified", "qualifications"})

# A mentor still at their school: removing one keeps the record, with who removed them, when and why.
CURRENT = models.Q(removed_at__isnull=True)


class MentorQuerySet(models.QuerySet):
    def current(self):
        """Mentors at their school now: not removed."""
        return self.filter(CURRENT)

    def removed(self):
        return self.exclude(CURRENT)

    def shown_to_providers(self):
        """Current mentors whom the school shows to its partner providers."""
        return self.current().filter(shown_to_providers=True)


class Mentor(models.Model):
    """A teacher who mentors trainee teachers at a school. The same person may mentor at several schools."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="mentors")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    # Kept as text: a TRN's leading zeros are part of it.
    trn = models.CharField("teacher reference number (TRN)", max_length=TRN_LENGTH, validators=[trn_validator])
    email = models.EmailField("email address")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    age_range = models.ForeignKey(AgeRange, on_delete=models.PROTECT, related_name="+")
    key_stage = models.ForeignKey(KeyStage, on_delete=models.PROTECT, related_name="+")
    # Additional details, all optional.
    date_qualified = models.DateField("date qualified as a teacher", null=True, blank=True)
    qualifications = models.TextField(blank=True)
    date_started_mentoring = models.DateField(null=True, blank=True)
    provider_training = models.TextField(blank=True)
    send_training = models.BooleanField("SEND training", null=True, blank=True)
    send_training_details = models.TextField("SEND training details", blank=True)
    subject_networks = models.TextField("subject networks and associations", blank=True)
    other_experiences = models.TextField(blank=True)
    send_support = models.ManyToManyField(
        SendArea, blank=True, related_name="+", verbose_name="SEND support they can offer"
    )
    # The school said they can offer support in none of the areas (no area chosen, and this unset: not answered).
    offers_no_send_support = models.BooleanField("offers no SEND support", default=False)

    # Whether they can take a trainee: their status is worked out from this and their trainees (selectors.status).
    unavailable = models.BooleanField("not available", default=False)
    unavailable_reason = models.TextField("why they are not available", blank=True)
    available_again_on = models.DateField("when they will be available again", null=True, blank=True)
    # Providers searching their partner schools' mentors never see one the school keeps to itself.
    shown_to_providers = models.BooleanField(default=True)

    # The termly review: who last confirmed the mentor's details are up to date, and when.
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # From the Database of Qualified Teachers (the Teaching Record System): not editable by the school.
    dqt_status = models.CharField("DQT check", max_length=20, choices=DQTStatus.choices, default=DQTStatus.NOT_CHECKED)
    dqt_checked_at = models.DateTimeField("last checked in DQT", null=True, blank=True)
    dqt_date_qualified = models.DateField("date qualified (from DQT)", null=True, blank=True)
    dqt_qualifications = models.TextField("qualifications (from DQT)", blank=True)
    dqt_induction_status = models.CharField("induction status (from DQT)", max_length=50, blank=True)

    lead_mentor = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_mentors",
        limit_choices_to={"role": Membership.Role.LEAD_MENTOR},
        help_text="The school's lead mentor who keeps this mentor's details up to date.",
    )

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # A removed mentor is kept, with who removed them, when and why; they no longer appear at the school.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removal_reason = models.CharField(max_length=30, choices=RemovalReason.choices, blank=True)
    removal_reason_details = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[send_support])

    objects = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        # The pages' lookups and searches have PostgreSQL-only indexes too: see migration 0003_search_indexes.
        indexes = [models.Index(fields=["last_name", "first_name"], name="mentor_name")]
        constraints = [
            models.UniqueConstraint(fields=["school", "trn"], condition=CURRENT, name="mentor_trn_unique_per_school"),
            # Email addresses are kept in lower case (services.py); the index holds whatever gets past that too.
            models.UniqueConstraint("school", Lower("email"), condition=CURRENT, name="mentor_email_unique_per_school"),
            models.CheckConstraint(condition=models.Q(trn__regex=r"^[0-9]{7}$"), name="mentor_trn_is_7_digits"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.trn})"

    @property
    def qualified_on(self):
        """The date they qualified as a teacher: DQT's when it has one, otherwise what the school entered."""
        return self.dqt_date_qualified or self.date_qualified

    @property
    def details_from_dqt(self):
        return self.dqt_status == DQTStatus.FOUND

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class MentorStatus(models.TextChoices):
    """Worked out from the mentor's trainees and availability, never typed in (selectors.with_status)."""

    MENTORING = "mentoring", "Mentoring a trainee"
    AVAILABLE = "available", "Available"
    NOT_AVAILABLE = "not_available", "Not available"


# The rule of trainee_ends_after_start, in the words of the trainee pages.
ENDS_AFTER_START = "End date must be after the start date"


def ends_by_message(assignment):
    """Ending a trainee's mentoring early: never after the end already planned."""
    return f"Date mentoring ended must be the same as or before {formatting.govuk_date(assignment.ends_on)}"


class TraineeAssignment(models.Model):
    """A trainee teacher the mentor mentors, from one of the school's partner providers, for a while."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="trainees")
    first_name = models.CharField("trainee's first name", max_length=100)
    last_name = models.CharField("trainee's last name", max_length=100)
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="trainee_assignments")
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="trainee_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}, mentored by {self.mentor.full_name}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def is_current(self, today):
        return self.starts_on <= today <= self.ends_on


class ReviewReminder(models.Model):
    """A user was reminded to review their mentors' details this term (send_review_reminders), so not again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    term_starts_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school", "term_starts_on"], name="review_reminder_once_a_term")
        ]

    def __str__(self):
        return f"{self.user} reminded for {self.school.name} on {self.sent_at:%Y-%m-%d}"
