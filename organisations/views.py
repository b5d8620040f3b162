"""Where the service opens: the organisation the user is working in, and choosing among their schools and
providers."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from . import selectors, services
from .forms import ChangeOrganisationForm


@require_safe
def start(request):
    """Open the service on the organisation the user is working in, or ask which one."""
    organisations = selectors.organisations_of(request.user)
    if not organisations:
        return render(request, "organisations/no_organisations.html")
    current = request.session.get(services.CURRENT_ORGANISATION_SESSION_KEY)
    urls = {each.key: each.url for each in organisations}
    if len(organisations) == 1 or current in urls:
        return redirect(urls.get(current, organisations[0].url))
    return redirect("organisations:change")


@require_http_methods(["GET", "POST"])
def change_organisation(request):
    organisations = selectors.organisations_of(request.user)
    if not organisations:
        return render(request, "organisations/no_organisations.html")
    if len(organisations) == 1:
        # One organisation is no choice: straight there.
        return redirect(organisations[0].url)
    current = request.session.get(services.CURRENT_ORGANISATION_SESSION_KEY)
    form = ChangeOrganisationForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        initial={"organisation": current},
    )
    if request.method == "POST" and form.is_valid():
        return redirect(form.urls[form.cleaned_data["organisation"]])
    return render(request, "organisations/change_organisation.html", {"form": form})
