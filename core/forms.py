"""GOV.UK question forms: the layout helper every form shares, radios that reveal more, and what a question's answer
looks like in a summary list (check your answers, a details page), worded from the form's own labels."""

from dataclasses import dataclass
from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalRadios as GDSConditionalRadios
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from . import formatting


def form_helper(*fields, method="post"):
    """crispy-forms-gds's helper for fields laid out in this order. The page, not the form, writes the <form> tag
    and its button (templates/form_page.html), so a form never nests in another and each page names its button."""
    helper = FormHelper()
    helper.form_tag = False
    helper.form_method = method
    # The page's form has the CSRF token (a search, a GET, has none: it would land in the address, history and
    # Referer headers).
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


def page_heading_radios(field_name):
    """Radios whose legend is the page's heading."""
    return Field.radios(field_name, legend_size=Size.LARGE, legend_tag="h1")


def page_heading_checkboxes(field_name):
    """Checkboxes whose legend is the page's heading."""
    return Field.checkboxes(field_name, legend_size=Size.LARGE, legend_tag="h1")


class ConditionalRadios(GDSConditionalRadios):
    """crispy-forms-gds's conditional radios, whose legend can also be sized and be the page heading."""

    def __init__(self, field, *choices, legend_size=None, legend_tag=None):
        super().__init__(field, *choices)
        self.legend_context = {
            "legend_size": Size.for_legend(legend_size) if legend_size else None,
            "legend_tag": legend_tag,
        }

    def render(self, form, context, **kwargs):
        context.update(self.legend_context)
        return super().render(form, context, **kwargs)


@dataclass(frozen=True)
class Answer:
    """One row of a summary list: what was asked (key), what the answer reads (value, None when not given), and the
    field it came from."""

    key: str
    value: str | None
    field: str
    hidden: str | None = None  # what screen readers hear after "Change", when not the key


class QuestionForm(forms.Form):
    """A question page's form.

    `title` is the page's title, and the key of its answer in summary lists. A form with several fields sets
    `heading`, the page's heading; each field is then a row of its own, keyed by its label. A form with one field
    makes its label or legend the page's heading.
    """

    title = None
    heading = None
    # Shorter names of fields for screen readers' "Change ...", by field name: {"trn": "TRN"}.
    short_names = {}

    @property
    def page_heading(self):
        """What the page's h1 says, which its title repeats: the heading, or the one field's label or legend."""
        return self.heading or next(iter(self.fields.values())).label

    @classmethod
    def answers(cls, values):
        """The form's answers as summary rows, from values by field name (a journey's cleaned answers, or a
        record's fields)."""
        if cls.heading:
            return [
                Answer(field.label, cls.display(name, values.get(name)), name, cls.short_names.get(name))
                for name, field in cls.base_fields.items()
            ]
        name = next(iter(cls.base_fields))
        return [Answer(cls.title, cls.display(name, values.get(name)), name)]

    @classmethod
    def display(cls, name, value):
        """How an answer reads: a choice as its label, a date as '1 September 2025', nothing as None."""
        if value is None or value == "":
            return None
        field = cls.base_fields[name]
        if isinstance(value, date):
            return formatting.govuk_date(value)
        if isinstance(field, forms.ModelChoiceField):
            return str(value)
        if isinstance(field, forms.ChoiceField):
            return dict(field.choices).get(value, str(value))
        return str(value)
