"""Every field of every form the service renders, in its error state, against GOV.UK Frontend v6's own markup.

The forms are found in each app's forms module, so a new form is checked too (or fails, until it says how it is
made). Each is rendered with an error on every field; each control must then carry the classes that GOV.UK
Frontend's fixtures (node_modules/govuk-frontend/dist/govuk/components/*/fixtures.json) give that control in error,
its form group the error class, its message the GOV.UK markup, and the message must be announced with the control.
"""

import importlib
import inspect
import json
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.apps import apps
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from accounts.forms import AdminUserChangeForm, AdminUserCreationForm
from claims.forms import ClaimQuestionForm, ClaimSoFar, HoursForm
from claims.models import AcademicYear
from claims.selectors import claimable_mentors
from mentors.forms import MentorQuestionForm, PersonalDetailsForm
from organisations.selectors import PROVIDERS, SCHOOLS, Organisation
from providers.models import Provider
from schools.models import Membership
from tests.support.factories import MembershipFactory, MentorFactory, ProviderFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

COMPONENTS = Path(settings.BASE_DIR) / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"

# Each kind of control, and the GOV.UK Frontend fixture that shows it in error.
FIXTURES = {
    "input": ("input", "with error message"),
    "password": ("password-input", "with error message"),
    "textarea": ("textarea", "with error message"),
    "character count": ("character-count", "with hint and error"),
    "select": ("select", "error"),
    "date": ("date-input", "with errors only"),
    "radios": ("radios", "with error message"),
    "checkboxes": ("checkboxes", "with error message"),
}
# Classes of a fixture's control that are about its size or the component's own JavaScript, not its error state.
NOT_ABOUT_ERRORS = ("govuk-input--width-", "govuk-password-input__input", "govuk-js-password-input-input")

# Forms that Django admin renders with its own markup, not GOV.UK's.
ADMIN_FORMS = {AdminUserChangeForm, AdminUserCreationForm}


@cache
def fixture(kind):
    component, name = FIXTURES[kind]
    fixtures = json.loads((COMPONENTS / component / "fixtures.json").read_text())["fixtures"]
    return BeautifulSoup(next(found["html"] for found in fixtures if found["name"] == name), "html.parser")


def control_classes(kind):
    """The classes GOV.UK Frontend gives the control in its error state."""
    page = fixture(kind)
    control = page.select_one("input.govuk-input, textarea, select") if kind not in ("radios", "checkboxes") else None
    if control is None:
        return set()
    return {name for name in control["class"] if not name.startswith(NOT_ABOUT_ERRORS)}


def form_group_classes(kind):
    """The error classes of the control's form group (the outermost one)."""
    group = fixture(kind).select_one(".govuk-form-group")
    error = {name for name in group["class"] if name.endswith("--error")}
    # The date input's fixture without a message has no group error; with a message it has (as every other does).
    return error or {"govuk-form-group--error"}


def service_forms():
    """Every form class defined in the service's own apps' forms modules."""
    found = []
    for app in apps.get_app_configs():
        if not Path(app.path).is_relative_to(settings.BASE_DIR) or ".venv" in Path(app.path).parts:
            continue
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for form_class in vars(module).values():
            if (
                inspect.isclass(form_class)
                and issubclass(form_class, forms.BaseForm)
                and form_class.__module__ == module.__name__
                and form_class.base_fields
                and form_class not in ADMIN_FORMS
            ):
                found.append(form_class)
    return found


@pytest.fixture
def world(db):
    school = SchoolFactory(name="Oakwood Academy", all_through=True)
    user = UserFactory()
    membership = MembershipFactory(user=user, school=school)
    MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR)
    mentor = MentorFactory(school=school)
    return {"school": school, "user": user, "membership": membership, "mentor": mentor, "provider": ProviderFactory()}


def claim_so_far(world):
    school, provider = world["school"], world["provider"]
    year = AcademicYear.objects.get(start_year=2025)
    return ClaimSoFar(school, year, provider, claimable_mentors(school=school, provider=provider, academic_year=year))


# How each form is made, by the form or a class it derives from; a form without one fails.
MAKERS = {
    MentorQuestionForm: lambda world: {"school": world["school"], "answers": {}, "mentor": world["mentor"]},
    "SignInForm": lambda world: {"request": RequestFactory().post("/")},
    "SetPasswordForm": lambda world: {"user": world["user"]},
    # A school and a provider: the radios in groups, under headings.
    "ChangeOrganisationForm": lambda world: {
        "organisations": [
            Organisation("school:1", "Oakwood Academy", SCHOOLS, "/"),
            Organisation("provider:N1S", "Northshire SCITT", PROVIDERS, "/"),
        ]
    },
    "ProviderChoiceForm": lambda world: {"query": world["provider"].name},
    ClaimQuestionForm: lambda world: {"claim": claim_so_far(world)},
    HoursForm: lambda world: {"claim": claim_so_far(world), "mentor": world["mentor"]},
    "TraineeForm": lambda world: {"providers": Provider.objects.filter(pk=world["provider"].pk)},
    "EndTraineeForm": lambda world: {"today": timezone.localdate()},
}


def made(form_class, world):
    for klass in form_class.__mro__:
        for key in (klass, klass.__name__):
            if key in MAKERS:
                return form_class(data={}, **MAKERS[key](world))
    try:
        return form_class(data={})
    except TypeError as error:
        pytest.fail(f"Say how to make {form_class.__name__} in MAKERS: {error}")


def kind_of(bound, page):
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.MultiWidget):
        return "date"
    if isinstance(widget, forms.Textarea):
        counted = page.select_one(f"#{bound.auto_id}").find_parent(class_="govuk-character-count")
        return "character count" if counted else "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def controls(bound, page, kind):
    if kind == "date":
        return [page.select_one(f"#{bound.auto_id}_{part}") for part in range(3)]
    if kind in ("radios", "checkboxes"):
        return page.select(f"input[name={bound.html_name}]")
    return [page.select_one(f"#{bound.auto_id}")]


def rendered_with_errors(form):
    form.is_valid()
    for name, field in form.fields.items():
        if name not in form.errors and not field.widget.is_hidden:
            form.add_error(name, f"Something is wrong with {name}")
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    return BeautifulSoup(html, "html.parser")


def test_the_service_has_forms_of_every_kind_of_control(world):
    """The checks below reach every kind of control the service renders: a kind no form uses is not checked."""
    kinds = set()
    for form_class in service_forms():
        form = made(form_class, world)
        page = rendered_with_errors(form)
        kinds |= {kind_of(bound, page) for bound in form.visible_fields()}
    assert {"input", "password", "character count", "date", "radios"} <= kinds


@pytest.mark.parametrize("form_class", service_forms(), ids=lambda form_class: form_class.__name__)
def test_every_field_in_error_looks_as_govuk_frontend_shows_it(form_class, world):
    form = made(form_class, world)
    page = rendered_with_errors(form)
    for bound in form.visible_fields():
        kind = kind_of(bound, page)
        where = f"{form_class.__name__}.{bound.name} ({kind})"
        found = controls(bound, page, kind)
        assert found and all(found), f"{where}: no control rendered"
        for control in found:
            assert control_classes(kind) <= set(control.get("class", [])), (
                f"{where}: {control.get('class')} lacks {control_classes(kind)} (GOV.UK Frontend's error state)"
            )
        group = found[0].find_parent(class_="govuk-form-group")
        if kind == "date":  # each part has a group of its own; the field's is the one around the fieldset
            group = found[0].find_parent("fieldset").find_parent(class_="govuk-form-group")
        assert form_group_classes(kind) <= set(group["class"]), f"{where}: form group {group['class']}"

        message = group.select_one(".govuk-error-message")
        assert message is not None and message.name == "p", f"{where}: no GOV.UK error message"
        assert message.select_one("span.govuk-visually-hidden").get_text(strip=True) == "Error:"
        described = found[0] if kind not in ("date", "radios", "checkboxes") else found[0].find_parent("fieldset")
        assert message["id"] in described.get("aria-describedby", "").split(), (
            f"{where}: the message is not announced with the control ({described.get('aria-describedby')})"
        )


def test_a_control_without_an_error_has_no_error_class(world):
    form = PersonalDetailsForm(data={"first_name": "Ada"}, **MAKERS[MentorQuestionForm](world))
    form.is_valid()
    page = BeautifulSoup(
        Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form})), "html.parser"
    )
    assert "govuk-input--error" not in page.select_one("#id_first_name")["class"]
    assert (
        "govuk-form-group--error"
        not in page.select_one("#id_first_name").find_parent(class_="govuk-form-group")["class"]
    )
    assert "govuk-input--error" in page.select_one("#id_email")["class"]


@pytest.mark.parametrize(
    "parts, in_error",
    [
        (("", "3", "2015"), ["day"]),  # a part missing: that part
        (("1", "", ""), ["month", "year"]),
        (("31", "2", "2015"), ["day", "month", "year"]),  # not a real date: the whole date
        (("1", "1", "2999"), ["day", "month", "year"]),  # not in the past
    ],
)
def test_a_date_highlights_the_parts_its_error_is_about(world, parts, in_error):
    from mentors.forms import DateStartedMentoringForm

    data = dict(
        zip(["date_started_mentoring_0", "date_started_mentoring_1", "date_started_mentoring_2"], parts, strict=True)
    )
    form = DateStartedMentoringForm(data, **MAKERS[MentorQuestionForm](world))
    form.is_valid()
    page = BeautifulSoup(
        Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form})), "html.parser"
    )
    highlighted = [
        name
        for index, name in enumerate(["day", "month", "year"])
        if "govuk-input--error" in page.select_one(f"#id_date_started_mentoring_{index}")["class"]
    ]
    assert highlighted == in_error
