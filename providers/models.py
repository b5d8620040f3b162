from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

CODE_LENGTH = 3


class ProviderType(models.TextChoices):
    """Publish's provider_type values."""

    UNIVERSITY = "university", "University"
    SCITT = "scitt", "School-centred initial teacher training (SCITT)"
    LEAD_SCHOOL = "lead_school", "Lead school"


class ProviderQuerySet(models.QuerySet):
    def accredited(self):
        """The providers open in the service: those Publish lists as accredited in the current recruitment cycle."""
        return self.filter(accredited=True)


class Provider(models.Model):
    """An initial teacher training (ITT) provider, as DfE's Publish teacher training courses service lists it."""

    code = models.CharField(
        max_length=CODE_LENGTH, unique=True, help_text="Publish's provider code: 3 letters or digits, such as 1TZ."
    )
    name = models.CharField(max_length=255)
    provider_type = models.CharField(max_length=20, choices=ProviderType.choices)
    # False once Publish says the provider is not accredited, or it has left Publish's list: kept, for the record.
    accredited = models.BooleanField(default=False)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True, help_text="UK provider reference number.")
    urn = models.CharField("URN", max_length=8, blank=True, help_text="Unique reference number in GIAS (schools).")
    address_line_1 = models.CharField(max_length=255, blank=True)
    address_line_2 = models.CharField(max_length=255, blank=True)
    address_line_3 = models.CharField(max_length=255, blank=True)
    town = models.CharField("town or city", max_length=255, blank=True)
    county = models.CharField(max_length=255, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    email = models.EmailField("email address", blank=True)

    # Where the details came from: the provider's record in one recruitment cycle of Publish.
    publish_id = models.CharField("Publish ID", max_length=20, blank=True)
    recruitment_cycle_year = models.PositiveSmallIntegerField(null=True, blank=True)
    changed_at = models.DateTimeField("changed in Publish", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProviderQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=rf"^[A-Z0-9]{{{CODE_LENGTH}}}$"), name="provider_code_is_3_characters"
            ),
            models.CheckConstraint(
                condition=models.Q(provider_type__in=ProviderType.values), name="provider_type_is_publishs"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class ProviderMembership(models.Model):
    """A user's place at an accredited provider: they see its partner schools' mentors and the claims for training
    with it, and answer its audits. A user may belong to schools, to providers, or both."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_memberships")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["provider__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="provider_membership_one_per_user_and_provider")
        ]

    def __str__(self):
        return f"{self.user} at {self.provider.name}"
