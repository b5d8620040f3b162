from django.db import models


class JourneySubmission(models.Model):
    """A question journey that has been submitted, and what it made: submitting the same journey again (a double
    click, two tabs, a retried request) finds this row and returns the same result (core.services.submit_once)."""

    journey_id = models.UUIDField(primary_key=True)
    # What the journey made: a model (its label, such as "mentors.Mentor") and the row's primary key.
    result_model = models.CharField(max_length=100)
    result_id = models.BigIntegerField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "submitted journey"

    def __str__(self):
        return f"{self.journey_id} made {self.result_model} {self.result_id}"
