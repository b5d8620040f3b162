"""Template filters for money, dates, times and numbers, written as core.formatting writes them."""

from django import template

from core import formatting

register = template.Library()


@register.filter
def money(pence):
    return "" if pence is None else formatting.money(pence)


@register.filter
def govuk_date(value):
    return "" if value is None else formatting.govuk_date(value)


@register.filter
def govuk_time(value):
    return "" if value is None else formatting.govuk_time(value)


@register.filter
def number(value):
    return "" if value is None else formatting.number(value)
