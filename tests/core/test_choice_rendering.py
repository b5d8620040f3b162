"""Choices written in Python for speed (core.renderers, core.templatetags.govuk_fields, core.fields), checked against
the markup Django's and crispy-forms-gds's templates write."""

import pytest
from bs4 import BeautifulSoup
from crispy_forms_gds.choices import Choice
from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from core.fields import ModelChoiceField, ModelMultipleChoiceField
from core.renderers import FormRenderer
from reference_data.models import Subject


def elements(html):
    """Each element's name, attributes and own text, in order: markup compared whatever its whitespace and the order
    of attributes."""
    return [
        (tag.name, tag.attrs, "".join(tag.find_all(string=True, recursive=False)).strip())
        for tag in BeautifulSoup(html, "html.parser").find_all(True)
    ]


class Choices(forms.Form):
    single = forms.ChoiceField(choices=[("", "Any"), ("a", "A <b>"), ("b", "B & co")])
    several = forms.MultipleChoiceField(
        choices=[("Grouped", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        widget=forms.SelectMultiple(attrs={"disabled": True}),
    )
    optional = forms.ChoiceField(choices=[(1, "One"), (2, "Two")], widget=forms.Select(attrs={"class": "govuk-select"}))


@pytest.mark.parametrize("data", [{}, {"single": "b", "several": ["x", "z"], "optional": "2"}])
@pytest.mark.parametrize("name", ["single", "several", "optional"])
def test_a_select_is_written_as_django_writes_it(name, data):
    ours = Choices(data or None, renderer=FormRenderer())[name]
    djangos = Choices(data or None, renderer=DjangoTemplates())[name]
    assert elements(str(ours)) == elements(str(djangos))
    assert "<option" in str(ours)


class Boxes(forms.Form):
    areas = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=[
            Choice("1", "Sight <loss>", hint="Including <b>"),
            Choice("2", "Hearing", divider="or"),
            Choice("none", "None", exclusive=True),
        ],
    )
    answer = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[Choice("yes", "Yes", hint="A hint"), Choice("no", "No", divider="or"), ("maybe", "Maybe")],
    )


def render(template, form, name):
    return Template("{% load govuk_fields %}" + template).render(Context({"field": form[name]}))


def test_checkboxes_have_their_hints_dividers_and_exclusive_option_and_are_ticked_as_answered():
    html = render("{% checkbox_items field %}", Boxes({"areas": ["1", "none"]}), "areas")
    assert elements(html) == [
        ("div", {"class": ["govuk-checkboxes__item"]}, ""),
        (
            "input",
            {
                "class": ["govuk-checkboxes__input"],
                "id": "id_areas_1",
                "name": "areas",
                "type": "checkbox",
                "value": "1",
                "checked": "",
                "aria-describedby": "id_areas_1_hint",
            },
            "",
        ),
        ("label", {"class": ["govuk-label", "govuk-checkboxes__label"], "for": "id_areas_1"}, "Sight <loss>"),
        ("div", {"id": "id_areas_1_hint", "class": ["govuk-hint", "govuk-checkboxes__hint"]}, "Including <b>"),
        ("div", {"class": ["govuk-checkboxes__item"]}, ""),
        (
            "input",
            {
                "class": ["govuk-checkboxes__input"],
                "id": "id_areas_2",
                "name": "areas",
                "type": "checkbox",
                "value": "2",
            },
            "",
        ),
        ("label", {"class": ["govuk-label", "govuk-checkboxes__label"], "for": "id_areas_2"}, "Hearing"),
        ("div", {"class": ["govuk-checkboxes__divider"]}, "or"),
        ("div", {"class": ["govuk-checkboxes__item"]}, ""),
        (
            "input",
            {
                "class": ["govuk-checkboxes__input"],
                "id": "id_areas_3",
                "name": "areas",
                "type": "checkbox",
                "value": "none",
                "checked": "",
                "data-behaviour": "exclusive",
            },
            "",
        ),
        ("label", {"class": ["govuk-label", "govuk-checkboxes__label"], "for": "id_areas_3"}, "None"),
    ]


def test_checkboxes_are_ticked_from_initial_objects_as_well_as_from_what_was_posted():
    assert 'value="2" checked' in render("{% checkbox_items field %}", Boxes(initial={"areas": [2]}), "areas")


@pytest.mark.parametrize(
    "form, checked",
    [(Boxes(), None), (Boxes({"answer": "no"}), "id_answer_2"), (Boxes(initial={"answer": "maybe"}), "id_answer_3")],
)
def test_radios_are_written_as_crispy_forms_gds_writes_them(form, checked):
    ours = render("{% radio_items field %}", form, "answer")
    crispy = render(
        "{% for choice in field.field.choices %}"
        "{% include 'gds/layout/radio_item.html' with position=forloop.counter %}{% endfor %}",
        form,
        "answer",
    )
    # Theirs writes checked="checked" and each hint in a span; GOV.UK Frontend v6 writes a div.
    assert elements(ours) == [
        (name if name != "span" else "div", attrs | ({"checked": ""} if "checked" in attrs else {}), text)
        for name, attrs, text in elements(crispy)
    ]
    assert [tag["id"] for tag in BeautifulSoup(ours, "html.parser").select("input[checked]")] == (
        [checked] if checked else []
    )


def test_radios_in_groups_keep_the_numbers_they_are_given():
    grouped = Template("{% load govuk_fields %}{% radio_items field choices %}").render(
        Context({"field": Boxes()["answer"], "choices": [(7, ("maybe", "Maybe"))]})
    )
    assert [tag["id"] for tag in BeautifulSoup(grouped, "html.parser").select("input")] == ["id_answer_7"]


@pytest.mark.django_db
@pytest.mark.parametrize("field_class", [ModelChoiceField, ModelMultipleChoiceField])
def test_model_choices_are_read_in_one_plain_query_however_often_they_are_listed(field_class):
    class SubjectForm(forms.Form):
        subject = field_class(queryset=Subject.objects.all())

    form = SubjectForm()
    with CaptureQueriesContext(connection) as queries:
        first, second = list(form["subject"].field.choices), list(form["subject"].field.choices)
    assert first == second
    assert len(first) >= Subject.objects.count()
    assert len(queries) == 1
    assert not queries[0]["sql"].startswith("DECLARE")  # not Django's server-side cursor
