"""The question-journey engine (core.journeys) on its own, with a journey made for the test: steps that depend on
earlier answers (one question for each thing chosen, as a funding claim asks one for each mentor), a step answered
without asking, answers made invalid by a later change, and submitting once."""

import uuid

import pytest
from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from core.journeys import CHECK_YOUR_ANSWERS, JOURNEYS_KEPT, SESSION_KEY, AnswerNoLongerValid, Journey, Step
from core.models import JourneySubmission
from core.services import submit_once
from schools.models import School
from tests.support.factories import SchoolFactory

pytestmark = pytest.mark.django_db

FRUIT = [("apple", "Apple"), ("pear", "Pear"), ("plum", "Plum")]


class FruitForm(forms.Form):
    fruit = forms.MultipleChoiceField(choices=FRUIT, widget=forms.CheckboxSelectMultiple)


class HowManyForm(forms.Form):
    how_many = forms.IntegerField(min_value=1)

    def __init__(self, *args, fruit, limit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fruit = fruit
        self.fields["how_many"] = forms.IntegerField(min_value=1, max_value=limit)


class NameForm(forms.Form):
    name = forms.CharField()


class BasketJourney(Journey):
    """Choose fruit, say how many of each (at most the owner's limit), and name the basket, which is known already
    when the owner has a name."""

    kind = "test:basket"

    def steps(self):
        chosen = self.stored.get("fruit", {}).get("fruit", [])
        return [
            Step("fruit", FruitForm),
            *[Step(f"how-many-{fruit}", HowManyForm, {"fruit": fruit}) for fruit in chosen if fruit in dict(FRUIT)],
            Step("name", NameForm),
        ]

    def form_kwargs(self, step):
        return {"limit": self.owner.statutory_high_age} if step.form_class is HowManyForm else {}

    def prefill(self):
        if self.owner.name.startswith("Known"):
            self.skip("name", {"name": self.owner.name})

    def url(self, slug, changing=False):
        return f"/{self.id}/{slug}/" + ("?change" if changing else "")


def request():
    made = RequestFactory().get("/")
    made.session = SessionStore()
    return made


def post(journey, slug, data):
    """Answer a step as the question page does: valid answers are kept; returns the form."""
    form = journey.form(journey.step(slug), data=data)
    if form.is_valid():
        journey.save(journey.step(slug), form)
    return form


@pytest.fixture
def owner(db):
    return SchoolFactory(name="A school", statutory_high_age=10)


def test_steps_follow_the_answers_so_far(owner):
    journey = BasketJourney.start(request(), owner)
    assert [step.slug for step in journey.steps()] == ["fruit", "name"]
    post(journey, "fruit", {"fruit": ["pear", "apple"]})
    assert [step.slug for step in journey.steps()] == ["fruit", "how-many-pear", "how-many-apple", "name"]
    assert journey.next_step("fruit") == "how-many-pear"
    assert journey.previous_step("name") == "how-many-apple"
    assert journey.first_unanswered_step().slug == "how-many-pear"


def test_each_step_is_asked_with_its_own_arguments_and_the_journeys(owner):
    journey = BasketJourney.start(request(), owner)
    post(journey, "fruit", {"fruit": ["plum"]})
    form = journey.form(journey.step("how-many-plum"), data={"how_many": "11"})
    assert form.fruit == "plum"
    assert not form.is_valid()  # over the owner's limit of 10
    assert post(journey, "how-many-plum", {"how_many": "10"}).is_valid()


def test_answers_are_kept_as_posted_and_cleaned_again_on_every_page(owner):
    journey = BasketJourney.start(request(), owner)
    post(journey, "fruit", {"fruit": ["plum"]})
    post(journey, "how-many-plum", {"how_many": "7"})
    post(journey, "name", {"name": "  Picnic  "})
    assert journey.stored == {
        "fruit": {"fruit": ["plum"]},
        "how-many-plum": {"how_many": "7"},
        "name": {"name": "Picnic"},
    }
    assert journey.first_unanswered_step() is None
    assert journey.cleaned_answers() == {
        "fruit": {"fruit": ["plum"]},
        "how-many-plum": {"how_many": 7},
        "name": {"name": "Picnic"},
    }
    owner.statutory_high_age = 5
    owner.save()
    # Today's data makes the kept answer invalid: that question is the first to ask again.
    again = BasketJourney.find(journey.request, owner, journey.id)
    assert again.first_unanswered_step().slug == "how-many-plum"
    assert again.form_to_show(again.step("how-many-plum")).errors


def test_a_changed_answer_forgets_the_steps_it_removes(owner):
    journey = BasketJourney.start(request(), owner)
    post(journey, "fruit", {"fruit": ["plum", "pear"]})
    post(journey, "how-many-plum", {"how_many": "3"})
    post(journey, "how-many-pear", {"how_many": "4"})
    post(journey, "fruit", {"fruit": ["pear"]})
    assert set(journey.stored) == {"fruit", "how-many-pear"}


def test_a_step_known_already_is_answered_not_asked(db):
    known = SchoolFactory(name="Known school", statutory_high_age=10)
    journey = BasketJourney.start(request(), known)
    assert journey.stored["name"] == {"name": "Known school"}
    post(journey, "fruit", {"fruit": ["apple"]})
    assert journey.next_step("how-many-apple") == CHECK_YOUR_ANSWERS
    assert journey.first_step() == "fruit"
    assert journey.checked(journey.step("name")).is_valid()


def test_a_journey_belongs_to_its_owner_and_its_kind(owner):
    journey = BasketJourney.start(request(), owner)
    assert BasketJourney.find(journey.request, owner, journey.id) is not None
    assert BasketJourney.find(journey.request, SchoolFactory(), journey.id) is None
    assert BasketJourney.find(journey.request, owner, uuid.uuid4()) is None

    class OtherJourney(BasketJourney):
        kind = "test:other"

    assert OtherJourney.find(journey.request, owner, journey.id) is None


def test_old_journeys_of_a_kind_are_forgotten(owner):
    made = request()
    journeys = [BasketJourney.start(made, owner) for _ in range(JOURNEYS_KEPT + 2)]
    kept = [journey for journey in journeys if BasketJourney.find(made, owner, journey.id)]
    assert kept == journeys[-JOURNEYS_KEPT:]
    assert len(made.session[SESSION_KEY]) == JOURNEYS_KEPT


def test_finishing_forgets_the_answers_and_remembers_the_result(owner):
    journey = BasketJourney.start(request(), owner)
    post(journey, "fruit", {"fruit": ["apple"]})
    journey.finish(owner)
    assert journey.stored == {}
    assert BasketJourney.find(journey.request, owner, journey.id).result_id == owner.pk


def test_a_submission_the_session_lost_is_found_again(owner):
    journey = BasketJourney.start(request(), owner)
    assert not journey.finish_if_submitted()
    submit_once(journey_id=journey.id, model=School, make=lambda: owner)
    assert journey.finish_if_submitted()
    assert journey.result_id == owner.pk


class TestSubmitOnce:
    def test_makes_once_and_returns_the_same_after(self, owner):
        journey_id = uuid.uuid4()
        made = []
        first = submit_once(journey_id=journey_id, model=School, make=lambda: made.append(1) or SchoolFactory())
        second = submit_once(journey_id=journey_id, model=School, make=lambda: made.append(2) or SchoolFactory())
        assert first == second
        assert made == [1]
        assert JourneySubmission.objects.get(journey_id=journey_id).result_id == first.pk

    def test_a_failed_submission_leaves_nothing_and_may_be_tried_again(self, owner):
        journey_id = uuid.uuid4()

        def fail():
            raise AnswerNoLongerValid("fruit")

        with pytest.raises(AnswerNoLongerValid):
            submit_once(journey_id=journey_id, model=School, make=fail)
        assert not JourneySubmission.objects.filter(journey_id=journey_id).exists()
        assert submit_once(journey_id=journey_id, model=School, make=lambda: owner) == owner

    def test_a_journey_makes_one_kind_of_thing(self, owner):
        from mentors.models import Mentor

        journey_id = uuid.uuid4()
        submit_once(journey_id=journey_id, model=School, make=lambda: owner)
        with pytest.raises(ValueError, match="made a schools.School, not a mentors.Mentor"):
            submit_once(journey_id=journey_id, model=Mentor, make=lambda: None)
