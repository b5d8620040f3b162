"""The funding rules DfE published for 2024 to 2025 and 2025 to 2026, as data: the funding regions and their
districts, and three academic years with their hours and hourly rates. From here on, support staff change them in
admin; a change of policy is a change of data, never of code.
"""

from django.db import migrations

# GIAS's DistrictAdministrative codes of the districts in each funding region. Every other district in England is
# in the rest of England.
DISTRICTS = {
    "Inner London": [
        ("E09000002", "Barking and Dagenham"),
        ("E09000005", "Brent"),
        ("E09000007", "Camden"),
        ("E09000001", "City of London"),
        ("E09000009", "Ealing"),
        ("E09000011", "Greenwich"),
        ("E09000012", "Hackney"),
        ("E09000013", "Hammersmith and Fulham"),
        ("E09000014", "Haringey"),
        ("E09000019", "Islington"),
        ("E09000020", "Kensington and Chelsea"),
        ("E09000022", "Lambeth"),
        ("E09000023", "Lewisham"),
        ("E09000024", "Merton"),
        ("E09000025", "Newham"),
        ("E09000028", "Southwark"),
        ("E09000030", "Tower Hamlets"),
        ("E09000032", "Wandsworth"),
        ("E09000033", "Westminster"),
    ],
    "Outer London": [
        ("E09000003", "Barnet"),
        ("E09000004", "Bexley"),
        ("E09000006", "Bromley"),
        ("E09000008", "Croydon"),
        ("E09000010", "Enfield"),
        ("E09000015", "Harrow"),
        ("E09000016", "Havering"),
        ("E09000017", "Hillingdon"),
        ("E09000018", "Hounslow"),
        ("E09000021", "Kingston upon Thames"),
        ("E09000026", "Redbridge"),
        ("E09000027", "Richmond upon Thames"),
        ("E09000029", "Sutton"),
        ("E09000031", "Waltham Forest"),
    ],
    "Fringe": [
        ("E06000036", "Bracknell Forest"),
        ("E06000039", "Slough"),
        ("E06000040", "Windsor and Maidenhead"),
        ("E06000060", "Buckinghamshire"),
        ("E07000006", "South Bucks (inactive code)"),
        ("E07000005", "Chiltern (inactive code)"),
        ("E07000066", "Basildon"),
        ("E07000068", "Brentwood"),
        ("E07000072", "Epping Forest"),
        ("E07000073", "Harlow"),
        ("E06000034", "Thurrock"),
        ("E07000095", "Broxbourne"),
        ("E07000096", "Dacorum"),
        ("E07000242", "East Hertfordshire"),
        ("E07000098", "Hertsmere"),
        ("E07000240", "St Albans"),
        ("E07000102", "Three Rivers"),
        ("E07000103", "Watford"),
        ("E07000241", "Welwyn Hatfield"),
        ("E07000107", "Dartford"),
        ("E07000111", "Sevenoaks"),
        ("E07000226", "Crawley"),
        ("E07000211", "Reigate and Banstead"),
        ("E07000215", "Tandridge"),
        ("E07000210", "Mole Valley"),
        ("E07000209", "Guildford"),
        ("E07000208", "Epsom and Ewell"),
        ("E07000207", "Elmbridge"),
        ("E07000213", "Spelthorne"),
        ("E07000214", "Surrey Heath"),
        ("E07000216", "Waverley"),
        ("E07000217", "Woking"),
        ("E07000212", "Runnymede"),
    ],
}
REST_OF_ENGLAND = "Rest of England"
# Pence an hour of training, the same in each of these years.
RATES = {"Inner London": 5360, "Outer London": 4825, "Fringe": 4510, REST_OF_ENGLAND: 4380}
# (start year, hours of initial training, hours of refresher training): initial training is 20 hours in years that
# start in 2024 or earlier, 16 from 2025 to 2026 on.
ACADEMIC_YEARS = [(2024, 20, 6), (2025, 16, 6), (2026, 16, 6)]


def create_funding_rules(apps, schema_editor):
    FundingRegion = apps.get_model("claims", "FundingRegion")
    District = apps.get_model("claims", "District")
    AcademicYear = apps.get_model("claims", "AcademicYear")
    FundingRate = apps.get_model("claims", "FundingRate")
    regions = {}
    for name in RATES:
        regions[name] = FundingRegion.objects.create(name=name, other_districts=name == REST_OF_ENGLAND)
    District.objects.bulk_create(
        District(code=code, name=district, region=regions[region])
        for region, districts in DISTRICTS.items()
        for code, district in districts
    )
    for start_year, initial_hours, refresher_hours in ACADEMIC_YEARS:
        year = AcademicYear.objects.create(
            start_year=start_year, initial_hours=initial_hours, refresher_hours=refresher_hours
        )
        FundingRate.objects.bulk_create(
            FundingRate(academic_year=year, region=regions[name], pence_per_hour=pence) for name, pence in RATES.items()
        )


def remove_funding_rules(apps, schema_editor):
    for model in ("FundingRate", "AcademicYear", "District", "FundingRegion"):
        apps.get_model("claims", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_claims"),
    ]

    operations = [migrations.RunPython(create_funding_rules, remove_funding_rules)]
