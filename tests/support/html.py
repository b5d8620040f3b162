"""Reading a page as a person would: its heading, its error summary and messages, its choices, its summary lists."""

import copy
import re

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def soup_of(html):
    return BeautifulSoup(html, "html.parser")


def _page(page_or_response):
    return page_or_response if isinstance(page_or_response, BeautifulSoup) else soup(page_or_response)


def heading(page_or_response):
    """The page's h1 without its caption: "Personal details", not "Add mentorPersonal details"."""
    h1 = copy.copy(_page(page_or_response).h1)
    for caption in h1.select(".govuk-caption-l, .govuk-caption-m, .govuk-caption-xl"):
        caption.extract()
    return h1.get_text(" ", strip=True)


def caption(page_or_response):
    """The caption of the page's heading ("Add mentor"), wherever it is."""
    found = _page(page_or_response).select_one("h1 .govuk-caption-l, .govuk-caption-l")
    return found.get_text(strip=True) if found else None


def title(page_or_response):
    return _page(page_or_response).title.get_text(strip=True)


def error_summary(page_or_response):
    """The error summary's messages, or [] when there is none."""
    return [link.get_text(strip=True) for link in _page(page_or_response).select(".govuk-error-summary__list a")]


def inline_errors(page_or_response):
    return [
        re.sub(r"^Error:\s*", "", message.get_text(" ", strip=True))
        for message in _page(page_or_response).select(".govuk-error-message")
    ]


def radio_labels(page_or_response):
    return [label.get_text(strip=True) for label in _page(page_or_response).select(".govuk-radios__label")]


def radio_value(page_or_response, label):
    page = _page(page_or_response)
    for item in page.select(".govuk-radios__item"):
        if item.label.get_text(strip=True) == label:
            return item.input["value"]
    raise AssertionError(f"No radio labelled {label!r}: {radio_labels(page)}")


def checked_radio(page_or_response):
    """The label of the radio that is selected, or None."""
    for item in _page(page_or_response).select(".govuk-radios__item"):
        if item.input.has_attr("checked"):
            return item.label.get_text(strip=True)
    return None


def summary_rows(page_or_response, card=None):
    """A summary list's rows as (key, value, action text) by the order on the page; in the card titled card."""
    page = _page(page_or_response)
    if card:
        scope = next(
            found
            for found in page.select(".govuk-summary-card")
            if found.select_one(".govuk-summary-card__title").get_text(strip=True) == card
        )
    else:
        scope = page
    rows = []
    for row in scope.select(".govuk-summary-list__row"):
        action = row.select_one(".govuk-summary-list__actions a")
        rows.append(
            (
                row.select_one(".govuk-summary-list__key").get_text(strip=True),
                row.select_one(".govuk-summary-list__value").get_text(" ", strip=True),
                action.get_text(" ", strip=True) if action else None,
            )
        )
    return rows
