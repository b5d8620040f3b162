"""The reference lists are the seed's, word for word and in its order, including its 'Further considerations'."""

import pytest

from reference_data import selectors
from reference_data.models import AgeRange, KeyStage, Phase, Subject

pytestmark = pytest.mark.django_db

PRIMARY_SUBJECTS = [
    "Primary",
    "Primary with English",
    "Primary with geography and history",
    "Primary with mathematics",
    "Primary with modern languages",
    "Primary with physical education",
    "Primary with science",
]
SECONDARY_SUBJECTS = [
    "Ancient Greek", "Ancient Hebrew", "Art and design", "Biology", "Business studies", "Chemistry",
    "Citizenship", "Classics", "Communication and media studies", "Computing", "Dance", "Design and technology",
    "Drama", "Economics", "English", "English as a second or other language", "French", "Geography", "German",
    "Health and social care", "History", "Italian", "Japanese", "Latin", "Mandarin", "Mathematics", "Music",
    "Philosophy", "Physical education", "Physics", "Psychology", "Religious education", "Russian", "Science",
    "Social sciences", "Spanish",
]  # fmt: skip
MIDDLE_YEARS = "7 to 14 - middle years"
PRIMARY = [Phase.Code.PRIMARY]
SECONDARY = [Phase.Code.SECONDARY]
BOTH = [Phase.Code.PRIMARY, Phase.Code.SECONDARY]


def names(queryset):
    return [item.name for item in queryset]


def test_phases():
    assert [(phase.code, phase.name) for phase in Phase.objects.all()] == [
        ("primary", "Primary"),
        ("secondary", "Secondary"),
    ]


def test_primary_subject_specialisms():
    assert len(PRIMARY_SUBJECTS) == 7
    assert names(selectors.subjects_for(PRIMARY)) == PRIMARY_SUBJECTS


def test_secondary_subjects():
    assert len(SECONDARY_SUBJECTS) == 36
    assert names(selectors.subjects_for(SECONDARY)) == SECONDARY_SUBJECTS


def test_both_phases_offer_both_subject_lists_in_order():
    assert names(selectors.subjects_for(BOTH)) == PRIMARY_SUBJECTS + SECONDARY_SUBJECTS


def test_primary_age_ranges():
    assert names(selectors.age_ranges_for(PRIMARY)) == ["3 to 7", "5 to 11", "7 to 11", MIDDLE_YEARS]


def test_secondary_age_ranges_include_middle_years():
    assert names(selectors.age_ranges_for(SECONDARY)) == [MIDDLE_YEARS, "11 to 16", "11 to 18", "14 to 19"]


def test_both_phases_offer_each_age_range_once():
    assert names(selectors.age_ranges_for(BOTH)) == [
        "3 to 7", "5 to 11", "7 to 11", MIDDLE_YEARS, "11 to 16", "11 to 18", "14 to 19",
    ]  # fmt: skip


def test_age_ranges_carry_their_ages():
    assert [(a.name, a.low_age, a.high_age) for a in AgeRange.objects.all()] == [
        ("3 to 7", 3, 7),
        ("5 to 11", 5, 11),
        ("7 to 11", 7, 11),
        (MIDDLE_YEARS, 7, 14),
        ("11 to 16", 11, 16),
        ("11 to 18", 11, 18),
        ("14 to 19", 14, 19),
    ]


def test_key_stages_by_phase():
    assert names(selectors.key_stages_for(PRIMARY)) == ["Early years", "Key stage 1", "Key stage 2"]
    assert names(selectors.key_stages_for(SECONDARY)) == ["Key stage 3", "Key stage 4", "Key stage 5"]
    assert names(selectors.key_stages_for(BOTH)) == [
        "Early years", "Key stage 1", "Key stage 2", "Key stage 3", "Key stage 4", "Key stage 5",
    ]  # fmt: skip


def test_middle_years_offers_key_stage_2_to_a_secondary_school():
    middle_years = AgeRange.objects.get(name=MIDDLE_YEARS)
    assert names(selectors.key_stages_for(SECONDARY, middle_years)) == [
        "Key stage 2", "Key stage 3", "Key stage 4", "Key stage 5",
    ]  # fmt: skip


def test_middle_years_does_not_offer_key_stage_2_twice_to_a_primary_school():
    middle_years = AgeRange.objects.get(name=MIDDLE_YEARS)
    assert names(selectors.key_stages_for(PRIMARY, middle_years)) == ["Early years", "Key stage 1", "Key stage 2"]


@pytest.mark.parametrize("age_range", ["11 to 16", "11 to 18", "14 to 19"])
def test_other_age_ranges_add_no_key_stage(age_range):
    assert names(selectors.key_stages_for(SECONDARY, AgeRange.objects.get(name=age_range))) == [
        "Key stage 3", "Key stage 4", "Key stage 5",
    ]  # fmt: skip


def test_lists_follow_edits_made_in_admin():
    """The selectors read the rows, so a change in admin is what every form offers next."""
    Subject.objects.filter(name="Dance").update(name="Dance and movement")
    KeyStage.objects.filter(name="Key stage 5").update(position=0)
    assert "Dance and movement" in names(selectors.subjects_for(SECONDARY))
    assert names(selectors.key_stages_for(SECONDARY))[0] == "Key stage 5"
