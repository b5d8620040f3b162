"""Choosing an accredited provider, in any journey that asks for one (a school's partnership, a funding claim).

The first question is a search box. With JavaScript it is an accessible autocomplete (static/js/autocomplete.mjs)
that fills in the chosen provider's code; without it, or when nothing was chosen from the suggestions, the next
page lists what the search found as radios, one labelled with each provider's name.
"""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.functional import lazy

from core.forms import QuestionForm, form_helper, page_heading_radios
from core.summary import in_a_sentence

from . import selectors

LABEL = "Accredited provider"
SEARCH_HINT = "Search by name, code, UKPRN, URN or postcode"
SEARCH_HINT_IN_A_SENTENCE = in_a_sentence(SEARCH_HINT)


class ProviderSearchForm(QuestionForm):
    """refuse, when given, is a function of a provider giving why it may not be chosen here (or None)."""

    title = LABEL
    provider = forms.CharField(
        label=LABEL,
        help_text=SEARCH_HINT,
        max_length=255,
        error_messages={
            "required": "Enter the name, code, UKPRN, URN or postcode of an accredited provider",
            "max_length": "Search must be 255 characters or fewer",
            "null_characters_not_allowed": "Search contains a character that is not allowed",
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "data-module": "app-autocomplete",
                "data-source": reverse_lazy("providers:search"),
                "data-code-field": "id_provider_code",
                "data-library": lazy(static, str)("accessible-autocomplete/accessible-autocomplete.min.js"),
            }
        ),
    )
    # Filled in by the autocomplete with the code of the provider chosen from its suggestions.
    provider_code = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)

    def __init__(self, *args, refuse=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refuse = refuse
        self.helper = form_helper(Field.text("provider", label_size=Size.LARGE, label_tag="h1"), "provider_code")

    def clean(self):
        cleaned_data = super().clean()
        if self.errors.pop("provider_code", None):
            # Only the autocomplete fills the code in: one it could not have (too long, a NUL) is no choice, and no
            # error the person could see or correct.
            cleaned_data["provider_code"] = ""
        query = cleaned_data.get("provider")
        if not query:
            return cleaned_data
        chosen = selectors.accredited_with_code(cleaned_data.get("provider_code"))
        # A code left over from an earlier choice, the search box changed since, is no choice.
        if chosen and query.casefold() not in (chosen.name.casefold(), str(chosen).casefold()):
            chosen = None
        if chosen is None and not selectors.search_accredited(query).exists():
            self.add_error(
                "provider",
                f"No accredited provider matches ‘{query}’. Check the spelling, or {SEARCH_HINT_IN_A_SENTENCE}",
            )
        elif chosen and self.refuse and self.refuse(chosen):
            self.add_error("provider", self.refuse(chosen))
        cleaned_data["chosen"] = chosen
        return cleaned_data

    @classmethod
    def answers(cls, values):
        return []  # the provider's answer is shown once, from whichever question chose it (see chosen_provider)


class ProviderChoiceForm(QuestionForm):
    """The providers a search found, as radios labelled with their names (code and town as hints)."""

    title = LABEL
    provider = forms.TypedChoiceField(
        label=LABEL,
        widget=forms.RadioSelect,
        empty_value=None,
        error_messages={"required": "Select an accredited provider", "invalid_choice": "Select an accredited provider"},
    )

    def __init__(self, *args, query, refuse=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refuse = refuse
        found = list(selectors.search_accredited(query)[: selectors.SEARCH_LIMIT + 1])
        self.providers = {provider.code: provider for provider in found[: selectors.SEARCH_LIMIT]}
        field = self.fields["provider"]
        field.choices = [
            Choice(code, provider.name, hint=", ".join(filter(None, [code, provider.town, provider.postcode])))
            for code, provider in self.providers.items()
        ]
        field.coerce = self.providers.get
        shown = f"{len(self.providers)} accredited provider{'s' if len(self.providers) != 1 else ''}"
        field.help_text = f"{shown} match ‘{query}’." + (
            " Only the first ones are shown: search again with more of the name."
            if len(found) > len(self.providers)
            else ""
        )
        self.helper = form_helper(page_heading_radios("provider"))

    def clean_provider(self):
        provider = self.cleaned_data["provider"]
        if provider and self.refuse and self.refuse(provider):
            raise forms.ValidationError(self.refuse(provider))
        return provider

    @classmethod
    def answers(cls, values):
        return []


class PartnerMentorSearchForm(forms.Form):
    """Searching a partner school's mentors, on a provider's page of them."""

    q = forms.CharField(
        label="Search by name or TRN",
        required=False,
        max_length=254,
        error_messages={
            "max_length": "Search must be 254 characters or fewer",
            "null_characters_not_allowed": "Search contains a character that is not allowed",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field.text("q", label_size=Size.SMALL, field_width=20), method="get")
