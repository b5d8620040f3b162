from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.views.decorators.http import require_safe

from core.summary import summary_row

from .decorators import school_view


@school_view
@require_safe
def home(request):
    """A school's home is its list of mentors."""
    return redirect("mentors:list", urn=request.school.urn)


# What GIAS says of the school, and of its provision for special educational needs (SEN), by field.
ABOUT_FIELDS = {
    "urn": "URN",
    "phase_of_education_name": "Phase",
    "establishment_type_name": "Type of establishment",
    "local_authority": "Local authority",
    "town": "Town",
    "postcode": "Postcode",
}
SEN_FIELDS = [
    "resourced_provision_type",
    "resourced_provision_on_roll",
    "resourced_provision_capacity",
    "sen_unit_on_roll",
    "sen_unit_capacity",
]
# Where GIAS has nothing for a detail.
NOT_RECORDED = "Not recorded in GIAS"


@school_view
@require_safe
def details(request):
    """The school as Get Information About Schools (GIAS) describes it, with its own SEN provision."""
    school = request.school
    about = [_gias_row(school, name, label) for name, label in ABOUT_FIELDS.items()]
    ages = f"{school.statutory_low_age} to {school.statutory_high_age}" if school.statutory_high_age else None
    about.insert(3, summary_row("Pupils’ ages", ages, missing=NOT_RECORDED))
    sen = [summary_row(_label(school, "sen_types"), ", ".join(school.sen_types), missing="None recorded in GIAS")]
    sen += [_gias_row(school, name, _label(school, name)) for name in SEN_FIELDS]
    return render(request, "schools/details.html", {"school": school, "about": about, "sen_provision": sen})


def _label(school, name):
    return capfirst(school._meta.get_field(name).verbose_name)


def _gias_row(school, name, label):
    value = getattr(school, name)
    return summary_row(label, value if value is None else str(value), missing=NOT_RECORDED)
