"""How a claim reads in summary lists, on check your answers and on the claim's page: each mentor's hours and what
they come to, and the claim's total hours, hourly rate and amount."""

from core.formatting import money
from core.summary import summary_row


def hours(number):
    """'1 hour', '16 hours'."""
    return f"{number} hour{'s' if number != 1 else ''}"


def hours_row(mentor, number, pence, change_url=None):
    return summary_row(
        mentor.full_name,
        f"{hours(number)}: {money(pence)}",
        change_url,
        hidden=f"hours of training for {mentor.full_name}",
    )


def funding_rows(*, total_hours, rate_pence, region, amount_pence):
    return [
        summary_row("Total hours", hours(total_hours)),
        summary_row("Hourly rate", f"{money(rate_pence)} ({region})"),
        summary_row("Total amount", money(amount_pence)),
    ]
