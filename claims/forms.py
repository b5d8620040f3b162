"""The questions of the add-claim journey (claims.journeys) after the provider: which mentors trained with it, how
many hours each, and that the school has confirmed the hours with the provider.

Each form is given the claim so far (ClaimSoFar): the school, the academic year, the provider and the school's
mentors with what is left of their allowances, read once a request. Labels and hints that hold a name are
escaped here, as crispy-forms-gds writes labels as HTML.
"""

from dataclasses import dataclass

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import ConditionalQuestion, Field, Size
from django import forms
from django.utils.html import format_html

from core.fields import WholeNumberField, details_field
from core.forms import ConditionalRadios, QuestionForm, form_helper, page_heading_checkboxes

from .selectors import ClaimableMentors
from .summary import hours


@dataclass(frozen=True)
class ClaimSoFar:
    school: object
    academic_year: object
    provider: object  # None until a provider is chosen
    mentors: ClaimableMentors | None


class ClaimQuestionForm(QuestionForm):
    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean(self):
        cleaned_data = super().clean()
        if self.claim.provider is None:
            # Never shown: the journey asks for the provider first.
            raise forms.ValidationError("Choose an accredited provider first")
        return cleaned_data


class MentorsField(forms.MultipleChoiceField):
    """The mentors chosen, as Mentor objects. A mentor no longer offered (their hours were claimed meanwhile, or they
    were removed) is named in the error, when the form knows why."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.why_not = {}  # a message for each mentor id not offered

    def validate(self, value):
        for chosen in value:
            if chosen in self.why_not:
                raise forms.ValidationError(self.why_not[chosen], code="invalid_choice")
        super().validate(value)


class MentorsForm(ClaimQuestionForm):
    title = "Mentors"
    mentors = MentorsField(widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["mentors"]
        provider, year, school = self.claim.provider, self.claim.academic_year, self.claim.school
        provider_name = provider.name if provider else ""
        field.label = format_html("Which mentors trained with {}?", provider_name)
        mentors = self.claim.mentors or ClaimableMentors([], [], {})
        field.choices = [
            Choice(str(mentor.pk), mentor.full_name, hint=f"TRN {mentor.trn}") for mentor in mentors.listed
        ]
        message = f"Select the mentors who trained with {provider_name}"
        field.error_messages = {"required": message, "invalid_choice": message}
        # Why each mentor who is not offered has no hours left: the allowance used up here, or at another school.
        self.unlisted = [
            (mentor, self._why_unlisted(mentor, mentors.allowances[mentor.pk], provider_name, year, school))
            for mentor in mentors.unlisted
        ]
        field.why_not = {
            str(mentor.pk): f"{mentor.full_name} has no hours left to claim with {provider_name} in {year}"
            for mentor in mentors.unlisted
        }
        self.helper = form_helper(page_heading_checkboxes("mentors"))

    @staticmethod
    def _why_unlisted(mentor, allowance, provider_name, year, school):
        training = "refresher training" if allowance.refresher else "training"
        if not allowance.claimed_here:
            where = "by another school"
        elif allowance.claimed_elsewhere:
            where = f"by {school.name} and another school"
        else:
            where = f"by {school.name}"
        return (
            f"{mentor.full_name} (TRN {mentor.trn}): all {hours(allowance.allowed)} of {training} with "
            f"{provider_name} in {year} have been claimed {where}"
        )

    def clean_mentors(self):
        chosen = set(self.cleaned_data["mentors"])
        return [mentor for mentor in self.claim.mentors.listed if str(mentor.pk) in chosen]


ANOTHER_AMOUNT = "another"


class HoursForm(ClaimQuestionForm):
    """How many hours of training a mentor completed: all that is left of their allowance, or another amount."""

    title = "Hours of training"
    hours = forms.ChoiceField(widget=forms.RadioSelect)
    other_hours = WholeNumberField(label="Number of hours", name="Number of hours", min_value=1, max_value=1)

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        left = self.claim.mentors.allowances[mentor.pk].left if self.claim.mentors else 0
        self.left = left
        provider_name = self.claim.provider.name if self.claim.provider else ""
        field = self.fields["hours"]
        field.label = format_html("How many hours of training did {} complete?", mentor.full_name)
        field.help_text = format_html(
            "{} has {} left to claim with {} in {}.",
            mentor.first_name,
            hours(left),
            provider_name,
            self.claim.academic_year,
        )
        field.choices = [(str(left), hours(left)), (ANOTHER_AMOUNT, "Another amount")]
        field.error_messages = {
            "required": f"Select how many hours of training {mentor.full_name} completed",
            # Their earlier answer, now more than is left: another claim took some of their hours meanwhile.
            "invalid_choice": f"{mentor.full_name} now has {hours(left)} left to claim with {provider_name}: "
            "select how many hours of training they completed",
        }
        self.fields["other_hours"].set_range(1, left)
        self.helper = form_helper(
            ConditionalRadios(
                "hours",
                hours(left),
                ConditionalQuestion("Another amount", Field.text("other_hours", field_width=3)),
                legend_size=Size.LARGE,
                legend_tag="h1",
            )
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("hours") != ANOTHER_AMOUNT:
            # The number belongs to "Another amount": one left in its hidden box is dropped, errors and all.
            self.errors.pop("other_hours", None)
            cleaned_data["other_hours"] = None
        chosen = cleaned_data.get("hours")
        cleaned_data["number"] = (
            cleaned_data.get("other_hours") if chosen == ANOTHER_AMOUNT else int(chosen or 0) or None
        )
        return cleaned_data


CONFIRMED = "confirmed"


class ConfirmHoursForm(ClaimQuestionForm):
    """That the school has confirmed the hours with the provider: one checkbox, which must be ticked."""

    title = "Hours confirmed with the provider"
    confirmed = forms.MultipleChoiceField(label="Confirm the training hours", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provider_name = self.claim.provider.name if self.claim.provider else ""
        field = self.fields["confirmed"]
        field.help_text = format_html(
            "Accredited providers keep records of the training they give. DfE may ask {} to confirm the hours.",
            provider_name,
        )
        field.choices = [(CONFIRMED, f"I have confirmed these training hours with {provider_name}")]
        message = f"Confirm that you have checked these training hours with {provider_name}"
        field.error_messages = {"required": message, "invalid_choice": message}
        self.helper = form_helper(page_heading_checkboxes("confirmed"))


class AuditForm(QuestionForm):
    """A provider's audit of a claim: for each mentor, whether they did the hours claimed, and why not if not."""

    submit_label = "Send your answers"

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.heading = f"Confirm the hours of claim {claim.reference}"
        self.lines = list(claim.mentors.all())
        layout = []
        for line in self.lines:
            name = line.mentor.full_name
            self.fields[f"confirm_{line.pk}"] = forms.TypedChoiceField(
                label=f"Did {name} do {hours(line.hours)} of training with you?",
                choices=[("yes", "Yes"), ("no", "No")],
                coerce=lambda answer: answer == "yes",
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select yes if {name} did {hours(line.hours)} of training with you",
                    "invalid_choice": f"Select yes if {name} did {hours(line.hours)} of training with you",
                },
            )
            self.fields[f"reason_{line.pk}"] = details_field(
                label=f"Why are you not confirming {name}'s hours?",
                name="The reason",
                hint="The school will see this",
            )
            layout.append(
                ConditionalRadios(
                    f"confirm_{line.pk}",
                    "Yes",
                    ConditionalQuestion("No", Field.textarea(f"reason_{line.pk}", max_characters=1000)),
                    legend_size=Size.MEDIUM,
                    legend_tag="h2",
                )
            )
        self.helper = form_helper(*layout)

    def clean(self):
        cleaned_data = super().clean()
        for line in self.lines:
            reason = f"reason_{line.pk}"
            rejected = cleaned_data.get(f"confirm_{line.pk}") is False
            if not rejected:
                # A reason belongs to a no: otherwise it is hidden, and leaves nothing behind, errors and all.
                self.errors.pop(reason, None)
                cleaned_data[reason] = ""
            elif reason not in self.errors and not cleaned_data.get(reason, "").strip():
                self.add_error(reason, f"Enter why you are not confirming {line.mentor.full_name}'s hours")
        return cleaned_data

    def decisions(self):
        """Each mentor line's (confirmed, reason)."""
        return {
            line.pk: (self.cleaned_data[f"confirm_{line.pk}"], self.cleaned_data.get(f"reason_{line.pk}", ""))
            for line in self.lines
        }


ACCEPT, DISPUTE = "accept", "dispute"


class ResponseForm(QuestionForm):
    """A school's response to its provider's rejection of hours."""

    submit_label = "Send your response"
    response = forms.ChoiceField(
        label="Do you accept the accredited provider's reasons?",
        choices=[(ACCEPT, "Yes, we accept them"), (DISPUTE, "No, the training took place")],
        widget=forms.RadioSelect,
        help_text="If you accept them, we will take back the funding for the hours the provider did not confirm.",
        error_messages={
            "required": "Select whether you accept the accredited provider's reasons",
            "invalid_choice": "Select whether you accept the accredited provider's reasons",
        },
    )
    explanation = details_field(
        label="Tell us why the training took place",
        name="Your explanation",
        hint="For example, when and where the mentors trained, and what evidence you have",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            ConditionalRadios(
                "response",
                "Yes, we accept them",
                ConditionalQuestion("No, the training took place", Field.textarea("explanation", max_characters=1000)),
                legend_size=Size.MEDIUM,
                legend_tag="h2",
            )
        )

    def clean(self):
        cleaned_data = super().clean()
        disputed = cleaned_data.get("response") == DISPUTE
        if disputed and "explanation" not in self.errors and not cleaned_data.get("explanation", "").strip():
            self.add_error("explanation", "Tell us why the training took place")
        if cleaned_data.get("response") != DISPUTE:
            self.errors.pop("explanation", None)
            cleaned_data["explanation"] = ""
        return cleaned_data
