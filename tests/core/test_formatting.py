"""Money, dates, times and numbers, written as GOV.UK's style guide writes them: tables of cases."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from core import formatting

UTC = datetime.UTC
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "pence, written",
    [
        (0, "£0.00"),
        (1, "£0.01"),
        (99, "£0.99"),
        (100, "£1.00"),
        (43800, "£438.00"),
        (123456, "£1,234.56"),
        (100000000, "£1,000,000.00"),
        (-500, "-£5.00"),
        (-1, "-£0.01"),
    ],
)
def test_money(pence, written):
    assert formatting.money(pence) == written


@pytest.mark.parametrize(
    "value, written",
    [
        (datetime.date(2025, 9, 1), "1 September 2025"),
        (datetime.date(2026, 12, 31), "31 December 2026"),
        # A time is written as the day it is in the UK: 23:30 UTC in summer is the next day in London.
        (datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "1 July 2026"),
        (datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "31 December 2026"),
    ],
)
def test_govuk_date(value, written):
    assert formatting.govuk_date(value) == written


def test_govuk_date_refuses_what_is_not_a_date():
    with pytest.raises(TypeError):
        formatting.govuk_date("2025-09-01")


@pytest.mark.parametrize(
    "value, written",
    [
        (datetime.datetime(2026, 1, 5, 9, 5, tzinfo=LONDON), "9:05am"),
        (datetime.datetime(2026, 1, 5, 12, 0, tzinfo=LONDON), "12pm"),
        (datetime.datetime(2026, 1, 5, 0, 0, tzinfo=LONDON), "12am"),
        (datetime.datetime(2026, 7, 5, 22, 59, tzinfo=UTC), "11:59pm"),  # British Summer Time
    ],
)
def test_govuk_time(value, written):
    assert formatting.govuk_time(value) == written


@pytest.mark.parametrize("value, written", [(0, "0"), (999, "999"), (1000, "1,000"), (150000, "150,000")])
def test_number(value, written):
    assert formatting.number(value) == written


def test_the_template_filters_write_the_same_and_nothing_for_none():
    template = Template("{% load govuk_format %}{{ a|money }} {{ b|govuk_date }} {{ c|number }}|{{ d|money }}")
    written = template.render(Context({"a": 123456, "b": datetime.date(2025, 9, 1), "c": 1000, "d": None}))
    assert written == "£1,234.56 1 September 2025 1,000|"
