"""The questions of any journey that chooses an accredited provider (providers.forms): add these steps to its own."""

from core.journeys import Step

from .forms import ProviderChoiceForm, ProviderSearchForm

SEARCH = "provider"
RESULTS = "provider-results"


def provider_steps(journey, refuse=None):
    """The search for a provider and, unless the autocomplete chose one from it, the page of what it found.

    refuse is a function of a provider giving why it may not be chosen in this journey (or None).
    """
    search = Step(SEARCH, ProviderSearchForm, {"refuse": refuse})
    searched = journey.checked(search) if SEARCH in journey.stored else None
    if searched is not None and searched.is_valid() and searched.cleaned_data["chosen"]:
        return [search]
    query = journey.stored.get(SEARCH, {}).get("provider", "")
    return [search, Step(RESULTS, ProviderChoiceForm, {"query": query, "refuse": refuse})]


def chosen_provider(cleaned_answers):
    """The provider the journey's answers (by step) chose."""
    return cleaned_answers.get(SEARCH, {}).get("chosen") or cleaned_answers.get(RESULTS, {}).get("provider")
