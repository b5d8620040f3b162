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
