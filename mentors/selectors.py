"""Reads about a school's mentors, and the choices a school is offered when it describes one."""

from reference_data import selectors as reference_lists
from schools.selectors import service_phases

from .models import Mentor


def subjects_for_school(school):
    return reference_lists.subjects_for(service_phases(school))


def age_ranges_for_school(school):
    return reference_lists.age_ranges_for(service_phases(school))


def key_stages_for_school(school, age_range):
    return reference_lists.key_stages_for(service_phases(school), age_range)


def school_has_mentor_with_trn(school, trn, *, other_than=None):
    mentors = Mentor.objects.filter(school=school, trn=trn)
    if other_than is not None:
        mentors = mentors.exclude(pk=other_than.pk)
    return mentors.exists()


def mentors_of(school):
    return Mentor.objects.filter(school=school).select_related("subject", "age_range", "key_stage")
