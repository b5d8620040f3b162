from django import template

register = template.Library()


@register.inclusion_tag("core/table.html")
def govuk_table(columns, rows, caption, show_caption=False):
    """A GOV.UK table of rows (each a list of cells, text or safe HTML such as a link) under columns
    (core.tables.Column). It never makes a small screen scroll sideways: there, each row is a list of its cells,
    each led by its column's heading (static/scss/_responsive-table.scss)."""
    return {
        "columns": columns,
        "rows": [list(zip(columns, row, strict=True)) for row in rows],
        "caption": caption,
        "show_caption": show_caption,
    }
