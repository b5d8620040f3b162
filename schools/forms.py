from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms


class ChangeSchoolForm(forms.Form):
    school = forms.TypedChoiceField(
        label="Which school are you working in?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a school", "invalid_choice": "Select a school"},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [(m.school.urn, m.school.name) for m in memberships]
        self.helper = FormHelper()
        self.helper.form_tag = False  # form_page.html has the form, and its CSRF token
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.radios("school", legend_size=Size.LARGE, legend_tag="h1"),
            Button("submit", "Continue"),
        )
