from django import forms

from core.forms import form_helper, page_heading_radios

QUESTION = "Which organisation are you working in?"


class ChangeOrganisationForm(forms.Form):
    """The user's organisations as radios, under a heading for each group (schools, providers)."""

    organisation = forms.ChoiceField(
        label=QUESTION,
        widget=forms.RadioSelect,
        error_messages={"required": "Select an organisation", "invalid_choice": "Select an organisation"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.choices = [(each.key, each.name) for each in organisations]
        # Each group's heading and its radios (templates/gds/layout/radios.html), numbered across groups as
        # crispy-forms-gds numbers their ids.
        groups = {}
        for position, each in enumerate(organisations, start=1):
            groups.setdefault(each.group, []).append((position, (each.key, each.name)))
        # Headings only when there is more than one group to tell apart.
        field.groups = list(groups.items()) if len(groups) > 1 else None
        self.urls = {each.key: each.url for each in organisations}
        self.helper = form_helper(page_heading_radios("organisation"))
