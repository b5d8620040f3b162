from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# Written in Python, not a template: a page of 25 rows of 5 cells is 125 cells, each a few template lookups (and a
# report's table of every provider over a thousand). Plain string formatting, each value escaped once.
NUMERIC = " govuk-table__cell--numeric"


@register.inclusion_tag("core/table.html")
def govuk_table(columns, rows, caption, show_caption=False, table_id=None):
    """A GOV.UK table of rows (each a list of cells, text or safe HTML such as a link) under columns
    (core.tables.Column). It never makes a small screen scroll sideways: there, each row is a list of its cells,
    each led by its column's heading (static/scss/_responsive-table.scss). table_id names it, for a chart to
    point to."""
    starts = [
        f'<td class="govuk-table__cell{NUMERIC if column.numeric else ""}">'
        f'<span class="app-responsive-table__heading">{conditional_escape(column.heading)}</span> '
        for column in columns
    ]
    return {
        "columns": columns,
        "rows": [
            mark_safe(
                "".join(f"{start}{conditional_escape(cell)}</td>" for start, cell in zip(starts, row, strict=True))
            )
            for row in rows
        ],
        "caption": caption,
        "show_caption": show_caption,
        "table_id": table_id,
    }
