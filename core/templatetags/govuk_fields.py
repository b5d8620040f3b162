"""Rendering a form field's control as GOV.UK Frontend v6 does.

crispy-forms-gds 2.0.1's own tag (crispy_gds_field) gives the error state only to text inputs, selects and textareas,
and always as govuk-input--error: an email or password input in error keeps its black border, and a select or
textarea gets another component's class. templates/gds/ uses this tag instead.
"""

from django import forms, template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# Each control's GOV.UK class, and the class of its error state.
CONTROL_CLASSES = [
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.CheckboxInput, "govuk-checkboxes__input", None),
    (
        forms.widgets.Input,
        "govuk-input",
        "govuk-input--error",
    ),  # text, email, password, number...: last, as their parent
]
ERROR_CLASSES = {error for _, _, error in CONTROL_CLASSES if error}


def _classes_for(widget):
    for widget_class, base, error in CONTROL_CLASSES:
        if isinstance(widget, widget_class):
            return base, error
    return None, None


@register.simple_tag
def govuk_field(field, character_count=False):
    """The field's control(s), with GOV.UK classes, the error class on each control in error, and aria-describedby
    naming its hint, character count and errors. A date's parts are in error when the message is about them (the
    field's clean says which), or all of them when it is about the whole date (not real, not in the past...), as
    the Design System's date input shows; their fieldset describes them."""
    multivalue = isinstance(field.field, forms.MultiValueField)
    widgets = field.field.widget.widgets if multivalue else [field.field.widget]
    part_errors = [getattr(part.widget, "errors", []) for part in field.field.fields] if multivalue else []
    for index, widget in enumerate(widgets):
        base, error_class = _classes_for(widget)
        classes = [name for name in widget.attrs.get("class", "").split() if name not in ERROR_CLASSES]
        if base and base not in classes:
            classes.insert(0, base)
        if character_count and "govuk-js-character-count" not in classes:
            classes.append("govuk-js-character-count")
        # A date's field says which of its parts its error is about (core.fields.GovUKDateField.parts_in_error).
        parts_in_error = getattr(field.field, "parts_in_error", None) if multivalue else None
        if parts_in_error:
            in_error = bool(field.errors) and index in parts_in_error
        else:
            in_error = bool(field.errors) and (not multivalue or not any(part_errors) or bool(part_errors[index]))
        if in_error and error_class:
            classes.append(error_class)
        widget.attrs["class"] = " ".join(classes)
        if not multivalue:
            described_by = [f"{field.auto_id}_hint"] if field.help_text else []
            if character_count:
                described_by.append(f"{field.auto_id}-info")
            described_by += [f"{field.auto_id}_{number}_error" for number in range(1, len(field.errors) + 1)]
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                widget.attrs.pop("aria-describedby", None)
    return str(field)


def _as_strings(values):
    """A field's value(s) as strings, to compare with a choice's value: ids posted, or initial objects' ids."""
    if values is None:
        return []
    if isinstance(values, str | int):
        values = [values]
    return [str(value) for value in values]


# A checkbox or radio of a list of choices, written here rather than by a template included for each choice: a
# school's mentors (hundreds of checkboxes) or the subjects (tens of radios) would otherwise take tens of milliseconds.
# Plain string formatting, each value escaped once: format_html for each part of each item took half of that again.
# A choice may be crispy-forms-gds's Choice, with a hint, a divider after it, or (a checkbox) exclusive=True.
INPUTS = {
    "checkboxes": '<input class="govuk-checkboxes__input" id="{id}" name="{name}" type="checkbox" value="{value}"',
    "radios": '<input type="radio" name="{name}" class="govuk-radios__input" id="{id}" value="{value}"',
}


def _items(kind, field, numbered_choices, chosen):
    name = conditional_escape(field.html_name)
    items = []
    for number, choice in numbered_choices:
        value = str(choice[0])
        item_id = f"id_{name}_{number}"
        hint = getattr(choice, "hint", None)
        divider = getattr(choice, "divider", None)
        items.append(
            f'<div class="govuk-{kind}__item">'
            + INPUTS[kind].format(id=item_id, name=name, value=conditional_escape(value))
            + (" checked" if value in chosen else "")
            + (f' aria-describedby="{item_id}_hint"' if hint else "")
            + (' data-behaviour="exclusive"' if getattr(choice, "exclusive", False) else "")
            + f'><label class="govuk-label govuk-{kind}__label" for="{item_id}">{conditional_escape(choice[1])}</label>'
            + (
                f'<div id="{item_id}_hint" class="govuk-hint govuk-{kind}__hint">{conditional_escape(hint)}</div>'
                if hint
                else ""
            )
            + "</div>"
            + (f'<div class="govuk-{kind}__divider">{conditional_escape(divider)}</div>' if divider else "")
        )
    return mark_safe("".join(items))  # every value above is escaped


@register.simple_tag
def checkbox_items(field):
    """The field's checkboxes, numbered from 1, ticked for each value the field has."""
    return _items("checkboxes", field, enumerate(field.field.choices, start=1), set(_as_strings(field.value())))


@register.simple_tag
def radio_items(field, numbered_choices=None):
    """The field's radios, numbered from 1 (or as numbered_choices, (number, choice) pairs, number them), the one
    with the field's value chosen."""
    if numbered_choices is None:
        numbered_choices = enumerate(field.field.choices, start=1)
    return _items("radios", field, numbered_choices, {str(field.value())})
