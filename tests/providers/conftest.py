"""A stand-in for Publish: the pages in tests/fixtures/publish, served by a local HTTP server.

The fixtures are invented providers in the shape of Publish's API (made by a generator script, with seed 1, for
recruitment cycle 2026): 250 providers in 10 pages of 25, and 12 in a single page. Their links name the address
the generator was given; the stand-in points them at itself.
"""

import copy
import json
from pathlib import Path

import pytest
from werkzeug import Response

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "publish"
PAGES = sorted((FIXTURES / "providers-2026").glob("page-*.json"), key=lambda path: int(path.stem.split("-")[1]))
ONE_PAGE = FIXTURES / "providers-2026-one-page.json"
GENERATED_AT = "http://127.0.0.1:8765"
YEAR = 2026
PATH = f"/api/public/v1/recruitment_cycles/{YEAR}/providers"


def load_pages():
    return [json.loads(page.read_text(encoding="utf-8")) for page in PAGES]


class Publish:
    """Serves self.pages (which tests may change between imports) at PATH, page by page[page]: each a document
    whose links are pointed at the stand-in, or text, served as it is."""

    def __init__(self, server):
        self.server = server
        self.base_url = server.url_for("").rstrip("/")
        self.pages = load_pages()
        server.expect_request(PATH).respond_with_handler(self.respond)

    def respond(self, request):
        number = int(request.args.get("page[page]", "1"))
        page = copy.deepcopy(self.pages[number - 1])
        if isinstance(page, str):
            return Response(page, content_type="text/html")
        if isinstance(page.get("links"), dict):
            page["links"] = {name: link.replace(GENERATED_AT, self.base_url) for name, link in page["links"].items()}
        return Response(json.dumps(page), content_type="application/vnd.api+json")

    def provider(self, code):
        """The attributes of the provider with the code, as served."""
        return next(p["attributes"] for page in self.pages for p in page["data"] if p["attributes"]["code"] == code)

    def page_requests(self):
        return [request.args.get("page[page]", "1") for request, _ in self.server.log]


@pytest.fixture
def publish(httpserver, settings):
    """Publish's stand-in, which PUBLISH_API_URL names."""
    stand_in = Publish(httpserver)
    settings.PUBLISH_API_URL = stand_in.base_url
    return stand_in
