"""Importing ITT providers from DfE's Publish teacher training courses API.

GET /api/public/v1/recruitment_cycles/{year}/providers answers a JSON:API document: a page of providers in "data",
and the address of the next page in "links.next", absent on the last. Every page is read before anything is
written; then providers are created or updated by code, all in one transaction, so an import that fails part way
leaves the providers as they were. A provider that has left the list is marked not accredited, never deleted.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin

import requests
import urllib3
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.http import retrying_session

from .models import CODE_LENGTH, Provider, ProviderType

PROVIDERS_PATH = "/api/public/v1/recruitment_cycles/{year}/providers"
PER_PAGE = 100  # the most Publish gives in a page
MAX_PAGES = 500  # 50,000 providers, many times what Publish lists: more pages means its links are going round
# Publish's recruitment cycle Y is for courses that start in September of Y. Find opens it to candidates in
# October of Y - 1, so from 1 October the current cycle is the next year's.
CYCLE_OPENS_IN_MONTH = 10
CODE = re.compile(rf"[A-Z0-9]{{{CODE_LENGTH}}}")
POSTCODE_INWARD_LENGTH = 3
CHANGE_REASON = "Imported from Publish"

# Each Provider field, and the Publish attribute it comes from.
ATTRIBUTES = {
    "name": "name",
    "provider_type": "provider_type",
    "ukprn": "ukprn",
    "urn": "urn",
    "address_line_1": "street_address_1",
    "address_line_2": "street_address_2",
    "address_line_3": "street_address_3",
    "town": "city",
    "county": "county",
    "postcode": "postcode",
    "email": "email",
}
IMPORTED_FIELDS = [*ATTRIBUTES, "accredited", "publish_id", "recruitment_cycle_year", "changed_at"]


class PublishError(Exception):
    """The providers cannot be imported; nothing has changed."""


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Accredited before, and now either listed as not accredited or no longer listed at all.
    no_longer_accredited: int = 0
    skipped: Counter = field(default_factory=Counter)

    @property
    def changed_anything(self):
        return bool(self.created or self.updated or self.no_longer_accredited)


def current_recruitment_cycle(today):
    """The year of Publish's recruitment cycle open on a day (in UK time)."""
    return today.year + 1 if today.month >= CYCLE_OPENS_IN_MONTH else today.year


def providers_url(base_url, year):
    return base_url.rstrip("/") + PROVIDERS_PATH.format(year=year)


class PublishClient:
    def __init__(self, *, timeout, retries=3, backoff_factor=0.5):
        self.timeout = timeout
        self.session = retrying_session(retries=retries, backoff_factor=backoff_factor)

    def pages(self, url):
        """Each page of the list at url in turn, following links.next, as (its address, its document)."""
        params = {"page[per_page]": PER_PAGE}
        read = set()
        while url:
            if url in read:
                raise PublishError(f"Publish's pages link back to {url}, which was already read.")
            if len(read) == MAX_PAGES:
                raise PublishError(f"Publish's list goes on past {MAX_PAGES} pages.")
            read.add(url)
            response = self._get(url, params)
            address = unquote(response.url)  # page[page] as Publish writes it, not page%5Bpage%5D
            document = read_document(response.content, address)
            yield address, document
            # The next page's address carries its own query.
            url, params = _next_page(document, response.url), None

    def _get(self, url, params):
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except requests.RequestException as error:
            raise PublishError(f"Could not reach Publish at {url} ({self._why(error)}).") from error
        if response.status_code != 200:
            raise PublishError(f"Publish answered {unquote(response.url)} with HTTP {response.status_code}.")
        return response

    def _why(self, error):
        # Once retries run out, requests reports a read timeout as a ConnectionError; urllib3's reason tells.
        reason = getattr(error.args[0], "reason", None) if error.args else None
        if isinstance(error, requests.Timeout) or isinstance(reason, urllib3.exceptions.ReadTimeoutError):
            return f"no answer within {self.timeout} seconds"
        return type(error).__name__


def read_document(content, source):
    """The JSON:API document in content (bytes), refused unless it has a "data" list."""
    try:
        document = json.loads(content)
    except ValueError as error:
        raise PublishError(f"{source} is not JSON ({error}).") from error
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise PublishError(f'{source} is not a JSON:API list of providers: it has no "data" list.')
    return document


def _links(document, source):
    links = document.get("links") or {}
    if not isinstance(links, dict):
        raise PublishError(f'{source} has "links" that are not an object.')
    return links


def _next_page(document, url):
    """The address of the page after the one read from url, or None on the last page."""
    link = _links(document, unquote(url)).get("next")
    if isinstance(link, dict):  # JSON:API 1.1 allows a link object
        link = link.get("href")
    if link is not None and not isinstance(link, str):
        raise PublishError(f'{unquote(url)} has a "next" link that is not an address.')
    return urljoin(url, link) if link else None


def import_from_publish(url, *, timeout, progress=None):
    """Bring the providers up to date with Publish's list at url, and say what changed. progress, if given, is
    called with 1 for each page read."""
    pages = []
    for page in PublishClient(timeout=timeout).pages(url):
        pages.append(page)
        if progress:
            progress(1)
    return _import(pages)


def import_from_file(path):
    """Bring the providers up to date with the JSON:API document saved at path: the whole list, in one page."""
    try:
        content = Path(path).read_bytes()
    except OSError as error:
        raise PublishError(f"Cannot read {path}: {error.strerror}.") from error
    document = read_document(content, path)
    links = _links(document, path)
    if links.get("next") or links.get("prev"):
        # Importing part of the list would mark every provider on the other pages as no longer accredited.
        raise PublishError(
            f"{path} is one page of several (it links to another page): import from Publish with --url instead."
        )
    return _import([(path, document)])


def _import(pages):
    listed, skipped = {}, Counter()
    for source, document in pages:
        for position, resource in enumerate(document["data"], start=1):
            provider, reason = _provider_from(resource, f"{source}, provider {position}")
            if reason:
                skipped[reason] += 1
            else:
                # Publish pages by offset, so a provider added while it is read can appear twice: the last wins.
                listed[provider.code] = provider
    if not listed:
        raise PublishError("Publish listed no providers to import.")
    summary = ImportSummary(skipped=skipped)
    with transaction.atomic():
        _upsert(listed, summary)
        _withdraw_accreditation(listed, summary)
    return summary


def _provider_from(resource, where):
    """The Provider a JSON:API resource describes (unsaved), and the reason it is not imported, if it is not."""
    attributes = resource.get("attributes") if isinstance(resource, dict) else None
    if not isinstance(attributes, dict):
        raise PublishError(f'{where} has no "attributes".')
    details = {name: _text(attributes.get(attribute)) for name, attribute in ATTRIBUTES.items()}
    code = _text(attributes.get("code")).upper()
    if not code:
        raise PublishError(f"{where} ({details['name'] or 'no name'}) has no code.")
    if not CODE.fullmatch(code):
        raise PublishError(f"{where} has the code {code!r}: a provider's code is {CODE_LENGTH} letters or digits.")
    if not details["name"]:
        raise PublishError(f"{where} ({code}) has no name.")
    if details["provider_type"] not in ProviderType.values:
        return None, "unknown provider type"
    details["postcode"] = _postcode(details["postcode"])
    details["publish_id"] = _text(resource.get("id"))
    for name, value in details.items():
        limit = Provider._meta.get_field(name).max_length
        if len(value) > limit:
            raise PublishError(f"{where} ({code}) has a {name} longer than {limit} characters: {value[:50]!r}.")
    cycle = _text(attributes.get("recruitment_cycle_year"))
    provider = Provider(
        code=code,
        accredited=attributes.get("accredited_body") in (True, "true"),
        recruitment_cycle_year=int(cycle) if cycle.isdecimal() and len(cycle) == 4 else None,
        changed_at=_moment(_text(attributes.get("changed_at"))),
        **details,
    )
    return provider, None


def _moment(text):
    """A date and time Publish wrote, or None for one missing or impossible (such as a 31 June)."""
    try:
        return parse_datetime(text)
    except ValueError:
        return None


def _text(value):
    """A value as trimmed text: None, and anything blank, as ""."""
    return "" if value is None else str(value).strip()


def _postcode(text):
    """In capitals, with one space before the last three characters, as Royal Mail writes it ("ls1 4ap",
    "LS14AP": "LS1 4AP"). Anything too short or long to be a postcode is kept as given, in capitals."""
    compact = "".join(text.upper().split())
    if 5 <= len(compact) <= 7:
        return f"{compact[:-POSTCODE_INWARD_LENGTH]} {compact[-POSTCODE_INWARD_LENGTH:]}"
    return " ".join(text.upper().split())


def _upsert(listed, summary):
    existing = Provider.objects.in_bulk(list(listed), field_name="code")
    now = timezone.now()
    new, changed = [], []
    for code, provider in listed.items():
        current = existing.get(code)
        if current is None:
            new.append(provider)
        elif any(getattr(current, name) != getattr(provider, name) for name in IMPORTED_FIELDS):
            if current.accredited and not provider.accredited:
                summary.no_longer_accredited += 1
            for name in IMPORTED_FIELDS:
                setattr(current, name, getattr(provider, name))
            current.updated_at = now  # bulk updates leave auto_now alone
            changed.append(current)
    bulk_create_with_history(new, Provider, default_change_reason=CHANGE_REASON)
    bulk_update_with_history(changed, Provider, [*IMPORTED_FIELDS, "updated_at"], default_change_reason=CHANGE_REASON)
    summary.created = len(new)
    summary.updated = len(changed)
    summary.unchanged = len(listed) - len(new) - len(changed)


def _withdraw_accreditation(listed, summary):
    """Mark not accredited the accredited providers that have left Publish's list."""
    left = list(Provider.objects.accredited().exclude(code__in=list(listed)))
    now = timezone.now()
    for provider in left:
        provider.accredited = False
        provider.updated_at = now
    bulk_update_with_history(
        left, Provider, ["accredited", "updated_at"], default_change_reason=f"{CHANGE_REASON}: no longer listed"
    )
    summary.no_longer_accredited += len(left)
