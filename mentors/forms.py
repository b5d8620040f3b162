"""The add-mentor questions. Each form takes the school (its phase decides the choices) and the answers so far."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from reference_data.models import AgeRange

from . import selectors
from .models import Mentor, trn_validator

NAME_MAX_LENGTH = Mentor._meta.get_field("first_name").max_length
EMAIL_MAX_LENGTH = Mentor._meta.get_field("email").max_length


def _continue(*fields):
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("submit", "Continue"))
    return helper


class MentorQuestionForm(forms.Form):
    def __init__(self, *args, school, answers, mentor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.answers = answers
        self.mentor = mentor


class PersonalDetailsForm(MentorQuestionForm):
    title = "Personal details"

    first_name = forms.CharField(
        label="First name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter a first name",
            "max_length": f"First name must be {NAME_MAX_LENGTH} characters or fewer",
            "null_characters_not_allowed": "First name contains a character that is not allowed",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter a last name",
            "max_length": f"Last name must be {NAME_MAX_LENGTH} characters or fewer",
            "null_characters_not_allowed": "Last name contains a character that is not allowed",
        },
    )
    trn = forms.CharField(
        label="Teacher reference number (TRN)",
        help_text="Must be 7 digits, for example 1234567",
        validators=[trn_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter a teacher reference number (TRN)",
            "null_characters_not_allowed": trn_validator.message,
        },
    )
    email = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"Email address must be {EMAIL_MAX_LENGTH} characters or fewer",
            "null_characters_not_allowed": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _continue(
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field.text("trn", field_width=10),
            Field.text("email", field_width=30),
        )

    def clean_trn(self):
        trn = self.cleaned_data["trn"]
        if selectors.school_has_mentor_with_trn(self.school, trn, other_than=self.mentor):
            raise forms.ValidationError(
                f"{self.school.name} already has a mentor with this teacher reference number (TRN)"
            )
        return trn

    def clean_email(self):
        return self.cleaned_data["email"].lower()


def _choice_field(label, message):
    return forms.ModelChoiceField(
        label=label,
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class ChoiceQuestionForm(MentorQuestionForm):
    """A question answered by choosing one of the school's options: radios whose legend is the page heading."""

    def choices(self):
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        (field_name,) = self.fields
        self.fields[field_name].queryset = self.choices()
        self.helper = _continue(Field.radios(field_name, legend_size=Size.LARGE, legend_tag="h1"))


class SubjectForm(ChoiceQuestionForm):
    title = "Subject"
    subject = _choice_field("Subject", "Select a subject")

    def choices(self):
        return selectors.subjects_for_school(self.school)


class AgeRangeForm(ChoiceQuestionForm):
    title = "Age range"
    age_range = _choice_field("Age range", "Select an age range")

    def choices(self):
        return selectors.age_ranges_for_school(self.school)


class KeyStageForm(ChoiceQuestionForm):
    title = "Key stage"
    key_stage = _choice_field("Key stage", "Select a key stage")

    def choices(self):
        # The key stages offered depend on the age range answered before.
        age_range = AgeRange.objects.filter(pk=self.answers.get("age_range")).first()
        return selectors.key_stages_for_school(self.school, age_range)
