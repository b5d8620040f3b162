"""The lists a school chooses from when it describes a mentor: phases, subjects, age ranges and key stages.

Rows are created by a data migration and kept up to date in Django admin. Forms read them through
reference_data.selectors, never from a copy.
"""

from django.db import models


class ReferenceItem(models.Model):
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(help_text="Where the item stands in the lists people see.")

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Phase(ReferenceItem):
    """A phase of education as the service uses it: what a school teaches decides the lists it is offered."""

    class Code(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"

    code = models.CharField(max_length=20, unique=True, choices=Code.choices)

    class Meta(ReferenceItem.Meta):
        pass


class Subject(ReferenceItem):
    """A primary subject specialism or a secondary subject."""

    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="subjects")

    class Meta(ReferenceItem.Meta):
        pass


class KeyStage(ReferenceItem):
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="key_stages")

    class Meta(ReferenceItem.Meta):
        pass


class AgeRange(ReferenceItem):
    """An age range of pupils, offered to the schools of one or more phases.

    Some age ranges cross phases: '7 to 14 - middle years' is offered in both, and choosing it offers
    'Key stage 2' among the key stages whatever the school's phase (additional_key_stages).
    """

    low_age = models.PositiveSmallIntegerField()
    high_age = models.PositiveSmallIntegerField()
    phases = models.ManyToManyField(Phase, related_name="age_ranges")
    additional_key_stages = models.ManyToManyField(
        KeyStage,
        blank=True,
        related_name="age_ranges_offering",
        help_text="Key stages offered when this age range is chosen, whatever the school's phase.",
    )

    class Meta(ReferenceItem.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(low_age__lt=models.F("high_age")), name="age_range_low_age_below_high_age"
            )
        ]


class SendArea(ReferenceItem):
    """One of the four broad areas of need of the special educational needs and disability (SEND) code of practice,
    in which a mentor can support a trainee."""

    class Meta(ReferenceItem.Meta):
        verbose_name = "SEND area of need"
