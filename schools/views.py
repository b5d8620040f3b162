from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from .decorators import school_view


@school_view
@require_safe
def home(request):
    """A school's home is its list of mentors."""
    return redirect("mentors:list", urn=request.school.urn)
