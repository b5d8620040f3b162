"""The staff reports' figures, summarised: grouping every school's live rows takes seconds at national scale, so a
background task (reports.services.refresh_summaries) groups them now and then and the pages read the result."""

from django.db import models


class SummaryRow(models.Model):
    """A row of a figure (reports.reports's slugs) for one choice of filters: an empty filter is "all"."""

    figure = models.CharField(max_length=40)
    academic_year = models.ForeignKey("claims.AcademicYear", null=True, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("claims.FundingRegion", null=True, on_delete=models.CASCADE, related_name="+")
    phase = models.PositiveSmallIntegerField(null=True)
    # The row's place in the figure, as the live query ordered it.
    position = models.PositiveIntegerField()
    # What the row is of (a name, a code, a year, or a month's first day as ISO text), then its numbers.
    value = models.JSONField(null=True)
    numbers = models.JSONField()

    class Meta:
        indexes = [models.Index(fields=["figure", "academic_year", "region", "phase", "position"])]

    def __str__(self):
        return f"{self.figure}: {self.value}"


class SummaryRefresh(models.Model):
    """When the summaries were last refreshed: one row, replaced with them."""

    refreshed_at = models.DateTimeField()

    def __str__(self):
        return f"Refreshed at {self.refreshed_at}"
