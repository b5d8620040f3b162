"""Choosing an accredited provider in a journey: the search (an autocomplete with JavaScript), its results as radios
without it, and the JSON the autocomplete reads."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from core.journeys import Journey
from providers import selectors
from providers.forms import ProviderChoiceForm, ProviderSearchForm
from providers.journeys import RESULTS, SEARCH, chosen_provider, provider_steps
from tests.support.factories import ProviderFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def northshire(db):
    return ProviderFactory(
        code="N1S", name="Northshire SCITT", ukprn="10001234", urn="123456", town="Leeds", postcode="LS1 4AP"
    )


@pytest.fixture
def others(db):
    return [
        ProviderFactory(code="U2A", name="University of Northshire", ukprn="10005678", postcode="NR4 7TJ"),
        ProviderFactory(code="X9Z", name="Southshire Teaching School", accredited=False),
    ]


@pytest.mark.parametrize(
    "query, found",
    [
        ("Northshire", ["Northshire SCITT", "University of Northshire"]),
        ("northshire scitt", ["Northshire SCITT"]),
        ("  Northshire   SCITT ", ["Northshire SCITT"]),
        ("n1s", ["Northshire SCITT"]),
        ("10001234", ["Northshire SCITT"]),
        ("123456", ["Northshire SCITT"]),
        ("ls1 4ap", ["Northshire SCITT"]),
        ("LS14AP", ["Northshire SCITT"]),
        ("Southshire", []),  # not accredited
        ("X9Z", []),
        ("", []),
        ("   ", []),
        ("zzz", []),
    ],
)
def test_search_finds_accredited_providers_by_what_people_know(northshire, others, query, found):
    assert [provider.name for provider in selectors.search_accredited(query)] == found


class TestTheSearch:
    def form(self, data, refuse=None):
        form = ProviderSearchForm(data, refuse=refuse)
        form.is_valid()
        return form

    def test_a_provider_chosen_from_the_suggestions_is_chosen(self, northshire):
        form = self.form({"provider": "Northshire SCITT", "provider_code": "N1S"})
        assert form.is_valid() and form.cleaned_data["chosen"] == northshire

    def test_a_search_without_a_choice_chooses_nothing_yet(self, northshire):
        form = self.form({"provider": "Northshire", "provider_code": ""})
        assert form.is_valid() and form.cleaned_data["chosen"] is None

    def test_a_code_left_from_an_earlier_choice_is_not_a_choice(self, northshire, others):
        form = self.form({"provider": "University of Northshire", "provider_code": "N1S"})
        assert form.is_valid() and form.cleaned_data["chosen"] is None

    def test_a_code_of_a_provider_that_is_not_accredited_is_no_choice(self, others):
        form = self.form({"provider": "Southshire Teaching School", "provider_code": "X9Z"})
        assert form.errors["provider"] == [
            "No accredited provider matches ‘Southshire Teaching School’. Check the spelling, or search by name, code, "
            "UKPRN, URN or postcode"
        ]

    @pytest.mark.parametrize("code", ["N1S\x00", "N1S" * 4])
    def test_a_code_the_autocomplete_could_not_have_filled_in_is_no_choice(self, northshire, code):
        form = self.form({"provider": "Northshire SCITT", "provider_code": code})
        assert form.is_valid() and form.cleaned_data["chosen"] is None
        assert form.cleaned_data["provider_code"] == ""

    def test_nothing_found(self, northshire):
        assert self.form({"provider": "Nowhere"}).errors["provider"][0].startswith("No accredited provider matches")

    def test_nothing_entered(self):
        assert self.form({"provider": " "}).errors["provider"] == [
            "Enter the name, code, UKPRN, URN or postcode of an accredited provider"
        ]

    def test_a_provider_the_journey_refuses(self, northshire):
        form = self.form({"provider": "Northshire SCITT", "provider_code": "N1S"}, refuse=lambda provider: "Not here")
        assert form.errors["provider"] == ["Not here"]


class TestTheResults:
    def test_radios_labelled_with_each_providers_name(self, northshire, others):
        form = ProviderChoiceForm(query="Northshire")
        assert [str(label) for _, label in form.fields["provider"].choices] == [
            "Northshire SCITT",
            "University of Northshire",
        ]
        assert form.fields["provider"].help_text == "2 accredited providers match ‘Northshire’."

    def test_a_wide_search_shows_the_first_ones_and_says_so(self, db):
        ProviderFactory.create_batch(selectors.SEARCH_LIMIT + 3, name="A SCITT")
        form = ProviderChoiceForm(query="SCITT")
        assert len(form.fields["provider"].choices) == selectors.SEARCH_LIMIT
        assert "Only the first ones are shown" in form.fields["provider"].help_text

    @pytest.mark.parametrize("posted", ["", "X9Z", "ZZZ", "N1S\x00"])
    def test_only_a_provider_found_may_be_chosen(self, northshire, others, posted):
        form = ProviderChoiceForm({"provider": posted}, query="Northshire")
        assert form.errors["provider"] == ["Select an accredited provider"]

    def test_choosing(self, northshire, others):
        form = ProviderChoiceForm({"provider": "N1S"}, query="Northshire")
        assert form.is_valid() and form.cleaned_data["provider"] == northshire

    def test_a_provider_the_journey_refuses(self, northshire):
        form = ProviderChoiceForm({"provider": "N1S"}, query="Northshire", refuse=lambda provider: "Not here")
        assert form.errors["provider"] == ["Not here"]


class ChooseProviderJourney(Journey):
    kind = "test:provider"

    def steps(self):
        return provider_steps(self, refuse=lambda provider: "No" if provider.code == "U2A" else None)


def journey_for(school):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return ChooseProviderJourney.start(request, school)


def answer(journey, slug, data):
    step = journey.step(slug)
    form = journey.form(step, data=data)
    assert form.is_valid(), form.errors
    journey.save(step, form)


class TestInAJourney:
    def test_chosen_from_the_suggestions_the_results_are_not_asked(self, northshire):
        journey = journey_for(SchoolFactory())
        answer(journey, SEARCH, {"provider": "Northshire SCITT", "provider_code": "N1S"})
        assert [step.slug for step in journey.steps()] == [SEARCH]
        assert chosen_provider(journey.cleaned_answers()) == northshire

    def test_searched_the_results_are_asked(self, northshire, others):
        journey = journey_for(SchoolFactory())
        answer(journey, SEARCH, {"provider": "northshire"})
        assert [step.slug for step in journey.steps()] == [SEARCH, RESULTS]
        assert journey.first_unanswered_step().slug == RESULTS
        answer(journey, RESULTS, {"provider": "N1S"})
        assert chosen_provider(journey.cleaned_answers()) == northshire

    def test_a_new_search_forgets_the_choice_it_no_longer_finds(self, northshire, others):
        journey = journey_for(SchoolFactory())
        answer(journey, SEARCH, {"provider": "northshire"})
        answer(journey, RESULTS, {"provider": "N1S"})
        answer(journey, SEARCH, {"provider": "University"})
        assert RESULTS not in journey.stored
        assert journey.form(journey.step(RESULTS), data={"provider": "U2A"}).errors["provider"] == ["No"]


class TestTheSuggestions:
    def test_accredited_providers_matching_as_json(self, client, coordinator, northshire, others):
        client.force_login(coordinator)
        response = client.get(reverse("providers:search"), {"q": "northshire"})
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "results": [
                {"code": "N1S", "name": "Northshire SCITT", "hint": "N1S, Leeds"},
                {"code": "U2A", "name": "University of Northshire", "hint": "U2A, Leeds"},
            ]
        }

    def test_no_query_suggests_nothing(self, client, coordinator, northshire):
        client.force_login(coordinator)
        assert client.get(reverse("providers:search")).json() == {"results": []}

    def test_for_signed_in_users_only(self, client):
        assert client.get(reverse("providers:search"), {"q": "x"}).status_code == 302
