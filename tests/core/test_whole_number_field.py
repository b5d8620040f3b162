"""The GOV.UK whole-number field (core.fields.WholeNumberField): what it takes, and what it says of the rest."""

import pytest
from django import forms

from core.fields import WholeNumberField


class HoursForm(forms.Form):
    hours = WholeNumberField(label="Number of hours", name="Number of hours", min_value=1, max_value=16)


@pytest.mark.parametrize(
    "typed, number",
    [("1", 1), ("16", 16), (" 7 ", 7), ("007", 7), ("\t12\n", 12)],
)
def test_whole_numbers_in_range(typed, number):
    form = HoursForm({"hours": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["hours"] == number


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter the number of hours"),
        ("   ", "Enter the number of hours"),
        ("ten", "Number of hours must be a whole number"),
        ("1.5", "Number of hours must be a whole number"),
        ("1,0", "Number of hours must be a whole number"),
        ("+5", "Number of hours must be a whole number"),
        ("1_0", "Number of hours must be a whole number"),
        ("٣", "Number of hours must be a whole number"),  # digits int() takes, from other scripts
        ("１", "Number of hours must be a whole number"),
        ("²", "Number of hours must be a whole number"),
        ("5\x00", "Number of hours must be a whole number"),
        ("0", "Number of hours must be between 1 and 16"),
        ("-3", "Number of hours must be between 1 and 16"),
        ("17", "Number of hours must be between 1 and 16"),
        ("9" * 5000, "Number of hours must be between 1 and 16"),  # more digits than int() will read
        ("-" + "9" * 5000, "Number of hours must be between 1 and 16"),
    ],
)
def test_what_is_not_a_whole_number_in_range(typed, message):
    form = HoursForm({"hours": typed})
    assert form.errors["hours"] == [message]


def test_the_range_may_follow_the_data():
    form = HoursForm({"hours": "7"})
    form.fields["hours"].set_range(1, 6)
    assert form.errors["hours"] == ["Number of hours must be between 1 and 6"]


def test_brings_up_a_numeric_keypad():
    assert HoursForm().fields["hours"].widget.attrs["inputmode"] == "numeric"
