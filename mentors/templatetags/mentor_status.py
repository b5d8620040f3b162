from django import template
from django.utils.html import format_html

from ..models import MentorStatus

register = template.Library()

# GOV.UK tag colours: someone to ask first (available) stands out; someone not available is greyed.
TAG_CLASSES = {
    MentorStatus.MENTORING: "govuk-tag--blue",
    MentorStatus.AVAILABLE: "govuk-tag--green",
    MentorStatus.NOT_AVAILABLE: "govuk-tag--grey",
}


@register.filter
def status_tag(status):
    """A mentor's status (selectors.with_status) as a GOV.UK tag."""
    return format_html('<strong class="govuk-tag {}">{}</strong>', TAG_CLASSES[status], MentorStatus(status).label)
