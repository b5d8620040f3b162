"""The four broad areas of need of the SEND code of practice (0 to 25 years, 2015), in its order and wording."""

from django.db import migrations

SEND_AREAS = [
    "Communication and interaction",
    "Cognition and learning",
    "Social, emotional and mental health",
    "Sensory and/or physical needs",
]


def create_send_areas(apps, schema_editor):
    SendArea = apps.get_model("reference_data", "SendArea")
    for position, name in enumerate(SEND_AREAS, start=1):
        SendArea.objects.update_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("reference_data", "0003_send_areas")]

    operations = [migrations.RunPython(create_send_areas, migrations.RunPython.noop)]
