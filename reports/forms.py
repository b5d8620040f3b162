from crispy_forms_gds.layout import Field
from django import forms

from claims.models import AcademicYear, FundingRegion
from core.fields import ModelChoiceField
from core.forms import form_helper
from schools.models import School

ALL = ""


class ReportFilters(forms.Form):
    """A report's filters, in the address (a GET), so that a filtered report can be bookmarked and shared."""

    academic_year = ModelChoiceField(
        label="Academic year",
        queryset=AcademicYear.objects.all(),
        required=False,
        empty_label="All years",
        to_field_name="start_year",
        error_messages={"invalid_choice": "Select an academic year from the list"},
    )
    region = ModelChoiceField(
        label="Funding region",
        queryset=FundingRegion.objects.all(),
        required=False,
        empty_label="All regions",
        error_messages={"invalid_choice": "Select a funding region from the list"},
    )
    phase = forms.TypedChoiceField(
        label="School phase",
        choices=[(ALL, "All phases"), *School.GiasPhase.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a school phase from the list"},
    )

    def __init__(self, *args, with_academic_year=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_academic_year:
            # Current mentors are today's: a year would change nothing.
            del self.fields["academic_year"]
        self.helper = form_helper(*(Field(name) for name in self.fields), method="get")
