from functools import wraps

from . import selectors, services


def school_view(view):
    """For views under /schools/<urn>/: the user must belong to the school, or the page is not found (404).

    Sets request.school and request.membership, and makes the school the one the user is working in.
    """

    @wraps(view)
    def wrapper(request, urn, *args, **kwargs):
        membership = selectors.membership_for(request.user, urn)
        request.membership = membership
        request.school = membership.school
        services.work_in_school(request, membership.school)
        return view(request, *args, **kwargs)

    return wrapper
