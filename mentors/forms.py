"""The questions about a mentor, asked when adding one and on their change pages. Each form takes the school (its
phase decides the choices), the answers so far and, on a change page, the mentor."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import ConditionalQuestion, Field, Size
from django import forms

from core import formatting
from core.fields import (
    GovUKDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    PersonNameField,
    details_field,
)
from core.forms import (
    Answer,
    ConditionalRadios,
    QuestionForm,
    form_helper,
    page_heading_checkboxes,
    page_heading_radios,
)
from reference_data import selectors as reference_lists
from reference_data.models import AgeRange, KeyStage, Phase, SendArea, Subject
from schools import selectors as school_selectors

from . import selectors
from .models import ENDS_AFTER_START, Mentor, MentorStatus, RemovalReason, TraineeAssignment, trn_validator

NAME_MAX_LENGTH = Mentor._meta.get_field("first_name").max_length
EMAIL_MAX_LENGTH = Mentor._meta.get_field("email").max_length
TEXT_MAX_LENGTH = 1000


class MentorQuestionForm(QuestionForm):
    def __init__(self, *args, school, answers, mentor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.answers = answers
        self.mentor = mentor


def duplicate_trn_message(school):
    return f"{school.name} already has a mentor with this teacher reference number (TRN)"


def duplicate_email_message(school):
    return f"{school.name} already has a mentor with this email address"


class PersonalDetailsForm(MentorQuestionForm):
    title = heading = "Personal details"
    short_names = {"trn": "TRN"}

    first_name = PersonNameField(label="First name", max_length=NAME_MAX_LENGTH)
    last_name = PersonNameField(label="Last name", max_length=NAME_MAX_LENGTH)
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
        self.helper = form_helper(
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field.text("trn", field_width=10),
            Field.text("email", field_width=30),
        )

    def clean_trn(self):
        trn = self.cleaned_data["trn"]
        if selectors.school_has_mentor_with(self.school, trn=trn, other_than=self.mentor):
            raise forms.ValidationError(duplicate_trn_message(self.school))
        return trn

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if selectors.school_has_mentor_with(self.school, email=email, other_than=self.mentor):
            raise forms.ValidationError(duplicate_email_message(self.school))
        return email


def _choice_field(label, message):
    return ModelChoiceField(
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
        self.helper = form_helper(page_heading_radios(field_name))


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
        age_range_id = str(self.answers.get("age_range") or "")
        age_range = AgeRange.objects.filter(pk=age_range_id).first() if age_range_id.isdecimal() else None
        return selectors.key_stages_for_school(self.school, age_range)


class DateQuestionForm(MentorQuestionForm):
    """An optional date, as the GOV.UK date input whose legend is the page heading."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        (field_name,) = self.fields
        legend = {"legend_size": Size.for_legend(Size.LARGE), "legend_tag": "h1"}
        self.helper = form_helper(Field(field_name, context=legend))


class DateQualifiedForm(DateQuestionForm):
    title = "Date qualified as a teacher"
    date_qualified = GovUKDateField(
        name="Date qualified as a teacher",
        label="When did they qualify as a teacher?",
        required=False,
        help_text="For example, 27 3 2015",
    )

    def clean_date_qualified(self):
        qualified = self.cleaned_data["date_qualified"]
        started = self.mentor.date_started_mentoring
        if qualified and started and qualified > started:
            raise forms.ValidationError(
                "Date qualified as a teacher must be the same as or before the date started mentoring"
            )
        return qualified


class DateStartedMentoringForm(DateQuestionForm):
    title = "Date started mentoring"
    date_started_mentoring = GovUKDateField(
        name="Date started mentoring",
        label="When did they start mentoring?",
        required=False,
        help_text="For example, 1 9 2019",
    )

    def clean_date_started_mentoring(self):
        started = self.cleaned_data["date_started_mentoring"]
        qualified = self.mentor.qualified_on
        if started and qualified and started < qualified:
            raise forms.ValidationError(
                "Date started mentoring must be the same as or after the date qualified as a teacher"
            )
        return started


class TextDetailForm(MentorQuestionForm):
    """An optional detail in the mentor's own words, with a character count; its label is the page heading."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        (field_name,) = self.fields
        self.helper = form_helper(
            Field.textarea(field_name, label_size=Size.LARGE, label_tag="h1", max_characters=TEXT_MAX_LENGTH)
        )


def _detail(label, hint, name=None):
    return details_field(label=label, name=name or label, hint=hint, max_length=TEXT_MAX_LENGTH)


class QualificationsForm(TextDetailForm):
    title = "Qualifications"
    qualifications = _detail("Qualifications", "For example, QTS and a PGCE in secondary mathematics")


class ProviderTrainingForm(TextDetailForm):
    title = "Provider training"
    provider_training = _detail("Provider training", "Mentor training they have done with an ITT provider, and when")


class SubjectNetworksForm(TextDetailForm):
    title = "Subject networks and associations"
    subject_networks = _detail(
        "Subject networks and associations", "For example, the Association for Science Education"
    )


class OtherExperiencesForm(TextDetailForm):
    title = "Other experiences"
    other_experiences = _detail("Other experiences", "Other experience that helps them mentor trainee teachers")


class SendTrainingForm(MentorQuestionForm):
    title = "SEND training"
    send_training = forms.TypedChoiceField(
        label="Have they had training in special educational needs and disabilities (SEND)?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select yes if they have had SEND training"},
    )
    send_training_details = _detail(
        "Give details of their SEND training", "For example, the course and when they did it", "SEND training details"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial.get("send_training") is not None:
            self.initial["send_training"] = "yes" if self.initial["send_training"] else "no"
        self.helper = form_helper(
            ConditionalRadios(
                "send_training",
                ConditionalQuestion("Yes", Field.textarea("send_training_details", max_characters=TEXT_MAX_LENGTH)),
                "No",
                legend_size=Size.LARGE,
                legend_tag="h1",
            )
        )

    @classmethod
    def answers(cls, values):
        trained = values.get("send_training")
        reads = {True: "Yes", False: "No", None: None}[trained]
        if trained and values.get("send_training_details"):
            reads = f"Yes: {values['send_training_details']}"
        return [Answer(cls.title, reads, "send_training")]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("send_training") is not True:
            # Details belong to a yes; a no (or no answer) leaves none behind, errors and all.
            self.errors.pop("send_training_details", None)
            cleaned_data["send_training_details"] = ""
        return cleaned_data


NO_SEND_SUPPORT = "none"


class SendSupportForm(MentorQuestionForm):
    title = "SEND support they can offer"
    send_support = forms.MultipleChoiceField(
        label="What special educational needs and disabilities (SEND) support can they offer a trainee?",
        help_text="Select all that apply. These are the 4 broad areas of need of the SEND code of practice.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the SEND support they can offer, or select none",
            "invalid_choice": "Select the SEND support they can offer, or select none",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {str(area.pk): area for area in reference_lists.send_areas()}
        choices = [Choice(pk, area.name) for pk, area in self.areas.items()]
        choices[-1].divider = "or"
        # "None" is the other kind of answer: it unticks the others (GOV.UK Frontend's exclusive checkbox).
        self.fields["send_support"].choices = [*choices, Choice(NO_SEND_SUPPORT, "None", exclusive=True)]
        if not self.is_bound and self.mentor is not None:
            chosen = [str(getattr(area, "pk", area)) for area in self.initial.get("send_support") or []]
            self.initial["send_support"] = chosen or ([NO_SEND_SUPPORT] if self.mentor.offers_no_send_support else [])
        self.helper = form_helper(page_heading_checkboxes("send_support"))

    def clean_send_support(self):
        chosen = self.cleaned_data["send_support"]
        if NO_SEND_SUPPORT in chosen and len(chosen) > 1:
            raise forms.ValidationError("Select the SEND support they can offer, or select none, not both")
        return chosen

    def clean(self):
        cleaned_data = super().clean()
        chosen = cleaned_data.pop("send_support", None)
        if chosen is not None:
            cleaned_data["offers_no_send_support"] = chosen == [NO_SEND_SUPPORT]
            cleaned_data["send_support"] = [self.areas[pk] for pk in chosen if pk != NO_SEND_SUPPORT]
        return cleaned_data

    @classmethod
    def answers(cls, values):
        areas = values.get("send_support") or []
        reads = ", ".join(area.name for area in areas) or ("None" if values.get("offers_no_send_support") else None)
        return [Answer(cls.title, reads, "send_support", "SEND support they can offer")]


class AvailabilityForm(MentorQuestionForm):
    title = "Availability"
    unavailable = forms.TypedChoiceField(
        label="Can they mentor a trainee at the moment?",
        choices=[("no", "Yes"), ("yes", "No, they are not available")],
        coerce=lambda answer: answer == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if they can mentor a trainee at the moment",
            "invalid_choice": "Select yes if they can mentor a trainee at the moment",
        },
    )
    unavailable_reason = _detail("Why are they not available? (optional)", "For example, they are on leave", "Reason")
    available_again_on = GovUKDateField(
        name="Date they will be available again",
        label="When will they be available again? (optional)",
        required=False,
        when=GovUKDateField.FUTURE,
        help_text="For example, 1 9 2027",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.mentor is not None:
            self.initial["unavailable"] = "yes" if self.mentor.unavailable else "no"
        self.helper = form_helper(
            ConditionalRadios(
                "unavailable",
                "Yes",
                ConditionalQuestion(
                    "No, they are not available",
                    Field.textarea("unavailable_reason", max_characters=TEXT_MAX_LENGTH),
                    # Inside the radios, whose legend is the page's heading: this one is not.
                    Field(
                        "available_again_on", context={"legend_tag": None, "legend_size": Size.for_legend(Size.SMALL)}
                    ),
                ),
                legend_size=Size.LARGE,
                legend_tag="h1",
            )
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("unavailable") is not True:
            # A reason and a date belong to "not available": an available mentor keeps neither, errors and all.
            for name in ("unavailable_reason", "available_again_on"):
                self.errors.pop(name, None)
            cleaned_data.update(unavailable_reason="", available_again_on=None)
        return cleaned_data

    @classmethod
    def answers(cls, values):
        if values.get("unavailable") is None:
            return [Answer("Available to mentor", None, "unavailable")]
        if not values["unavailable"]:
            return [Answer("Available to mentor", "Yes", "unavailable")]
        reads = "No"
        if values.get("available_again_on"):
            reads += f", until {formatting.govuk_date(values['available_again_on'])}"
        if values.get("unavailable_reason"):
            reads += f": {values['unavailable_reason']}"
        return [Answer("Available to mentor", reads, "unavailable")]


class ShownToProvidersForm(MentorQuestionForm):
    title = "Shown to providers"
    shown_to_providers = forms.TypedChoiceField(
        label="Can your partner providers see them when they look for mentors?",
        help_text="Accredited providers your school works with can search your mentors to place trainees.",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if your partner providers can see them",
            "invalid_choice": "Select yes if your partner providers can see them",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.mentor is not None:
            self.initial["shown_to_providers"] = "yes" if self.mentor.shown_to_providers else "no"
        self.helper = form_helper(page_heading_radios("shown_to_providers"))

    @classmethod
    def answers(cls, values):
        return [
            Answer(cls.title, {True: "Yes", False: "No"}.get(values.get("shown_to_providers")), "shown_to_providers")
        ]


NO_LEAD_MENTOR = ""


class LeadMentorForm(MentorQuestionForm):
    title = "Lead mentor"
    lead_mentor = forms.TypedChoiceField(
        label="Who is their lead mentor?",
        help_text="A lead mentor can change the details of the mentors they lead.",
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a lead mentor"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead_mentors = {
            str(membership.pk): membership for membership in school_selectors.lead_mentors_of(self.school)
        }
        choices = [Choice(pk, membership.user.get_full_name()) for pk, membership in self.lead_mentors.items()]
        if choices:
            # "No lead mentor" is the other kind of answer: last, after the Design System's "or".
            choices[-1].divider = "or"
        field = self.fields["lead_mentor"]
        field.choices = [*choices, Choice(NO_LEAD_MENTOR, "No lead mentor")]
        field.coerce = lambda pk: self.lead_mentors.get(pk)
        if not self.is_bound:
            # The current answer is selected, "No lead mentor" included.
            current = self.initial.get("lead_mentor")
            self.initial["lead_mentor"] = str(getattr(current, "pk", current) or NO_LEAD_MENTOR)
        self.helper = form_helper(page_heading_radios("lead_mentor"))

    @classmethod
    def answers(cls, values):
        lead_mentor = values.get("lead_mentor")
        return [Answer(cls.title, lead_mentor.user.get_full_name() if lead_mentor else "No lead mentor", "lead_mentor")]


class RemoveMentorForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you removing them? (optional)",
        choices=RemovalReason.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select why you are removing them"},
    )
    reason_details = _detail("Give details", "For example, they are on long-term leave", "Details")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            ConditionalRadios(
                "reason",
                RemovalReason.LEFT_SCHOOL.label,
                RemovalReason.NO_LONGER_MENTORING.label,
                ConditionalQuestion(
                    RemovalReason.OTHER.label, Field.textarea("reason_details", max_characters=TEXT_MAX_LENGTH)
                ),
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("reason") != RemovalReason.OTHER:
            # Details belong to "Other": any left behind in its hidden box are dropped, errors and all.
            self.errors.pop("reason_details", None)
            cleaned_data["reason_details"] = ""
        return cleaned_data


ANY_STATUS = ""


class MentorSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, TRN or email address",
        required=False,
        max_length=254,
        error_messages={
            "max_length": "Search must be 254 characters or fewer",
            "null_characters_not_allowed": "Search contains a character that is not allowed",
        },
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[(ANY_STATUS, "Any status"), *MentorStatus.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("q", label_size=Size.SMALL, field_width=20), Field("status"), method="get")


class TraineeForm(QuestionForm):
    """A trainee the mentor mentors: who, from which of the school's partner providers, and when."""

    title = heading = "Trainee details"

    first_name = PersonNameField(
        label="First name", max_length=TraineeAssignment._meta.get_field("first_name").max_length
    )
    last_name = PersonNameField(label="Last name", max_length=TraineeAssignment._meta.get_field("last_name").max_length)
    provider = ModelChoiceField(
        label="Accredited provider",
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select an accredited provider", "invalid_choice": "Select an accredited provider"},
    )
    starts_on = GovUKDateField(
        name="Start date", label="Start date", when=GovUKDateField.ANY, help_text="For example, 1 9 2026"
    )
    ends_on = GovUKDateField(
        name="End date", label="End date", when=GovUKDateField.ANY, help_text="For example, 31 7 2027"
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        small_legend = {"legend_size": Size.for_legend(Size.SMALL)}
        self.helper = form_helper(
            Field.text("first_name", field_width=20),
            Field.text("last_name", field_width=20),
            Field.radios("provider", legend_size=Size.SMALL),
            Field("starts_on", context=small_legend),
            Field("ends_on", context=small_legend),
        )

    def clean_ends_on(self):
        starts_on, ends_on = self.cleaned_data.get("starts_on"), self.cleaned_data["ends_on"]
        if starts_on and ends_on <= starts_on:
            raise self.fields["ends_on"].refuse(ENDS_AFTER_START)
        return ends_on


ENDED_TODAY, ENDED_ANOTHER_DAY = "today", "another_day"


class EndTraineeForm(forms.Form):
    """When a trainee's mentoring ended: today, or another day."""

    ended = forms.ChoiceField(
        label="When did mentoring end?",
        choices=[(ENDED_TODAY, "Today"), (ENDED_ANOTHER_DAY, "Another date")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select when mentoring ended",
            "invalid_choice": "Select when mentoring ended",
        },
    )
    ends_on = GovUKDateField(
        name="Date mentoring ended",
        label="Date mentoring ended",
        when=GovUKDateField.ANY,
        required=False,
        help_text="For example, 15 3 2027",
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = form_helper(
            ConditionalRadios(
                "ended",
                "Today",
                ConditionalQuestion(
                    "Another date",
                    Field("ends_on", context={"legend_tag": None, "legend_size": Size.for_legend(Size.SMALL)}),
                ),
                legend_size=Size.MEDIUM,
            )
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("ended") == ENDED_TODAY:
            # A date belongs to "Another date": one left in its hidden box is dropped, errors and all.
            self.errors.pop("ends_on", None)
            cleaned_data["ends_on"] = self.today
        elif (
            cleaned_data.get("ended") == ENDED_ANOTHER_DAY
            and "ends_on" not in self.errors
            and not cleaned_data.get("ends_on")
        ):
            self.add_error("ends_on", self.fields["ends_on"].refuse("Enter the date mentoring ended"))
        return cleaned_data

    def refuse(self, error):
        """Show the service's refusal of the date: at the radios for today, at the date for another day."""
        if self.cleaned_data.get("ended") == ENDED_ANOTHER_DAY:
            self.add_error("ends_on", self.fields["ends_on"].refuse(error.messages[0]))
        else:
            self.add_error("ended", error)


def _any_of(label, queryset, empty_label, message):
    return ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=empty_label,
        error_messages={"invalid_choice": message},
    )


class ProviderMentorSearchForm(forms.Form):
    """A provider's search of its partner schools' mentors: each answer narrows it, none is needed."""

    subject = _any_of("Subject", Subject.objects.all(), "Any subject", "Select a subject from the list")
    age_range = _any_of("Age range", AgeRange.objects.all(), "Any age range", "Select an age range from the list")
    key_stage = _any_of("Key stage", KeyStage.objects.all(), "Any key stage", "Select a key stage from the list")
    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        choices=MentorStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    send_support = ModelMultipleChoiceField(
        label="SEND support they can offer",
        queryset=SendArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Select SEND support from the list",
            "invalid_pk_value": "Select SEND support from the list",
        },
    )
    phase = ModelMultipleChoiceField(
        label="School phase",
        queryset=Phase.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select a school phase from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("subject"),
            Field("age_range"),
            Field("key_stage"),
            *(
                Field.checkboxes(name, legend_size=Size.SMALL, small=True)
                for name in ("status", "send_support", "phase")
            ),
            method="get",
        )

    def filters(self):
        """The answers given and valid, as find_for_provider's arguments: one not valid is left out (and shown as
        an error)."""
        self.is_valid()
        found = self.cleaned_data
        return {
            "subject": found.get("subject"),
            "age_range": found.get("age_range"),
            "key_stage": found.get("key_stage"),
            "statuses": found.get("status") or (),
            "send_areas": found.get("send_support") or (),
            "phases": found.get("phase") or (),
        }
