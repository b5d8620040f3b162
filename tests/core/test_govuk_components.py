"""GOV.UK components render through one shared Jinja environment, compiling each template once."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from govuk_frontend_django.components.inset_text import GovUKInsetText
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape

from core import govuk_components


def test_every_component_shares_one_environment_that_compiles_each_template_once(monkeypatch):
    compiled = []
    original = Environment.compile
    monkeypatch.setattr(
        Environment, "compile", lambda self, *args, **kwargs: compiled.append(1) or original(self, *args, **kwargs)
    )

    first = GovUKInsetText(text="Mentors <b>must</b> be qualified teachers.").render()
    compiled_for_first = len(compiled)
    second = GovUKInsetText(text="Another inset").render()

    assert compiled_for_first > 0
    assert len(compiled) == compiled_for_first
    assert "Mentors &lt;b&gt;must&lt;/b&gt; be qualified teachers." in first
    assert "Another inset" in second
    assert govuk_components.shared_environment() is govuk_components.shared_environment()


def test_renders_as_govuk_frontend_django_would_on_its_own():
    component = GovUKInsetText(text="Mentors must be qualified teachers.", classes="app-extra")
    own_environment = Environment(
        loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        autoescape=select_autoescape(),
    )
    expected = own_environment.from_string(component.build_jinja_template()).render(
        data={"text": "Mentors must be qualified teachers.", "classes": "app-extra"}
    )
    assert component.render() == expected


def test_another_release_of_govuk_frontend_django_stops_the_service_until_the_patch_is_checked(monkeypatch):
    monkeypatch.setattr(govuk_components, "version", lambda name: "0.23.0")
    with pytest.raises(ImproperlyConfigured, match="govuk-frontend-django is 0.23.0"):
        govuk_components.share_one_environment()
