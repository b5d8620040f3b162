from django import template

register = template.Library()


@register.inclusion_tag("core/summary_list.html")
def summary_list(rows, card_title=None, heading_level=2):
    """A GOV.UK summary list of core.summary.SummaryRow, in a summary card when card_title is given."""
    return {
        "rows": rows,
        "card_title": card_title,
        "heading_level": heading_level,
        # The Design System pads rows without actions when others have them, so values line up.
        "any_actions": any(row.change for row in rows),
    }
