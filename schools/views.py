from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from . import selectors, services
from .decorators import school_view
from .forms import ChangeSchoolForm


@require_safe
def start(request):
    """Open the service on the school the user is working in, or ask which one."""
    memberships = list(selectors.memberships_for(request.user))
    if not memberships:
        return render(request, "schools/no_schools.html")
    current_urn = request.session.get(services.CURRENT_SCHOOL_SESSION_KEY)
    urns = [membership.school.urn for membership in memberships]
    if len(urns) == 1 or current_urn in urns:
        return redirect("schools:home", urn=current_urn if current_urn in urns else urns[0])
    return redirect("schools:change")


@require_http_methods(["GET", "POST"])
def change_school(request):
    memberships = list(selectors.memberships_for(request.user))
    if not memberships:
        return render(request, "schools/no_schools.html")
    if len(memberships) == 1:
        # One school is no choice: straight there.
        return redirect("schools:home", urn=memberships[0].school.urn)
    current_urn = request.session.get(services.CURRENT_SCHOOL_SESSION_KEY)
    form = ChangeSchoolForm(
        request.POST if request.method == "POST" else None, memberships=memberships, initial={"school": current_urn}
    )
    if request.method == "POST" and form.is_valid():
        return redirect("schools:home", urn=form.cleaned_data["school"])
    return render(request, "schools/change_school.html", {"form": form})


@school_view
@require_safe
def home(request):
    """A school's home is its list of mentors."""
    return redirect("mentors:list", urn=request.school.urn)
