import django.db.models.deletion
from django.db import migrations, models


def set_funding_regions(apps, schema_editor):
    """Schools so far have no district code: they are in the rest of England until the next GIAS import says
    where they are."""
    School = apps.get_model("schools", "School")
    FundingRegion = apps.get_model("claims", "FundingRegion")
    School.objects.update(funding_region=FundingRegion.objects.get(other_districts=True))


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0003_school_is_open"),
        ("claims", "0002_funding_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="school",
            name="district_code",
            field=models.CharField(
                blank=True,
                help_text="GIAS's DistrictAdministrative (code), such as E09000007.",
                max_length=9,
                verbose_name="district code",
            ),
        ),
        migrations.AddField(
            model_name="school",
            name="funding_region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schools",
                to="claims.fundingregion",
            ),
        ),
        migrations.RunPython(set_funding_regions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="school",
            name="funding_region",
            field=models.ForeignKey(
                help_text="Where the school's hourly rate for mentor training comes from. Every GIAS import finds it "
                "from the district code again, so a change made here lasts until the next import.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schools",
                to="claims.fundingregion",
            ),
        ),
    ]
