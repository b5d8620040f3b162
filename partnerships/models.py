from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Partnership(models.Model):
    """A school works with an accredited provider: the provider's users see the school's current mentors, and
    the school's trainees and claims name the provider."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="partnerships")
    provider = models.ForeignKey("providers.Provider", on_delete=models.CASCADE, related_name="partnerships")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["provider__name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "provider"], name="partnership_one_per_school_and_provider")
        ]

    def __str__(self):
        return f"{self.school} with {self.provider}"
