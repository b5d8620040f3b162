from functools import partial

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse


def service(request):
    """What the layout shows on every page: the service navigation and where to get help."""
    # Made only when a template shows it (templates call what they are given): admin's pages never do.
    return {"service_navigation": partial(_navigation, request), "support_email": settings.SUPPORT_EMAIL}


def _navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    view_name = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    school = getattr(request, "school", None)
    if school is not None:
        items.append(
            {
                "text": "Mentors",
                "href": reverse("mentors:list", kwargs={"urn": school.urn}),
                "active": view_name.startswith("mentors:"),
            }
        )
    if user.memberships.count() > 1:
        items.append(
            {"text": "Change school", "href": reverse("schools:change"), "current": view_name == "schools:change"}
        )
    # Rendered without the request, so that this context processor does not run again inside it.
    sign_out_form = render_to_string("includes/sign_out_form.html", {"csrf_token": get_token(request)})
    items.append({"html": sign_out_form})
    return items
