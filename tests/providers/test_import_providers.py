"""Importing ITT providers from Publish, against a local stand-in serving real-shaped pages."""

import datetime
import io
import json
import time

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from providers import publish
from providers.models import Provider, ProviderType

from .conftest import ONE_PAGE, PATH, YEAR

pytestmark = pytest.mark.django_db

ACCREDITED_IN_FIXTURES = 127  # 73 universities and 54 SCITTs of the 250


def import_providers(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_providers", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_cycle(year=YEAR):
    return import_providers("--year", year)


def snapshot():
    return list(Provider.objects.order_by("code").values()), Provider.history.count()


class TestTheWholeList:
    def test_loads_250_providers_over_10_pages(self, publish):
        output, errors = import_cycle()
        assert Provider.objects.count() == 250
        assert Provider.objects.accredited().count() == ACCREDITED_IN_FIXTURES
        assert publish.page_requests() == [str(page) for page in range(1, 11)]
        assert f"Reading the providers of recruitment cycle 2026 from {publish.base_url}{PATH}" in output
        assert "Created: 250\nUpdated: 0\nUnchanged: 0\nNo longer accredited: 0\nSkipped: 0" in output
        assert errors == ""  # the progress bar stays quiet when not on a terminal

    def test_asks_for_the_largest_pages_publish_gives(self, publish):
        import_cycle()
        first, _ = publish.server.log[0]
        assert first.args.to_dict() == {"page[per_page]": "100"}

    def test_records_each_provider_in_its_history(self, publish):
        import_cycle()
        assert Provider.history.filter(history_type="+", history_change_reason="Imported from Publish").count() == 250

    def test_a_second_run_changes_nothing_and_says_so(self, publish):
        import_cycle()
        before = snapshot()
        output, _ = import_cycle()
        assert snapshot() == before
        assert "Created: 0\nUpdated: 0\nUnchanged: 250\nNo longer accredited: 0" in output
        assert "No changes: the providers were already up to date with Publish's list." in output


def test_stores_the_providers_details(publish):
    import_cycle()
    provider = Provider.objects.get(code="H74")
    assert (provider.name, provider.provider_type, provider.accredited) == (
        "Norwich Institute of Education",
        ProviderType.UNIVERSITY,
        True,
    )
    assert (provider.ukprn, provider.urn, provider.email) == ("16539906", "", "itt1@provider1.example")
    assert (provider.address_line_1, provider.address_line_2, provider.address_line_3) == ("111 Station Road", "", "")
    assert (provider.town, provider.county, provider.postcode) == ("Norwich", "Norfolk", "EX21 7HE")
    assert (provider.publish_id, provider.recruitment_cycle_year) == ("10001", 2026)
    assert provider.changed_at == datetime.datetime(2025, 10, 4, 9, 57, tzinfo=datetime.UTC)


def test_normalises_odd_real_world_values(publish):
    publish.provider("VJP").update(ukprn=None, county=None, email="  ")
    publish.provider("W76").update(postcode="bs23 7px", name="  Brighton SCITT ")
    publish.provider("H74").update(postcode="ex217he", code="h74", accredited_body="true")
    import_cycle()
    assert Provider.objects.filter(code="VJP").values_list("ukprn", "county", "email").get() == ("", "", "")
    assert Provider.objects.filter(code="W76").values_list("postcode", "name").get() == ("BS23 7PX", "Brighton SCITT")
    assert Provider.objects.filter(code="H74").values_list("postcode", "accredited").get() == ("EX21 7HE", True)


@pytest.mark.parametrize(
    "changed_at, cycle",
    [(None, None), ("", ""), ("yesterday", "next"), ("2025-06-31T09:00:00Z", "20261")],
    ids=["null", "blank", "not a date", "impossible"],
)
def test_bookkeeping_publish_gets_wrong_is_left_blank(publish, changed_at, cycle):
    publish.provider("H74").update(changed_at=changed_at, recruitment_cycle_year=cycle)
    import_cycle()
    assert Provider.objects.filter(code="H74").values_list("changed_at", "recruitment_cycle_year").get() == (None, None)


def test_a_name_with_apostrophes_and_accents_is_kept_as_it_is(publish):
    import_cycle()
    assert Provider.objects.get(code="YQ1").name == "St Mary’s Catholic Academy Trust (Cumbria) 34"


def test_updates_a_changed_provider(publish):
    import_cycle()
    imported_at = dict(Provider.objects.values_list("code", "updated_at"))
    publish.provider("CZ2").update(name="Leeds Beckett University", changed_at="2025-11-02T10:00:00Z")
    output, _ = import_cycle()
    provider = Provider.objects.get(code="CZ2")
    assert provider.name == "Leeds Beckett University"
    assert provider.changed_at == datetime.datetime(2025, 11, 2, 10, tzinfo=datetime.UTC)
    assert provider.updated_at > imported_at["CZ2"]
    assert Provider.objects.get(code="BMS").updated_at == imported_at["BMS"]
    assert provider.history.first().history_change_reason == "Imported from Publish"
    assert provider.history.first().prev_record.name == "Leeds Institute of Education 51"
    assert "Created: 0\nUpdated: 1\nUnchanged: 249\nNo longer accredited: 0" in output


class TestAccreditation:
    def test_a_provider_that_has_left_the_list_is_no_longer_accredited_and_kept(self, publish):
        import_cycle()
        imported_at = Provider.objects.get(code="CZ2").updated_at
        publish.pages[2]["data"] = [p for p in publish.pages[2]["data"] if p["attributes"]["code"] != "CZ2"]
        output, _ = import_cycle()
        provider = Provider.objects.get(code="CZ2")
        assert not provider.accredited
        assert provider.updated_at > imported_at
        assert provider.history.first().history_change_reason == "Imported from Publish: no longer listed"
        assert Provider.objects.count() == 250
        assert "Created: 0\nUpdated: 0\nUnchanged: 249\nNo longer accredited: 1" in output

    def test_a_provider_listed_as_not_accredited_is_no_longer_accredited(self, publish):
        import_cycle()
        publish.provider("CZ2")["accredited_body"] = False
        output, _ = import_cycle()
        assert not Provider.objects.get(code="CZ2").accredited
        assert "Updated: 1\nUnchanged: 249\nNo longer accredited: 1" in output

    def test_a_provider_that_was_not_accredited_and_left_changes_nothing(self, publish):
        import_cycle()
        publish.pages[2]["data"] = [p for p in publish.pages[2]["data"] if p["attributes"]["code"] != "BMS"]
        before = snapshot()
        output, _ = import_cycle()
        assert snapshot() == before
        assert "No changes" in output

    def test_a_provider_that_comes_back_is_accredited_again(self, publish):
        import_cycle()
        page = publish.pages[2]["data"]
        publish.pages[2]["data"] = [p for p in page if p["attributes"]["code"] != "CZ2"]
        import_cycle()
        publish.pages[2]["data"] = page
        output, _ = import_cycle()
        assert Provider.objects.get(code="CZ2").accredited
        assert "Updated: 1" in output

    def test_open_in_the_service_only_while_accredited(self, publish):
        import_cycle()
        assert set(Provider.objects.accredited().values_list("provider_type", flat=True)) == {
            ProviderType.UNIVERSITY,
            ProviderType.SCITT,
        }
        assert not Provider.objects.accredited().filter(code__in=["BMS", "3FE", "6GK"]).exists()


def test_skips_a_provider_of_a_type_it_does_not_know_and_counts_it(publish):
    publish.provider("CZ2")["provider_type"] = "unknown"
    publish.provider("BMS")["provider_type"] = "invalid_value"
    output, _ = import_cycle()
    assert not Provider.objects.filter(code__in=["CZ2", "BMS"]).exists()
    assert "Created: 248" in output
    assert "Skipped: 2\n  2 unknown provider type" in output


def test_a_provider_listed_twice_is_imported_once_with_its_last_details(publish):
    twice = json.loads(json.dumps(publish.pages[0]["data"][0]))
    twice["attributes"]["name"] = "Norwich Institute of Education (later)"
    publish.pages[9]["data"].append(twice)
    output, _ = import_cycle()
    assert Provider.objects.get(code="H74").name == "Norwich Institute of Education (later)"
    assert "Created: 250" in output


class TestRetries:
    def test_over_the_rate_limit_it_waits_as_told_and_retries(self, publish):
        publish.server.expect_oneshot_request(
            PATH, query_string={"page[page]": "4", "page[per_page]": "25"}
        ).respond_with_data("", status=429, headers={"Retry-After": "1"})
        started = time.monotonic()
        output, _ = import_cycle()
        assert time.monotonic() - started >= 1
        assert Provider.objects.count() == 250
        assert publish.page_requests().count("4") == 2

    @pytest.mark.parametrize("status", [502, 503, 504])
    def test_a_page_briefly_unavailable_is_read_again(self, publish, status):
        publish.server.expect_oneshot_request(
            PATH, query_string={"page[page]": "6", "page[per_page]": "25"}
        ).respond_with_data("", status=status)
        import_cycle()
        assert Provider.objects.count() == 250
        assert publish.page_requests().count("6") == 2


class TestBadInput:
    """Each is refused with a message that says what is wrong, and nothing is written: not even the pages before."""

    @pytest.fixture(autouse=True)
    def already_imported(self, publish):
        import_cycle()
        # A change on an early page that an import writing page by page would have made before failing.
        publish.provider("H74")["name"] = "Renamed before the bad page"
        return publish

    def assert_refused(self, message, *args):
        before = snapshot()
        with pytest.raises(CommandError) as error:
            import_providers(*(args or ("--year", YEAR)))
        assert message in str(error.value)
        assert str(error.value).endswith("Nothing has changed.")
        assert snapshot() == before

    @pytest.mark.parametrize("status", [400, 404, 500])
    def test_a_page_that_fails(self, publish, status):
        publish.server.expect_oneshot_request(
            PATH, query_string={"page[page]": "7", "page[per_page]": "25"}
        ).respond_with_data("Problem", status=status)
        url = f"{publish.base_url}{PATH}?page[page]=7&page[per_page]=25"
        self.assert_refused(f"Publish answered {url} with HTTP {status}.")

    def test_a_page_that_is_not_json(self, publish):
        publish.pages[6] = "<html>Service unavailable</html>"
        self.assert_refused("page[page]=7&page[per_page]=25 is not JSON (Expecting value: line 1 column 1 (char 0)).")

    @pytest.mark.parametrize(
        "page",
        [{"links": {}}, {"data": {"id": "1"}}, {"errors": [{"status": "404"}]}],
        ids=["no data", "data not a list", "an error document"],
    )
    def test_a_page_without_a_list_of_data(self, publish, page):
        publish.pages[6] = {"links": {}, **page}
        self.assert_refused(
            'page[page]=7&page[per_page]=25 is not a JSON:API list of providers: it has no "data" list.'
        )

    def test_links_that_are_not_an_object(self, publish):
        publish.pages[9]["links"] = ["next"]
        self.assert_refused('page[page]=10&page[per_page]=25 has "links" that are not an object.')

    @pytest.mark.parametrize("code", [None, "", "   "])
    def test_a_provider_without_a_code(self, publish, code):
        publish.pages[6]["data"][2]["attributes"]["code"] = code
        name = publish.pages[6]["data"][2]["attributes"]["name"]
        self.assert_refused(f"page[page]=7&page[per_page]=25, provider 3 ({name}) has no code.")

    @pytest.mark.parametrize("code", ["AB", "ABCD", "A-1"])
    def test_a_provider_with_a_code_that_is_not_3_letters_or_digits(self, publish, code):
        publish.pages[6]["data"][2]["attributes"]["code"] = code
        self.assert_refused(f"provider 3 has the code {code!r}: a provider's code is 3 letters or digits.")

    def test_a_provider_without_a_name(self, publish):
        attributes = publish.pages[6]["data"][2]["attributes"]
        attributes["name"] = None
        self.assert_refused(f"provider 3 ({attributes['code']}) has no name.")

    @pytest.mark.parametrize(
        "attribute, value, message",
        [
            ("postcode", "To be confirmed", "has a postcode longer than 10 characters: 'TO BE CONFIRMED'."),
            ("ukprn", "100123456", "has a ukprn longer than 8 characters: '100123456'."),
            ("name", "N" * 256, f"has a name longer than 255 characters: '{'N' * 50}'."),
        ],
    )
    def test_a_provider_with_a_value_too_long_to_keep(self, publish, attribute, value, message):
        attributes = publish.pages[6]["data"][2]["attributes"]
        attributes[attribute] = value
        self.assert_refused(f"provider 3 ({attributes['code']}) {message}")

    @pytest.mark.parametrize("resource", [{"id": "1", "type": "providers"}, "H74", None])
    def test_a_provider_without_attributes(self, publish, resource):
        publish.pages[6]["data"][2] = resource
        self.assert_refused('page[page]=7&page[per_page]=25, provider 3 has no "attributes".')

    def test_an_empty_list(self, publish):
        publish.pages = [{"data": [], "links": {}, "jsonapi": {"version": "1.0"}}]
        self.assert_refused("Publish listed no providers to import.")

    def test_pages_that_link_back_to_a_page_already_read(self, publish):
        publish.pages[1]["links"]["next"] = publish.pages[0]["links"]["next"]
        self.assert_refused("Publish's pages link back to")

    def test_an_import_interrupted_while_writing_leaves_the_providers_as_they_were(self, monkeypatch):
        def interrupted(*args):
            raise KeyboardInterrupt

        monkeypatch.setattr(publish, "_withdraw_accreditation", interrupted)
        before = snapshot()
        with pytest.raises(KeyboardInterrupt):
            import_cycle()
        assert snapshot() == before

    def test_an_unreachable_server(self):
        self.assert_refused(
            "Could not reach Publish at http://127.0.0.1:9/api/public/v1/recruitment_cycles/2026/providers "
            "(ConnectionError).",
            "--url",
            "http://127.0.0.1:9",
            "--year",
            YEAR,
        )


class TestRecruitmentCycle:
    def test_year_chooses_the_cycle(self, publish):
        publish.server.expect_request("/api/public/v1/recruitment_cycles/2025/providers").respond_with_json(
            {
                "data": [
                    {
                        "id": "9",
                        "type": "providers",
                        "attributes": {
                            "code": "1TZ",
                            "name": "Oldshire SCITT",
                            "provider_type": "scitt",
                            "accredited_body": True,
                            "recruitment_cycle_year": "2025",
                        },
                    }
                ],
                "links": {},
            }  # fmt: skip
        )
        output, _ = import_providers("--year", 2025)
        assert "recruitment cycle 2025" in output
        assert list(Provider.objects.values_list("code", "recruitment_cycle_year")) == [("1TZ", 2025)]

    @pytest.mark.parametrize("today, year", [(datetime.date(2025, 10, 1), 2026), (datetime.date(2026, 9, 30), 2026)])
    def test_the_default_is_the_cycle_open_today(self, publish, monkeypatch, today, year):
        monkeypatch.setattr(timezone, "localdate", lambda: today)
        output, _ = import_providers()
        assert f"recruitment cycle {year}" in output
        assert Provider.objects.count() == 250


def test_url_names_the_api_instead_of_the_setting(publish, settings):
    settings.PUBLISH_API_URL = "http://127.0.0.1:9"
    import_providers("--url", f"{publish.base_url}/", "--year", YEAR)
    assert Provider.objects.count() == 250


class TestFromAFile:
    def test_imports_a_saved_document(self):
        output, _ = import_providers(ONE_PAGE)
        assert Provider.objects.count() == 12
        assert Provider.objects.get(code="H74").name == "Norwich Institute of Education"
        assert "Reading" not in output
        assert "Created: 12" in output

    def test_a_second_run_changes_nothing(self):
        import_providers(ONE_PAGE)
        before = snapshot()
        output, _ = import_providers(ONE_PAGE)
        assert snapshot() == before
        assert "No changes" in output

    @pytest.mark.parametrize("link", ["next", "prev"])
    def test_refuses_one_page_of_several(self, tmp_path, link):
        page = json.loads(ONE_PAGE.read_text(encoding="utf-8"))
        page["links"][link] = "https://example.com/providers?page[page]=2"
        path = tmp_path / "page.json"
        path.write_text(json.dumps(page), encoding="utf-8")
        with pytest.raises(CommandError) as error:
            import_providers(path)
        assert str(error.value) == (
            f"{path} is one page of several (it links to another page): import from Publish with --url instead. "
            "Nothing has changed."
        )
        assert not Provider.objects.exists()

    @pytest.mark.parametrize(
        "content, message",
        [
            (b"", "is not JSON (Expecting value: line 1 column 1 (char 0))."),
            (b"<html></html>", "is not JSON"),
            (b"\xff\xfe", "is not JSON"),
            (b"[]", 'is not a JSON:API list of providers: it has no "data" list.'),
        ],
        ids=["empty", "HTML", "not UTF-8", "a list"],
    )
    def test_refuses_a_file_that_is_not_a_document_of_providers(self, tmp_path, content, message):
        path = tmp_path / "providers.json"
        path.write_bytes(content)
        with pytest.raises(CommandError) as error:
            import_providers(path)
        assert f"{path} {message}" in str(error.value)
        assert not Provider.objects.exists()

    def test_refuses_a_missing_file(self, tmp_path):
        with pytest.raises(CommandError, match="No such file or directory"):
            import_providers(tmp_path / "nope.json")

    def test_refuses_a_folder(self, tmp_path):
        with pytest.raises(CommandError, match="Is a directory"):
            import_providers(tmp_path)

    def test_refuses_a_year_with_a_file(self):
        with pytest.raises(CommandError, match="a file is imported as it is"):
            import_providers(ONE_PAGE, "--year", YEAR)

    def test_refuses_both_a_file_and_a_url(self):
        with pytest.raises(CommandError, match="not allowed with argument"):
            import_providers(ONE_PAGE, "--url", "http://127.0.0.1:9")
