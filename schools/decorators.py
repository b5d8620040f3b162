from functools import partial, wraps

from django.core.exceptions import PermissionDenied

from . import selectors, services


def school_view(view=None, *, roles=None):
    """For views under /schools/<urn>/: the user must belong to the school, or the page is not found (404).

    With roles, the user's role at the school must be one of them, or they may not use the page (403).
    Sets request.school and request.membership, and makes the school the one the user is working in.
    """
    if view is None:
        return partial(school_view, roles=roles)

    @wraps(view)
    def wrapper(request, urn, *args, **kwargs):
        membership = selectors.membership_for(request.user, urn)
        if roles and membership.role not in roles:
            raise PermissionDenied
        request.membership = membership
        request.school = membership.school
        services.work_in_school(request, membership.school)
        return view(request, *args, **kwargs)

    return wrapper
