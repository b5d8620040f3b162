"""Importing schools from the GIAS bulk file."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import District, FundingRegion
from mentors.models import Mentor
from schools import gias
from schools.models import School
from schools.selectors import service_phases
from tests.support.factories import MentorFactory, SchoolFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "gias" / "edubasealldata-sample.csv"
with open(SAMPLE, encoding="cp1252", newline="") as sample_file:
    HEADER = next(csv.reader(sample_file))


def gias_row(urn, **columns):
    """A row of an open primary community school in England, with the given columns changed."""
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "URN": str(urn),
            "EstablishmentName": f"School {urn}",
            "PhaseOfEducation (code)": "2",
            "PhaseOfEducation (name)": "Primary",
            "StatutoryLowAge": "4",
            "StatutoryHighAge": "11",
            "LA (name)": "Leeds",
            "Town": "Leeds",
            "Postcode": "LS1 4AP",
            "GOR (code)": "G",
            "GOR (name)": "Yorkshire and the Humber",
            "EstablishmentStatus (code)": "1",
            "EstablishmentStatus (name)": "Open",
            "TypeOfEstablishment (code)": "1",
            "TypeOfEstablishment (name)": "Community school",
        }
    )
    row.update(columns)
    return row


@pytest.fixture
def gias_file(tmp_path):
    """Writes a GIAS file of the given rows, as GIAS does (Windows-1252, CRLF), and returns its path."""

    def write(*rows, header=HEADER, name="edubasealldata.csv"):
        path = tmp_path / name
        with open(path, "w", encoding="cp1252", newline="") as file:
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([row.get(column, "") for column in header])
        return path

    return write


def import_gias(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_gias", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    return list(School.objects.order_by("urn").values())


class TestTheSampleFile:
    def test_imports_open_schools_in_england_and_skips_the_rest(self):
        output, errors = import_gias(SAMPLE)
        assert School.objects.count() == 146
        assert "Created: 146" in output
        assert "Skipped: 154" in output
        for line in ["99 closed", "13 Welsh establishment", "29 in Wales", "3 offshore school",
                     "3 British school overseas", "7 not open (proposed to open, or no status)"]:  # fmt: skip
            assert f"  {line}" in output
        assert errors == ""  # the progress bar stays quiet when not on a terminal

    def test_reads_windows_1252(self):
        import_gias(SAMPLE)
        assert School.objects.filter(name__contains="Chêne Vert").exists()
        assert School.objects.filter(name__contains="’").exists()

    def test_a_second_run_changes_nothing_and_says_so(self):
        import_gias(SAMPLE)
        before = snapshot()
        output, _ = import_gias(SAMPLE)
        assert snapshot() == before
        assert "Created: 0\nUpdated: 0\nUnchanged: 146\nClosed: 0" in output
        assert "No changes: the schools were already up to date with this file." in output


def test_stores_the_schools_details(gias_file):
    path = gias_file(
        gias_row(
            123456,
            EstablishmentName="St Mary’s Church of England Academy",
            **{
                "PhaseOfEducation (code)": "4",
                "PhaseOfEducation (name)": "Secondary",
                "StatutoryLowAge": "11",
                "StatutoryHighAge": "16",
                "LA (name)": "Camden",
                "Town": "London",
                "Postcode": "NW1 2AB",
                "GOR (name)": "London",
                "EstablishmentStatus (code)": "3",
                "EstablishmentStatus (name)": "Open, but proposed to close",
                "TypeOfEstablishment (code)": "28",
                "TypeOfEstablishment (name)": "Academy sponsor led",
            },
        )
    )
    import_gias(path)
    school = School.objects.get(urn=123456)
    assert (school.name, school.phase_of_education_code, school.phase_of_education_name) == (
        "St Mary’s Church of England Academy",
        4,
        "Secondary",
    )
    assert (school.statutory_low_age, school.statutory_high_age) == (11, 16)
    assert (school.local_authority, school.town, school.postcode, school.region) == (
        "Camden",
        "London",
        "NW1 2AB",
        "London",
    )
    assert (school.establishment_status_code, school.establishment_status_name) == (3, "Open, but proposed to close")
    assert (school.establishment_type_code, school.establishment_type_name) == (28, "Academy sponsor led")
    assert school.is_open


@pytest.mark.parametrize(
    "code, name, phases",
    [
        ("0", "Not applicable", ("primary", "secondary")),
        ("1", "Nursery", ("primary",)),
        ("2", "Primary", ("primary",)),
        ("3", "Middle deemed primary", ("primary",)),
        ("4", "Secondary", ("secondary",)),
        ("5", "Middle deemed secondary", ("secondary",)),
        ("6", "16 plus", ("secondary",)),
        ("7", "All-through", ("primary", "secondary")),
    ],
)
def test_matches_phases_on_their_codes(gias_file, code, name, phases):
    # The name is deliberately not the code's, to show the code decides.
    row = gias_row(100001, **{"PhaseOfEducation (code)": code, "PhaseOfEducation (name)": "Anything"})
    row.update(StatutoryLowAge="3", StatutoryHighAge="18")
    import_gias(gias_file(row))
    school = School.objects.get(urn=100001)
    assert school.phase_of_education_code == int(code)
    assert School.GiasPhase(school.phase_of_education_code).label == name
    assert service_phases(school) == phases


@pytest.mark.parametrize(
    "columns, reason",
    [
        ({"URN": ""}, "blank or non-numeric URN"),
        ({"URN": "12A456"}, "blank or non-numeric URN"),
        ({"PhaseOfEducation (code)": "9"}, "unknown phase of education code"),
        ({"PhaseOfEducation (code)": ""}, "unknown phase of education code"),
        ({"EstablishmentStatus (code)": "2", "EstablishmentStatus (name)": "Closed"}, "closed"),
        ({"EstablishmentStatus (code)": "4"}, "not open (proposed to open, or no status)"),
        ({"TypeOfEstablishment (code)": "30"}, "Welsh establishment"),
        ({"GOR (code)": "W", "GOR (name)": "Wales (pseudo)"}, "in Wales"),
        ({"TypeOfEstablishment (code)": "25"}, "offshore school"),
        ({"TypeOfEstablishment (code)": "37"}, "British school overseas"),
    ],
)
def test_skips_rows_it_cannot_or_should_not_import_and_counts_them(gias_file, columns, reason):
    output, _ = import_gias(gias_file(gias_row(100001, **columns), gias_row(100002)))
    assert list(School.objects.values_list("urn", flat=True)) == [100002]
    assert f"Skipped: 1\n  1 {reason}" in output


def test_updates_a_changed_school(gias_file):
    import_gias(gias_file(gias_row(100001), gias_row(100002)))
    output, _ = import_gias(gias_file(gias_row(100001, EstablishmentName="Renamed School"), gias_row(100002)))
    assert School.objects.get(urn=100001).name == "Renamed School"
    assert "Created: 0\nUpdated: 1\nUnchanged: 1\nClosed: 0" in output


class TestFundingRegions:
    """The district code is kept, and the school's funding region found from it, on every import."""

    @pytest.mark.parametrize(
        "district, region",
        [
            ("E09000007", "Inner London"),  # Camden
            ("E09000003", "Outer London"),  # Barnet
            ("E06000039", "Fringe"),  # Slough
            ("E08000035", "Rest of England"),  # Leeds
            ("", "Rest of England"),
            ("e09000007", "Inner London"),
        ],
    )
    def test_each_district_has_its_region(self, gias_file, district, region):
        import_gias(gias_file(gias_row(100001, **{"DistrictAdministrative (code)": district})))
        school = School.objects.get(urn=100001)
        assert school.district_code == district
        assert school.funding_region.name == region

    def test_the_sample_files_schools_are_in_each_region(self):
        import_gias(SAMPLE)
        regions = set(School.objects.values_list("funding_region__name", flat=True))
        assert {"Inner London", "Fringe", "Rest of England"} <= regions
        city_of_london = School.objects.filter(district_code="E09000001")
        assert city_of_london and {school.funding_region.name for school in city_of_london} == {"Inner London"}

    def test_a_region_changed_in_admin_lasts_until_the_next_import(self, gias_file):
        path = gias_file(gias_row(100001, **{"DistrictAdministrative (code)": "E09000007"}))
        import_gias(path)
        School.objects.filter(urn=100001).update(funding_region=FundingRegion.objects.get(name="Fringe"))
        output, _ = import_gias(path)
        assert School.objects.get(urn=100001).funding_region.name == "Inner London"
        assert "Updated: 1" in output

    def test_a_district_moved_to_another_region_moves_its_schools_at_the_next_import(self, gias_file):
        path = gias_file(gias_row(100001, **{"DistrictAdministrative (code)": "E06000039"}))
        import_gias(path)
        District.objects.filter(code="E06000039").update(region=FundingRegion.objects.get(name="Outer London"))
        import_gias(path)
        assert School.objects.get(urn=100001).funding_region.name == "Outer London"


class TestClosing:
    def test_a_school_that_has_left_the_file_is_closed_not_deleted(self, gias_file):
        import_gias(gias_file(gias_row(100001), gias_row(100002)))
        mentor = MentorFactory(school=School.objects.get(urn=100002))
        output, _ = import_gias(gias_file(gias_row(100001)))
        school = School.objects.get(urn=100002)
        assert not school.is_open
        assert school.establishment_status_name == "Open"  # GIAS said nothing more
        assert Mentor.objects.get() == mentor
        assert "Closed: 1" in output

    def test_a_school_gias_says_has_closed_is_closed(self, gias_file):
        import_gias(gias_file(gias_row(100001)))
        closed = {"EstablishmentStatus (code)": "2", "EstablishmentStatus (name)": "Closed"}
        output, _ = import_gias(gias_file(gias_row(100001, **closed)))
        school = School.objects.get(urn=100001)
        assert not school.is_open
        assert (school.establishment_status_code, school.establishment_status_name) == (2, "Closed")
        assert "Closed: 1" in output
        assert "Closed: 0" in import_gias(gias_file(gias_row(100001, **closed)))[0]

    def test_a_closed_school_that_reopens_is_open_again(self, gias_file):
        import_gias(gias_file(gias_row(100001), gias_row(100002)))
        import_gias(gias_file(gias_row(100001)))
        output, _ = import_gias(gias_file(gias_row(100001), gias_row(100002)))
        assert School.objects.get(urn=100002).is_open
        assert "Updated: 1" in output


class TestBadInput:
    @pytest.fixture(autouse=True)
    def existing_school(self, db):
        return SchoolFactory(urn=100009)

    def assert_refused(self, path, message):
        before = snapshot()
        with pytest.raises(CommandError) as error:
            import_gias(path)
        assert message in str(error.value)
        assert "Nothing has changed." in str(error.value)
        assert snapshot() == before

    def test_a_missing_file(self, tmp_path):
        self.assert_refused(tmp_path / "nope.csv", "No such file or directory")

    def test_an_empty_file(self, tmp_path):
        path = tmp_path / "empty.csv"
        path.write_bytes(b"")
        self.assert_refused(path, "The file is empty")

    def test_a_file_without_the_needed_columns_names_them(self, gias_file):
        header = [column for column in HEADER if column not in ("Postcode", "PhaseOfEducation (code)")]
        self.assert_refused(gias_file(gias_row(100001), header=header), "it lacks PhaseOfEducation (code), Postcode.")

    def test_an_interrupted_import_leaves_the_previous_data(self, gias_file, monkeypatch):
        def interrupted(*args):
            raise KeyboardInterrupt

        monkeypatch.setattr(gias, "_close", interrupted)
        before = snapshot()
        with pytest.raises(KeyboardInterrupt):
            import_gias(gias_file(gias_row(100001), gias_row(100002)))
        assert snapshot() == before


class TestDownload:
    def test_downloads_and_imports(self, gias_file, httpserver):
        httpserver.expect_request("/edubasealldata20261124.csv").respond_with_data(
            gias_file(gias_row(100001)).read_bytes(), content_type="text/csv"
        )
        output, _ = import_gias("--url", httpserver.url_for("/edubasealldata20261124.csv"))
        assert School.objects.filter(urn=100001).exists()
        assert "Created: 1" in output

    def test_a_failing_server_is_a_clear_error(self, httpserver):
        httpserver.expect_request("/missing.csv").respond_with_data("Not found", status=404)
        url = httpserver.url_for("/missing.csv")
        with pytest.raises(CommandError) as error:
            import_gias("--url", url)
        assert f"Could not download the GIAS file from {url}" in str(error.value)
        assert "404" in str(error.value)
        assert School.objects.count() == 0

    def test_an_unreachable_server_is_a_clear_error(self):
        with pytest.raises(CommandError) as error:
            import_gias("--url", "http://127.0.0.1:9/edubasealldata.csv")
        assert "Could not download the GIAS file" in str(error.value)

    def test_the_download_is_streamed_with_a_timeout(self, monkeypatch, httpserver, settings):
        settings.GIAS_DOWNLOAD_TIMEOUT = 7
        calls = []
        real_get = gias.requests.get

        def get(url, **kwargs):
            calls.append(kwargs)
            return real_get(url, **kwargs)

        monkeypatch.setattr(gias.requests, "get", get)
        httpserver.expect_request("/f.csv").respond_with_data("")
        with pytest.raises(CommandError):
            import_gias("--url", httpserver.url_for("/f.csv"))
        assert calls == [{"stream": True, "timeout": (gias.CONNECT_TIMEOUT, 7)}]


def test_schools_are_searchable_in_admin_by_urn_name_and_postcode(admin_client):
    import_gias(SAMPLE)
    school = School.objects.order_by("urn").first()
    for query in [str(school.urn), school.name, school.postcode]:
        response = admin_client.get("/admin/schools/school/", {"q": query})
        assert school.name in response.content.decode()


def test_seed_demo_can_take_its_schools_from_a_gias_file():
    out = io.StringIO()
    call_command("seed_demo", "--gias", str(SAMPLE), "--password", "demo-password-123", stdout=out)
    coordinator_schools = School.objects.filter(memberships__user__email="coordinator@example.com")
    assert {school.phase_of_education_code for school in coordinator_schools} == {2, 4}
    assert all(school.is_open and school.urn < 999000 for school in coordinator_schools)


def test_keeps_the_schools_own_provision_for_special_educational_needs(gias_file):
    path = gias_file(
        gias_row(
            100001,
            **{
                "SEN1 (name)": "ASD - Autistic Spectrum Disorder",
                "SEN2 (name)": "SLCN - Speech, language and Communication",
                "SEN13 (name)": "HI - Hearing Impairment",
                "TypeOfResourcedProvision (name)": "Resourced provision and SEN unit",
                "ResourcedProvisionOnRoll": "12",
                "ResourcedProvisionCapacity": "14",
                "SenUnitOnRoll": "8",
                "SenUnitCapacity": "",
            },
        ),
        gias_row(100002),
    )
    gias.import_schools(path)
    school = School.objects.get(urn=100001)
    assert school.sen_types == [
        "ASD - Autistic Spectrum Disorder",
        "SLCN - Speech, language and Communication",
        "HI - Hearing Impairment",
    ]
    assert school.resourced_provision_type == "Resourced provision and SEN unit"
    assert (school.resourced_provision_on_roll, school.resourced_provision_capacity) == (12, 14)
    assert (school.sen_unit_on_roll, school.sen_unit_capacity) == (8, None)
    assert School.objects.get(urn=100002).sen_types == []

    # A change of provision is an update; the same file again changes nothing.
    path = gias_file(gias_row(100001, **{"SEN1 (name)": "VI - Visual Impairment"}), gias_row(100002))
    assert gias.import_schools(path).updated == 1
    assert School.objects.get(urn=100001).sen_types == ["VI - Visual Impairment"]
    assert gias.import_schools(path).changed_anything is False
