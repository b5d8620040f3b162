"""The form renderer (settings.FORM_RENDERER): Django's, except that a select is written here.

Django writes each <option> of a select by including a template, with another for its attributes: a select of the
43 subjects took longer than the rest of its page. The markup is the same as Django's templates write.
"""

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

SELECT_TEMPLATE = "django/forms/widgets/select.html"


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return select(context["widget"])
        return super().render(template_name, context, request)


def select(widget):
    """A select widget's context (Select, SelectMultiple and their subclasses) as HTML."""
    groups = []
    for group_name, options, _ in widget["optgroups"]:
        html = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
        )
        groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, html) if group_name else html)
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        flatatt(widget["attrs"]),
        format_html_join("", "{}", ((group,) for group in groups)),
    )
