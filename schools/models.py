from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class School(models.Model):
    """A school as Get Information About Schools (GIAS) describes it."""

    class GiasPhase(models.IntegerChoices):
        """GIAS's PhaseOfEducation codes."""

        NOT_APPLICABLE = 0, "Not applicable"
        NURSERY = 1, "Nursery"
        PRIMARY = 2, "Primary"
        MIDDLE_DEEMED_PRIMARY = 3, "Middle deemed primary"
        SECONDARY = 4, "Secondary"
        MIDDLE_DEEMED_SECONDARY = 5, "Middle deemed secondary"
        SIXTEEN_PLUS = 6, "16 plus"
        ALL_THROUGH = 7, "All-through"

    urn = models.PositiveIntegerField("URN", unique=True, help_text="Unique reference number in GIAS.")
    name = models.CharField(max_length=255)
    phase_of_education_code = models.PositiveSmallIntegerField("phase of education", choices=GiasPhase.choices)
    phase_of_education_name = models.CharField(max_length=100, blank=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    local_authority = models.CharField(max_length=255, blank=True)
    town = models.CharField(max_length=255, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=255, blank=True)
    establishment_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    establishment_status_name = models.CharField("establishment status", max_length=100, blank=True)
    establishment_type_code = models.PositiveSmallIntegerField(null=True, blank=True)
    establishment_type_name = models.CharField("type of establishment", max_length=255, blank=True)
    # Its own provision for special educational needs (SEN), as GIAS records it.
    sen_types = models.JSONField("types of SEN provided for", default=list, blank=True)
    resourced_provision_type = models.CharField("type of resourced provision", max_length=255, blank=True)
    resourced_provision_on_roll = models.PositiveIntegerField("pupils in resourced provision", null=True, blank=True)
    resourced_provision_capacity = models.PositiveIntegerField("resourced provision places", null=True, blank=True)
    sen_unit_on_roll = models.PositiveIntegerField("pupils in the SEN unit", null=True, blank=True)
    sen_unit_capacity = models.PositiveIntegerField("SEN unit places", null=True, blank=True)
    district_code = models.CharField(
        "district code", max_length=9, blank=True, help_text="GIAS's DistrictAdministrative (code), such as E09000007."
    )
    funding_region = models.ForeignKey(
        "claims.FundingRegion",
        on_delete=models.PROTECT,
        related_name="schools",
        help_text="Where the school's hourly rate for mentor training comes from. Every GIAS import finds it from the "
        "district code again, so a change made here lasts until the next import.",
    )
    # False once GIAS says the school has closed, or it has left GIAS's file: kept, with its mentors, for the record.
    is_open = models.BooleanField("open", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.urn})"


class Membership(models.Model):
    """A user's place at a school, and what they may do there."""

    class Role(models.TextChoices):
        ITT_COORDINATOR = "itt_coordinator", "ITT coordinator"
        LEAD_MENTOR = "lead_mentor", "Lead mentor"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["school__name"]
        constraints = [models.UniqueConstraint(fields=["user", "school"], name="membership_one_per_user_and_school")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.school.name}"
