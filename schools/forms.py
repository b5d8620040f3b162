from django import forms

from core.forms import form_helper, page_heading_radios


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
        self.helper = form_helper(page_heading_radios("school"))
