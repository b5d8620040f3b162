"""The GOV.UK date input as a form field, with the Design System's error messages."""

from datetime import date

from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

PARTS = ("day", "month", "year")


class GovUKDateField(forms.MultiValueField):
    """A date entered as day, month and year, named in its messages by `name`, e.g. "Date qualified as a teacher".

    Messages follow the GOV.UK date input pattern: a missing part, a date that is not real, one in the future.
    The first part in error carries the message, so the error summary links to that input.
    """

    widget = DateInputWidget

    def __init__(self, *, name, **kwargs):
        self.name = name
        parts = [forms.CharField(required=False) for _ in PARTS]
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def clean(self, value):
        for part in self.fields:
            part.widget.errors = []
        values = [str(part or "").strip() for part in (list(value or []) + [None] * 3)[:3]]
        missing = [name for name, part in zip(PARTS, values, strict=False) if not part]
        if len(missing) == len(PARTS):
            if self.required:
                raise ValidationError(f"Enter the {self.name[0].lower()}{self.name[1:]}", code="required")
            return None
        if missing:
            self._fail(PARTS.index(missing[0]), f"{self.name} must include a {' and '.join(missing)}")
        day, month, year = values
        try:
            # Digits only: int() would also take "+5" or "2_15".
            if len(year) != 4 or not all(part.isdecimal() for part in values):
                raise ValueError
            entered = date(int(year), int(month), int(day))
        except ValueError:
            self._fail(0, f"{self.name} must be a real date")
        if entered > timezone.localdate():
            self._fail(0, f"{self.name} must be in the past")
        return entered

    def _fail(self, part_index, message):
        # crispy-forms-gds links the error summary to the part whose widget carries the message.
        self.fields[part_index].widget.errors = [message]
        raise ValidationError(message)

    def compress(self, data_list):
        raise NotImplementedError("clean() builds the date itself")
