"""The rules of the Publish import, and its client's conventions, case by case."""

import datetime
import json
import time

import pytest
from werkzeug import Response

from providers import publish

from .conftest import PATH


@pytest.mark.parametrize(
    "today, year",
    [
        (datetime.date(2025, 1, 1), 2025),
        (datetime.date(2025, 9, 1), 2025),  # the 2025 cycle's courses start
        (datetime.date(2025, 9, 30), 2025),
        (datetime.date(2025, 10, 1), 2026),  # the 2026 cycle opens to candidates
        (datetime.date(2025, 12, 31), 2026),
        (datetime.date(2026, 2, 28), 2026),
        (datetime.date(2026, 9, 30), 2026),
        (datetime.date(2026, 10, 1), 2027),
    ],
)
def test_the_current_recruitment_cycle_is_the_one_whose_courses_start_next(today, year):
    assert publish.current_recruitment_cycle(today) == year


@pytest.mark.parametrize(
    "given, stored",
    [
        ("LS1 4AP", "LS1 4AP"),
        ("ls1 4ap", "LS1 4AP"),
        ("LS14AP", "LS1 4AP"),
        ("  sw1a  1aa ", "SW1A 1AA"),
        ("EC1A1BB", "EC1A 1BB"),
        ("M1 1AE", "M1 1AE"),
        ("", ""),
        ("n/a", "N/A"),  # not a postcode: kept, in capitals
        ("a very long line", "A VERY LONG LINE"),
    ],
)
def test_postcodes_are_written_as_royal_mail_writes_them(given, stored):
    assert publish._postcode(given) == stored


@pytest.mark.parametrize(
    "base, url",
    [
        ("https://api.example", "https://api.example/api/public/v1/recruitment_cycles/2026/providers"),
        ("https://api.example/", "https://api.example/api/public/v1/recruitment_cycles/2026/providers"),
    ],
)
def test_the_providers_url_is_under_the_apis_address(base, url):
    assert publish.providers_url(base, 2026) == url


class TestClient:
    def pages(self, server, **options):
        client = publish.PublishClient(timeout=options.pop("timeout", 5), **options)
        return list(client.pages(server.url_for(PATH)))

    @pytest.mark.parametrize("status", [429, 502, 503, 504])
    def test_still_failing_after_the_retries_is_refused(self, httpserver, status):
        httpserver.expect_request(PATH).respond_with_data("", status=status, headers={"Retry-After": "0"})
        with pytest.raises(publish.PublishError, match=f"with HTTP {status}."):
            self.pages(httpserver, retries=2, backoff_factor=0)
        assert len(httpserver.log) == 3

    def test_a_server_error_is_not_retried(self, httpserver):
        httpserver.expect_request(PATH).respond_with_data("", status=500)
        with pytest.raises(publish.PublishError, match="with HTTP 500."):
            self.pages(httpserver, backoff_factor=0)
        assert len(httpserver.log) == 1

    def test_a_timeout_is_refused(self, httpserver):
        def slow(request):
            time.sleep(0.5)
            return Response('{"data": []}', content_type="application/json")

        httpserver.expect_request(PATH).respond_with_handler(slow)
        with pytest.raises(
            publish.PublishError, match=r"Could not reach Publish at .* \(no answer within 0.2 seconds\)"
        ):
            self.pages(httpserver, retries=0, timeout=0.2)

    def test_a_timeout_after_retries_is_refused_as_a_timeout(self, httpserver):
        def slow(request):
            time.sleep(0.5)
            return Response('{"data": []}', content_type="application/json")

        httpserver.expect_request(PATH).respond_with_handler(slow)
        with pytest.raises(publish.PublishError, match=r"\(no answer within 0.2 seconds\)"):
            self.pages(httpserver, retries=1, backoff_factor=0, timeout=0.2)

    def test_sends_no_credentials(self, httpserver):
        httpserver.expect_request(PATH).respond_with_json({"data": []})
        self.pages(httpserver)
        request, _ = httpserver.log[0]
        assert "Authorization" not in request.headers

    @pytest.mark.parametrize(
        "link",
        [f"{PATH}?page[page]=2", {"href": f"{PATH}?page[page]=2"}, "?page[page]=2"],
        ids=["a relative address", "a link object", "a query"],
    )
    def test_follows_next_links_of_every_form_json_api_allows(self, httpserver, link):
        httpserver.expect_request(PATH, query_string={"page[per_page]": "100"}).respond_with_json(
            {"data": [], "links": {"next": link}}
        )
        httpserver.expect_request(PATH, query_string={"page[page]": "2"}).respond_with_json({"data": [], "links": {}})
        assert [address for address, _ in self.pages(httpserver)] == [
            f"{httpserver.url_for(PATH)}?page[per_page]=100",
            f"{httpserver.url_for(PATH)}?page[page]=2",
        ]

    @pytest.mark.parametrize("link", [2, ["page-2"], {"href": 2}])
    def test_refuses_a_next_link_that_is_not_an_address(self, httpserver, link):
        httpserver.expect_request(PATH).respond_with_json({"data": [], "links": {"next": link}})
        with pytest.raises(publish.PublishError, match='has a "next" link that is not an address.'):
            self.pages(httpserver)

    def test_refuses_a_list_that_goes_on_and_on(self, httpserver, monkeypatch):
        monkeypatch.setattr(publish, "MAX_PAGES", 3)
        counter = iter(range(2, 100))
        httpserver.expect_request(PATH).respond_with_handler(
            lambda request: Response(
                json.dumps({"data": [], "links": {"next": f"{PATH}?page[page]={next(counter)}"}}),
                content_type="application/json",
            )
        )
        with pytest.raises(publish.PublishError, match="Publish's list goes on past 3 pages."):
            self.pages(httpserver)
        assert len(httpserver.log) == 3
