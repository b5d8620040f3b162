from functools import partial

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse

from organisations.selectors import belongs_to_several


def service(request):
    """What the layout shows on every page: the service navigation and where to get help."""
    # Made only when a template shows it (templates call what they are given): admin's pages never do.
    return {"service_navigation": partial(_navigation, request), "support_email": settings.SUPPORT_EMAIL}


def _navigation(request):
    """The service navigation component's links, and the sign-out button after them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "slots": None, "collapse": False}
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
        items.append(
            {
                "text": "Claims",
                "href": reverse("claims:list", kwargs={"urn": school.urn}),
                "active": view_name.startswith("claims:"),
            }
        )
        items.append(
            {
                "text": "Providers",
                "href": reverse("partnerships:list", kwargs={"urn": school.urn}),
                "active": view_name.startswith("partnerships:"),
            }
        )
    provider = getattr(request, "provider", None)
    if provider is not None:
        items.append(
            {
                "text": "Schools",
                "href": reverse("providers:home", kwargs={"code": provider.code}),
                "active": view_name in ("providers:home", "providers:school"),
            }
        )
        items.append(
            {
                "text": "Claims",
                "href": reverse("claims:provider-list", kwargs={"code": provider.code}),
                "active": view_name.startswith("claims:provider-"),
            }
        )
        items.append(
            {
                "text": "Find mentors",
                "href": reverse("mentors:provider-search", kwargs={"code": provider.code}),
                "active": view_name == "mentors:provider-search",
            }
        )
        items.append(
            {
                "text": "Trainees",
                "href": reverse("mentors:provider-trainees", kwargs={"code": provider.code}),
                "active": view_name == "mentors:provider-trainees",
            }
        )
        items.append(
            {
                "text": "Reports",
                "href": reverse("reports:provider-mentors", kwargs={"code": provider.code}),
                "active": view_name.startswith("reports:provider-"),
            }
        )
    elif user.is_staff:
        items.append(
            {"text": "Reports", "href": reverse("reports:mentors"), "active": view_name.startswith("reports:")}
        )
    if belongs_to_several(user):
        items.append(
            {
                "text": "Change organisation",
                "href": reverse("organisations:change"),
                "current": view_name == "organisations:change",
            }
        )
    # Signing out is a form, which may not sit in the span the component puts an item's html in: it is a list item
    # of its own, in the slot after the links. Rendered without the request, so that this context processor does not
    # run again inside it.
    sign_out = render_to_string("includes/sign_out_form.html", {"csrf_token": get_token(request)})
    # Collapsed into a menu on small screens as the component would if signing out were one of its items.
    return {"navigation": items, "slots": {"navigationEnd": sign_out}, "collapse": bool(items)}
