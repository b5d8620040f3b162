"""How the service writes money, dates and numbers, on pages, in emails and in files: one way each, as GOV.UK's
style guide says (£1,234.56; 1 September 2025; 1,000)."""

from datetime import date, datetime

from django.utils import timezone


def money(pence):
    """An amount in whole pence as pounds: 123456 is '£1,234.56', -500 is '-£5.00'."""
    sign = "-" if pence < 0 else ""
    pounds, pence = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}.{pence:02d}"


def govuk_date(value):
    """'1 September 2025'. A date and time is first turned into UK time, so a mentor removed at 00:30 on 1 April
    British Summer Time reads 1 April, not 31 March."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, date):
        raise TypeError(f"Not a date: {value!r}")
    return f"{value.day} {value:%B %Y}"


def govuk_time(value):
    """'9:05am' or '12pm' in UK time, as the GOV.UK style guide writes times."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{suffix}"


def number(value):
    """A whole number with commas: 1000 is '1,000'."""
    return f"{int(value):,}"


def years_since(day, today):
    """How many whole years from day to today: '3 years', '1 year', 'less than 1 year'."""
    years = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
    if years < 1:
        return "less than 1 year"
    return f"{years:,} year{'s' if years != 1 else ''}"
