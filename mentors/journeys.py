"""The add-mentor journey: its questions in order, and the answers kept in the user's session between them.

Each journey has its own id in the URL and its own place in the session, so two journeys in two tabs never
overwrite each other. Answers are stored as the forms would post them, so any step can be checked again
against the school's current choices.
"""

import uuid

from django.urls import reverse

import trs

from . import selectors
from .forms import AgeRangeForm, KeyStageForm, PersonalDetailsForm, SubjectForm

SESSION_KEY = "add_mentor_journeys"
# Old journeys are forgotten, so a session does not grow without end.
JOURNEYS_KEPT = 10

AGE_RANGE = "age-range"
STEPS = {
    "personal-details": PersonalDetailsForm,
    "subject": SubjectForm,
    AGE_RANGE: AgeRangeForm,
    "key-stage": KeyStageForm,
}
FIRST_STEP, *_, LAST_STEP = STEPS
CHECK_YOUR_ANSWERS = "check-your-answers"


class AddMentorJourney:
    def __init__(self, request, school, journey_id, state):
        self.request = request
        self.school = school
        self.id = journey_id
        self._state = state
        # Each step's stored answers, validated once a request (until an answer changes): every page checks them.
        self._checked = {}

    @classmethod
    def start(cls, request, school):
        journeys = request.session.setdefault(SESSION_KEY, {})
        for old_id in list(journeys)[: max(0, len(journeys) - JOURNEYS_KEPT + 1)]:
            del journeys[old_id]
        journey_id = str(uuid.uuid4())
        journeys[journey_id] = {"school": school.urn, "answers": {}, "mentor": None, "skipped": []}
        known_age_range = selectors.age_range_known_from_gias(school)
        if known_age_range:
            # GIAS has already answered the age range: not asked, but shown (and changeable) on check your answers.
            journeys[journey_id]["answers"]["age_range"] = str(known_age_range.pk)
            journeys[journey_id]["skipped"].append(AGE_RANGE)
        request.session.modified = True
        return cls(request, school, journey_id, journeys[journey_id])

    @classmethod
    def find(cls, request, school, journey_id):
        """The journey with this id in this school, or None (never started here, or forgotten)."""
        journey_id = str(journey_id)
        state = request.session.get(SESSION_KEY, {}).get(journey_id)
        if state is None or state["school"] != school.urn:
            return None
        return cls(request, school, journey_id, state)

    @property
    def answers(self):
        return self._state["answers"]

    @property
    def mentor_id(self):
        """The mentor this journey added, once it has finished."""
        return self._state["mentor"]

    def form(self, step, data=None):
        return STEPS[step](data, initial=self.answers, school=self.school, answers=self.answers)

    def checked_answers(self, step):
        """The step's form bound to its stored answers, and validated."""
        if step not in self._checked:
            form = self.form(step, data=self.answers)
            form.is_valid()
            self._checked[step] = form
        return self._checked[step]

    def form_to_show(self, step):
        """The step's form, prefilled; bound to the stored answers, to show why, when one is no longer valid."""
        if any(name in self.answers for name in STEPS[step].base_fields):
            stored = self.checked_answers(step)
            if not stored.is_valid():
                return stored
        return self.form(step)

    def save(self, step, form):
        """Keep a step's cleaned answers (trimmed, and a choice as its id) as the form would post them.

        A later answer the new one makes invalid (a key stage the new age range does not offer) is forgotten,
        so that its question is asked again from scratch.
        """
        self._checked.clear()
        self.answers.update(
            {name: str(value.pk) if hasattr(value, "pk") else value for name, value in form.cleaned_data.items()}
        )
        steps = list(STEPS)
        for later_step in steps[steps.index(step) + 1 :]:
            if not self.form(later_step, data=self.answers).is_valid():
                for name in STEPS[later_step].base_fields:
                    self.answers.pop(name, None)
        self.request.session.modified = True

    def first_unanswered_step(self):
        """The first step whose stored answers are missing or no longer valid; None when all are answered."""
        for step in STEPS:
            if not self.checked_answers(step).is_valid():
                return step
        return None

    def cleaned_answers(self):
        details = {}
        for step in STEPS:
            details.update(self.checked_answers(step).cleaned_data)
        return details

    def remember_trs_record(self, record):
        """What TRS said of the teacher in the personal details (None when it could not say)."""
        self._state["trs_record"] = record.to_session() if record else None
        self.request.session.modified = True

    @property
    def trs_record(self):
        values = self._state.get("trs_record")
        return trs.TeacherRecord.from_session(values) if values else None

    def finish(self, mentor):
        """Forget the answers, remembering only which mentor was added, so a second submission adds nothing."""
        self._checked.clear()
        self._state.update(answers={}, mentor=mentor.pk)
        self.request.session.modified = True

    def url(self, step):
        kwargs = {"urn": self.school.urn, "journey_id": self.id}
        if step == CHECK_YOUR_ANSWERS:
            return reverse("mentors:add-check-your-answers", kwargs=kwargs)
        return reverse("mentors:add-step", kwargs={**kwargs, "step": step})

    def _asked_steps(self):
        return [step for step in STEPS if step not in self._state.get("skipped", [])]

    def previous_step(self, step):
        """The question before this one that was asked, or None from the first."""
        earlier = [asked for asked in self._asked_steps() if self.is_before(asked, step)]
        return earlier[-1] if earlier else None

    def next_step(self, step):
        """The next question to ask after this one, or check your answers after the last."""
        later = [asked for asked in self._asked_steps() if self.is_before(step, asked)]
        return later[0] if later else CHECK_YOUR_ANSWERS

    def is_before(self, step, other):
        """Whether step comes before other in the journey (check your answers comes last)."""
        order = [*STEPS, CHECK_YOUR_ANSWERS]
        return order.index(step) < order.index(other)
