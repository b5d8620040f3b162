"""Question journeys: a series of GOV.UK question pages, one question a page, then check your answers.

A journey (adding a mentor, claiming funding) subclasses Journey and says what is its own: its steps and their
forms, what each form needs, which questions are already answered (skipped), what to do when a step is answered
(a lookup), the summary rows of check your answers, and what submitting does. The rest is here:

- Answers live in the user's session, under the journey's own id, which is in every URL of the journey: two
  journeys in two tabs never overwrite each other, and nobody else's session has them.
- Answers are stored as the forms would post them, by step, so every page checks every earlier answer again
  against today's data (a key stage the new age range no longer offers, an allowance another school has used).
  An answer that a new earlier answer makes invalid is forgotten, and its question asked again.
- A step opened from check your answers (?change) returns there once answered.
- Steps may depend on earlier answers: a claim asks one question for each mentor chosen.
- Submitting is done once: core.services.submit_once records the journey's id with what it made, so a double
  click, two tabs or two servers give one result.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.urls import reverse

from .models import JourneySubmission

SESSION_KEY = "journeys"
# Each user keeps at most this many journeys of each kind: old ones are forgotten, so a session does not grow.
JOURNEYS_KEPT = 10
CHECK_YOUR_ANSWERS = "check-your-answers"
# The query parameter of a step opened from check your answers.
CHANGING = "change"


@dataclass(frozen=True)
class Step:
    """One question page: its slug in the URL, its form, and what that form needs besides the journey's own."""

    slug: str
    form_class: type[forms.Form]
    form_kwargs: dict[str, Any] = field(default_factory=dict)


class AnswerNoLongerValid(Exception):  # noqa: N818 (a state, not an error of the code)
    """Submitting found an answer that no longer holds (someone else changed the data meanwhile): its step, asked
    again, says why."""

    def __init__(self, step):
        super().__init__(step)
        self.step = step


class Journey:
    """A session-backed question journey. Subclasses set `kind` (the start of its URL names, e.g. "mentors:add",
    which names "mentors:add", "mentors:add-step", "mentors:add-check-your-answers" and "mentors:add-confirmation")
    and override the hooks below."""

    kind: ClassVar[str]
    # Above each question's heading, so the user knows what the question is for: "Add mentor".
    caption: ClassVar[str] = ""

    def __init__(self, request, owner, journey_id, state):
        self.request = request
        self.owner = owner
        self.id = journey_id
        self._state = state
        # Each step's form bound to its stored answers, validated once a request (until an answer changes).
        self._checked = {}

    # What each journey says of itself.

    def steps(self):
        """The journey's steps, in order: a list of Step. May depend on the answers so far (self.stored)."""
        raise NotImplementedError

    def form_kwargs(self, step):
        """What every step's form is given, besides the step's own form_kwargs."""
        return {}

    def url_kwargs(self):
        """The URL arguments that place the journey (say the school's URN), besides its id."""
        return {}

    @classmethod
    def owner_key(cls, owner):
        """What the journey belongs to (a school's URN): a journey is found only under its owner."""
        return owner.pk

    def prefill(self):
        """Called when the journey starts: answer questions the service already knows (self.skip)."""

    def answered(self, step, form):
        """Called when a step's answers are valid, before they are kept: a lookup may add errors to the form."""

    @classmethod
    def start_url(cls, owner):
        """The address that starts a new journey."""
        raise NotImplementedError

    def exit_url(self):
        """Where the first question's back link goes: the page the journey was started from."""
        raise NotImplementedError

    def summary(self):
        """What check your answers shows: a list of core.summary.SummaryRow."""
        raise NotImplementedError

    def result(self):
        """What the journey made, once submitted (the confirmation shows it)."""
        raise NotImplementedError

    def submit(self):
        """Do what the journey is for, once (see core.services.submit_once), and return what it made (a model
        instance). May raise AnswerNoLongerValid."""
        raise NotImplementedError

    # Starting and finding a journey.

    @classmethod
    def start(cls, request, owner, *, answers=None):
        """A new journey in the user's session; answers (by step slug) start it filled in, to change a record."""
        journeys = request.session.setdefault(SESSION_KEY, {})
        own_kind = [key for key, state in journeys.items() if state.get("kind") == cls.kind]
        for old_id in own_kind[: max(0, len(own_kind) - JOURNEYS_KEPT + 1)]:
            del journeys[old_id]
        journey_id = str(uuid.uuid4())
        journeys[journey_id] = {
            "kind": cls.kind,
            "owner": cls.owner_key(owner),
            "answers": dict(answers or {}),
            "skipped": [],
            "result": None,
            "data": {},
        }
        request.session.modified = True
        journey = cls(request, owner, journey_id, journeys[journey_id])
        journey.prefill()
        return journey

    @classmethod
    def find(cls, request, owner, journey_id):
        """The journey with this id, of this kind and owner, in the user's session; or None (never started here,
        by someone else, or forgotten)."""
        journey_id = str(journey_id)
        state = request.session.get(SESSION_KEY, {}).get(journey_id)
        if state is None or state.get("kind") != cls.kind or state.get("owner") != cls.owner_key(owner):
            return None
        return cls(request, owner, journey_id, state)

    # Answers.

    @property
    def stored(self):
        """The answers kept so far, by step slug, as the forms posted them."""
        return self._state["answers"]

    def stored_answers(self):
        """Every step's stored answers in one dictionary, for forms whose choices depend on an earlier answer."""
        merged = {}
        for answers in self.stored.values():
            merged.update(answers)
        return merged

    @property
    def data(self):
        """What the journey keeps besides answers (say, what a lookup found)."""
        return self._state["data"]

    def remember(self, **values):
        self.data.update(values)
        self.request.session.modified = True

    def step(self, slug):
        """The step with this slug, or None when the journey has no such step (now)."""
        return next((step for step in self.steps() if step.slug == slug), None)

    def form(self, step, data=None):
        return step.form_class(data, **self.form_kwargs(step), **step.form_kwargs)

    def checked(self, step):
        """The step's form bound to its stored answers, and validated."""
        if step.slug not in self._checked:
            form = self.form(step, data=self.stored.get(step.slug, {}))
            form.is_valid()
            self._checked[step.slug] = form
        return self._checked[step.slug]

    def form_to_show(self, step):
        """The step's form: bound to its stored answers once answered (showing why, if they are no longer valid),
        empty before."""
        return self.checked(step) if step.slug in self.stored else self.form(step)

    def save(self, step, form):
        """Keep a step's answers as the form would post them (a choice as its id, a date as its parts).

        Later answers that the new one makes invalid are forgotten, so their questions are asked again from
        scratch; so are the answers of steps the journey no longer has (a mentor no longer chosen).
        """
        self._checked.clear()
        self.stored[step.slug] = _as_posted(form)
        steps = self.steps()
        slugs = [each.slug for each in steps]
        for later in steps[slugs.index(step.slug) + 1 :]:
            if later.slug in self.stored and not self.checked(later).is_valid():
                del self.stored[later.slug]
                self._checked.pop(later.slug, None)
        for slug in [slug for slug in self.stored if slug not in slugs]:
            del self.stored[slug]
        self.request.session.modified = True

    def skip(self, slug, answers):
        """Answer a step without asking it: it is not shown, but is on check your answers, where it can be
        changed."""
        self.stored[slug] = answers
        self._state["skipped"].append(slug)
        self.request.session.modified = True

    def first_unanswered_step(self):
        """The first step whose stored answers are missing or no longer valid; None when all are answered."""
        for step in self.steps():
            if not self.checked(step).is_valid():
                return step
        return None

    def cleaned_answers(self):
        """Every step's cleaned answers, by step slug (all must be valid: see first_unanswered_step)."""
        return {step.slug: self.checked(step).cleaned_data for step in self.steps()}

    # Where the journey goes.

    def url(self, slug, changing=False):
        kwargs = {**self.url_kwargs(), "journey_id": self.id}
        if slug == CHECK_YOUR_ANSWERS:
            return reverse(f"{self.kind}-check-your-answers", kwargs=kwargs)
        url = reverse(f"{self.kind}-step", kwargs={**kwargs, "step": slug})
        return f"{url}?{CHANGING}" if changing else url

    def confirmation_url(self):
        return reverse(f"{self.kind}-confirmation", kwargs={**self.url_kwargs(), "journey_id": self.id})

    def _asked(self):
        return [step.slug for step in self.steps() if step.slug not in self._state["skipped"]]

    def first_step(self):
        """The first question asked."""
        return self._asked()[0]

    def previous_step(self, slug):
        """The question asked before this one, or None from the first."""
        asked = self._asked()
        order = [step.slug for step in self.steps()] + [CHECK_YOUR_ANSWERS]
        earlier = [each for each in asked if order.index(each) < order.index(slug)]
        return earlier[-1] if earlier else None

    def next_step(self, slug):
        """The next question to ask after this one, or check your answers after the last."""
        order = [step.slug for step in self.steps()]
        later = [each for each in self._asked() if order.index(each) > order.index(slug)]
        return later[0] if later else CHECK_YOUR_ANSWERS

    def is_before(self, slug, other):
        order = [step.slug for step in self.steps()] + [CHECK_YOUR_ANSWERS]
        return order.index(slug) < order.index(other)

    # Finishing.

    @property
    def result_id(self):
        """The primary key of what the journey made, once submitted."""
        return self._state["result"]

    def finish(self, result):
        """Forget the answers, keeping only what was made, so that the confirmation can show it."""
        self._finish(result.pk)

    def _finish(self, result_id):
        self._checked.clear()
        self._state.update(answers={}, data={}, result=result_id)
        self.request.session.modified = True

    def finish_if_submitted(self):
        """Whether the journey was submitted already though the session does not say so (the database kept the
        submission, but the response, or the session's save, was lost): if so, it is finished now."""
        submission = JourneySubmission.objects.filter(journey_id=self.id).first()
        if submission is None:
            return False
        self._finish(submission.result_id)
        return True


def _as_posted(form):
    """A valid form's answers as it would post them, by HTML name: text as cleaned (trimmed, an email address in
    lower case), a choice as its id, checkboxes as a list, a date as its three parts. Kept in the session (JSON),
    they are cleaned again on every page."""
    posted = {}
    for bound in form:
        widget = bound.field.widget
        value = widget.value_from_datadict(form.data, form.files, bound.html_name)
        if isinstance(bound.field, forms.CharField):
            posted[bound.html_name] = form.cleaned_data.get(bound.name, value)
        elif isinstance(widget, forms.MultiWidget):
            for suffix, part in zip(widget.widgets_names, value, strict=True):
                posted[f"{bound.html_name}{suffix}"] = part
        else:
            posted[bound.html_name] = value
    return posted
