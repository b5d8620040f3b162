"""The reference lists of the service's design, in its order and wording.

'7 to 14 - middle years' is offered in both phases, and choosing it offers 'Key stage 2' whatever the phase.
"""

from django.db import migrations

PHASES = [("primary", "Primary"), ("secondary", "Secondary")]

SUBJECTS = {
    "primary": [
        "Primary",
        "Primary with English",
        "Primary with geography and history",
        "Primary with mathematics",
        "Primary with modern languages",
        "Primary with physical education",
        "Primary with science",
    ],
    "secondary": [
        "Ancient Greek",
        "Ancient Hebrew",
        "Art and design",
        "Biology",
        "Business studies",
        "Chemistry",
        "Citizenship",
        "Classics",
        "Communication and media studies",
        "Computing",
        "Dance",
        "Design and technology",
        "Drama",
        "Economics",
        "English",
        "English as a second or other language",
        "French",
        "Geography",
        "German",
        "Health and social care",
        "History",
        "Italian",
        "Japanese",
        "Latin",
        "Mandarin",
        "Mathematics",
        "Music",
        "Philosophy",
        "Physical education",
        "Physics",
        "Psychology",
        "Religious education",
        "Russian",
        "Science",
        "Social sciences",
        "Spanish",
    ],
}

KEY_STAGES = {
    "primary": ["Early years", "Key stage 1", "Key stage 2"],
    "secondary": ["Key stage 3", "Key stage 4", "Key stage 5"],
}

# (name, low age, high age, phases offered in, key stages it adds whatever the phase)
AGE_RANGES = [
    ("3 to 7", 3, 7, ["primary"], []),
    ("5 to 11", 5, 11, ["primary"], []),
    ("7 to 11", 7, 11, ["primary"], []),
    ("7 to 14 - middle years", 7, 14, ["primary", "secondary"], ["Key stage 2"]),
    ("11 to 16", 11, 16, ["secondary"], []),
    ("11 to 18", 11, 18, ["secondary"], []),
    ("14 to 19", 14, 19, ["secondary"], []),
]


def create_reference_lists(apps, schema_editor):
    Phase = apps.get_model("reference_data", "Phase")
    Subject = apps.get_model("reference_data", "Subject")
    KeyStage = apps.get_model("reference_data", "KeyStage")
    AgeRange = apps.get_model("reference_data", "AgeRange")

    phases = {
        code: Phase.objects.create(code=code, name=name, position=position)
        for position, (code, name) in enumerate(PHASES, start=1)
    }
    position = 0
    for code, names in SUBJECTS.items():
        for name in names:
            position += 1
            Subject.objects.create(name=name, phase=phases[code], position=position)
    key_stages = {}
    position = 0
    for code, names in KEY_STAGES.items():
        for name in names:
            position += 1
            key_stages[name] = KeyStage.objects.create(name=name, phase=phases[code], position=position)
    for position, (name, low_age, high_age, phase_codes, added_key_stages) in enumerate(AGE_RANGES, start=1):
        age_range = AgeRange.objects.create(name=name, low_age=low_age, high_age=high_age, position=position)
        age_range.phases.set([phases[code] for code in phase_codes])
        age_range.additional_key_stages.set([key_stages[name] for name in added_key_stages])


def remove_reference_lists(apps, schema_editor):
    for model in ["AgeRange", "KeyStage", "Subject", "Phase"]:
        apps.get_model("reference_data", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference_data", "0001_initial")]

    operations = [migrations.RunPython(create_reference_lists, remove_reference_lists)]
