"""The form renderer (settings.FORM_RENDERER): Django's, except that a select is written here.

Django writes each <option> of a select by including a template, with another for its attributes: a select of the
43 subjects took longer than the rest of its page. The markup is the same as Django's templates write.
"""

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return select(context["widget"])
        return super().render(template_name, context, request)


def select(widget):
    """A select widget's context (Select, SelectMultiple and their subclasses) as HTML: plain string formatting, each
    value escaped once."""
    html = [f'<select name="{conditional_escape(widget["name"])}"{flatatt(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            html.append(f'<optgroup label="{conditional_escape(group_name)}">')
        html += [
            f'<option value="{conditional_escape(option["value"])}"{flatatt(option["attrs"])}>'
            f"{conditional_escape(option['label'])}</option>"
            for option in options
        ]
        if group_name:
            html.append("</optgroup>")
    html.append("</select>")
    return mark_safe("".join(html))  # every value above is escaped
