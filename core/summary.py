"""Rows of GOV.UK summary lists (check your answers, details pages), rendered by templates/includes/summary_list.html.

A row with an answer has a Change link when the user may change it; a row without one has, in its place, a link
to enter it ("Enter date started mentoring"), or says "Not entered" to someone who may not, as the Design System's
summary list does for missing information.
"""

from dataclasses import dataclass

NOT_ENTERED = "Not entered"


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    hidden: str = ""  # read out after the text by screen readers: "Change" what


@dataclass(frozen=True)
class SummaryRow:
    key: str
    value: str | None  # None for a link to enter it (enter), or "Not entered"
    enter: Link | None = None
    change: Link | None = None


def in_a_sentence(key):
    """A key as it reads inside a sentence: "Date started mentoring" as "date started mentoring", but "SEND
    training" and "TRN" as they are."""
    first_word = key.split(" ", 1)[0]
    return key if first_word.isupper() and len(first_word) > 1 else key[0].lower() + key[1:]


def summary_row(key, value, change_url=None, hidden=None, missing=NOT_ENTERED):
    """A row showing value under key, with a Change link to change_url (when given). hidden names the answer for
    screen readers' "Change ..." and "Enter ..." (by default, the key in lower case: "date started mentoring").
    Without a value, the row links to change_url to enter it, or says `missing`."""
    hidden = hidden or in_a_sentence(key)
    if value is None or value == "":
        if change_url:
            return SummaryRow(key, None, enter=Link(change_url, f"Enter {hidden}"))
        return SummaryRow(key, missing)
    return SummaryRow(key, str(value), change=Link(change_url, "Change", hidden) if change_url else None)


def answer_rows(form_class, values, change_url=None, missing=NOT_ENTERED):
    """A question form's answers (values by field name) as summary rows, all changed at change_url."""
    return [summary_row(answer.key, answer.value, change_url, missing=missing) for answer in form_class.answers(values)]
