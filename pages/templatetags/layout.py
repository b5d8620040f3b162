from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter(is_safe=True)
def back_navigation(html):
    """What a page shows before its main content (a back link), in a navigation landmark, so that all the page's
    content is in a landmark; nothing at all on a page that shows nothing there."""
    if not html.strip():
        return ""
    return format_html('<nav aria-label="Back">{}</nav>', html)


@register.filter
def labelled_cells(rows, head):
    """A table's rows, for the table component, with each cell led by its column's heading: the responsive table's
    style (app-responsive-table) shows the headings only on small screens, where each row is a list of its cells."""
    return [
        [
            {
                "html": format_html(
                    '<span class="app-responsive-table__heading">{}</span> {}',
                    heading["text"],
                    cell.get("html") or cell["text"],
                )
            }
            for heading, cell in zip(head, row, strict=True)
        ]
        for row in rows
    ]
