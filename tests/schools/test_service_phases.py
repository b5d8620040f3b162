import pytest

from schools.models import School
from schools.selectors import service_phases

PRIMARY = ("primary",)
SECONDARY = ("secondary",)
BOTH = ("primary", "secondary")


@pytest.mark.parametrize(
    "gias_phase, expected",
    [
        (School.GiasPhase.NURSERY, PRIMARY),
        (School.GiasPhase.PRIMARY, PRIMARY),
        (School.GiasPhase.MIDDLE_DEEMED_PRIMARY, PRIMARY),
        (School.GiasPhase.SECONDARY, SECONDARY),
        (School.GiasPhase.MIDDLE_DEEMED_SECONDARY, SECONDARY),
        (School.GiasPhase.SIXTEEN_PLUS, SECONDARY),
        (School.GiasPhase.ALL_THROUGH, BOTH),
    ],
)
def test_phase_from_gias_phase(gias_phase, expected):
    # Ages that would say otherwise, to show the GIAS phase decides.
    school = School(phase_of_education_code=gias_phase, statutory_low_age=2, statutory_high_age=19)
    assert service_phases(school) == expected


@pytest.mark.parametrize(
    "low_age, high_age, expected",
    [
        (2, 7, PRIMARY),
        (4, 11, PRIMARY),  # pupils leave a primary school at 11
        (11, 16, SECONDARY),
        (14, 19, SECONDARY),
        (3, 19, BOTH),
        (7, 14, BOTH),
        (None, None, BOTH),
        (None, 10, PRIMARY),
        (12, None, SECONDARY),
    ],
)
def test_not_applicable_phase_is_decided_by_statutory_ages(low_age, high_age, expected):
    school = School(
        phase_of_education_code=School.GiasPhase.NOT_APPLICABLE, statutory_low_age=low_age, statutory_high_age=high_age
    )
    assert service_phases(school) == expected


def test_every_gias_phase_is_mapped():
    for gias_phase in School.GiasPhase:
        assert service_phases(School(phase_of_education_code=gias_phase)) in (PRIMARY, SECONDARY, BOTH)
