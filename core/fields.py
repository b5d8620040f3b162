"""GOV.UK form fields that the Design System defines and Django does not: the date input, and text that people
type (names, details) with the checks every such field needs."""

import re
import unicodedata
from datetime import date

from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

PARTS = ("day", "month", "year")
# Only the digits 0 to 9: str.isdecimal() and int() also take other scripts' digits ("٣") and "+5" or "2_15".
ASCII_DIGITS = re.compile(r"[0-9]+")


class GovUKDateInput(DateInputWidget):
    """crispy-forms-gds's date input, whose parts bring up a numeric keypad as GOV.UK Frontend's do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part in self.widgets:
            part.attrs["inputmode"] = "numeric"


class GovUKDateField(forms.MultiValueField):
    """A date entered as day, month and year, named in its messages by `name`, e.g. "Date qualified as a teacher".

    Messages follow the GOV.UK date input pattern: a missing part, a date that is not real, one that is not in the
    past (when="past", the default: a date something happened) or not in the future (when="future": a date
    something will happen); when="any" takes either (a trainee's start date). The first part in error carries the
    message, so the error summary links to that input.
    """

    widget = GovUKDateInput
    PAST, FUTURE, ANY = "past", "future", "any"

    def __init__(self, *, name, when=PAST, **kwargs):
        self.name = name
        self.when = when
        parts = [forms.CharField(required=False) for _ in PARTS]
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def clean(self, value):
        for part in self.fields:
            part.widget.errors = []
        # The parts the error is about, to highlight: those missing, or all three for the whole date.
        self.parts_in_error = set()
        values = [str(part or "").strip() for part in (list(value or []) + [None] * 3)[:3]]
        missing = [name for name, part in zip(PARTS, values, strict=False) if not part]
        if len(missing) == len(PARTS):
            if self.required:
                self._fail(f"Enter the {self.name[0].lower()}{self.name[1:]}")
            return None
        if missing:
            self._fail(f"{self.name} must include a {' and '.join(missing)}", [PARTS.index(name) for name in missing])
        day, month, year = values
        try:
            if len(year) != 4 or not all(ASCII_DIGITS.fullmatch(part) for part in values):
                raise ValueError
            entered = date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day of 2**31 overflows C's int
            self._fail(f"{self.name} must be a real date")
        today = timezone.localdate()
        if self.when == self.PAST and entered > today:
            self._fail(f"{self.name} must be in the past")
        if self.when == self.FUTURE and entered <= today:
            self._fail(f"{self.name} must be in the future")
        return entered

    def _fail(self, message, parts=(0, 1, 2)):
        raise self.refuse(message, parts)

    def refuse(self, message, parts=(0, 1, 2)):
        """The error refusing the date for a reason about these parts (by default, the whole date), for the field's
        own clean or its form's (a rule of several answers), to raise or add."""
        # crispy-forms-gds links the error summary to the part whose widget carries the message: the first.
        self.fields[parts[0]].widget.errors = [message]
        self.parts_in_error = set(parts)
        return ValidationError(message)

    def compress(self, data_list):
        raise NotImplementedError("clean() builds the date itself")


# Characters that reorder the text around them (right-to-left overrides and isolates): in a name they can make a
# list or an email say something else than what was typed.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def has_visible_character(text):
    """Whether the text shows anything: not only spaces, zero-width characters or other invisible formatting."""
    return any(not (character.isspace() or unicodedata.category(character) in ("Cf", "Cc")) for character in text)


class PersonNameField(forms.CharField):
    """A person's first or last name: required, at most max_length characters, and never invisible or reordering
    the text around it. Messages name the field by its label ("Enter a first name")."""

    def __init__(self, *, label, max_length, **kwargs):
        self.not_allowed = f"{label} contains a character that is not allowed"
        super().__init__(
            label=label,
            max_length=max_length,
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            error_messages={
                "required": f"Enter a {label.lower()}",
                "max_length": f"{label} must be {max_length:,} characters or fewer",
                "null_characters_not_allowed": self.not_allowed,
            },
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if not has_visible_character(value):
            raise ValidationError(self.error_messages["required"], code="required")
        if BIDI_CONTROLS.search(value):
            raise ValidationError(self.not_allowed, code="bidi_control")
        return value


def details_field(*, label, name, hint, max_length=1000, **kwargs):
    """Optional text in the user's own words, at most max_length characters (with a character count on the page).
    `name` is what messages call it: "Details must be 1,000 characters or fewer"."""
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"{name} must be {max_length:,} characters or fewer",
            "null_characters_not_allowed": f"{name} contains a character that is not allowed",
        },
        **kwargs,
    )


# Digits past this many are out of any range a form asks for (and int() refuses thousands of them).
WHOLE_NUMBER_DIGITS = 9


class WholeNumberField(forms.CharField):
    """A whole number typed in a text input (the numeric keypad on phones, as GOV.UK Frontend's), from min_value to
    max_value. Messages follow the Design System's and name the field by `name`: "Number of hours must be between
    1 and 16"."""

    def __init__(self, *, name, min_value, max_value, **kwargs):
        self.name = name
        self.min_value, self.max_value = min_value, max_value
        not_whole = f"{name} must be a whole number"
        super().__init__(
            widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}),
            error_messages={
                "required": f"Enter the {name[0].lower()}{name[1:]}",
                "invalid": not_whole,
                "null_characters_not_allowed": not_whole,
            },
            **kwargs,
        )

    def set_range(self, min_value, max_value):
        """Change the range, for a number whose most depends on the data (what is left of an allowance)."""
        self.min_value, self.max_value = min_value, max_value

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(text.lstrip("-").lstrip("0")) > WHOLE_NUMBER_DIGITS or not (
            self.min_value <= int(text) <= self.max_value
        ):
            raise ValidationError(
                f"{self.name} must be between {self.min_value:,} and {self.max_value:,}", code="out_of_range"
            )
        return int(text)


class _ChoicesInOneQuery(forms.models.ModelChoiceIterator):
    """A model choice field's choices read with one plain query, kept for the form. Django's own reads the queryset
    through a server-side cursor on PostgreSQL (three round trips) each time the choices are listed."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset:
            yield self.choice(instance)

    def __len__(self):
        # Django's counts them in a query of its own (list() asks first); this reads them, for the choices to use.
        return len(self.queryset) + (self.field.empty_label is not None)


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, listing its choices in one query."""

    iterator = _ChoicesInOneQuery


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, listing its choices in one query."""

    iterator = _ChoicesInOneQuery
