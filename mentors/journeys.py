"""The add-mentor journey (core.journeys): personal details, subject, age range and key stage, then check your answers.

Personal details are looked up in the Teaching Record System once they are valid, so a TRN with no teacher, or a
name that is not the teacher's, is refused there. GIAS may already have answered the age range.
"""

import trs
from core.journeys import AnswerNoLongerValid, Step
from core.summary import answer_rows
from schools.journeys import SchoolJourney

from . import forms, selectors, services
from .models import Mentor

PERSONAL_DETAILS = "personal-details"
AGE_RANGE = "age-range"
STEPS = [
    Step(PERSONAL_DETAILS, forms.PersonalDetailsForm),
    Step("subject", forms.SubjectForm),
    Step(AGE_RANGE, forms.AgeRangeForm),
    Step("key-stage", forms.KeyStageForm),
]


class AddMentorJourney(SchoolJourney):
    kind = "mentors:add"
    caption = "Add mentor"
    exit_route = "mentors:list"

    def steps(self):
        return STEPS

    def form_kwargs(self, step):
        return {"school": self.school, "answers": self.stored_answers()}

    def prefill(self):
        known_age_range = selectors.age_range_known_from_gias(self.school)
        if known_age_range:
            # GIAS has already answered: not asked, but shown (and changeable) on check your answers.
            self.skip(AGE_RANGE, {"age_range": str(known_age_range.pk)})

    def answered(self, step, form):
        if step.slug != PERSONAL_DETAILS:
            return
        lookup = services.look_up_in_trs(**form.cleaned_data)
        if lookup.error:
            form.add_error(lookup.field, lookup.error)
        else:
            self.remember(trs_record=lookup.record.to_session() if lookup.record else None)

    @property
    def trs_record(self):
        """What TRS said of the teacher in the personal details (None when it could not say)."""
        values = self.data.get("trs_record")
        return trs.TeacherRecord.from_session(values) if values else None

    def details(self):
        details = {}
        for answers in self.cleaned_answers().values():
            details.update(answers)
        return details

    def summary(self):
        details = self.details()
        return [
            row
            for step in self.steps()
            for row in answer_rows(step.form_class, details, self.url(step.slug, changing=True))
        ]

    def submit(self):
        try:
            return services.add_mentor(
                school=self.school,
                added_by=self.request.user,
                journey_id=self.id,
                trs_record=self.trs_record,
                **self.details(),
            )
        except services.MentorAlreadyAdded:
            # Someone added this TRN or email address meanwhile: the personal details page says so.
            raise AnswerNoLongerValid(PERSONAL_DETAILS) from None

    def result(self):
        return Mentor.objects.get(pk=self.result_id, school=self.school)
