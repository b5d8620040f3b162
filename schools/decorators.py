from functools import partial, wraps

from django.core.exceptions import PermissionDenied

from organisations.services import work_in

from . import permissions, selectors


def school_view(view=None, *, permission=None):
    """For views under /schools/<urn>/: the user must belong to the school, or the page is not found (404).

    With permission (a function of the user and the school, from a permissions module), the user must also be
    allowed, or they may not use the page (403). Sets request.school and request.membership, and makes the school
    the one the user is working in.
    """
    if view is None:
        return partial(school_view, permission=permission)

    @wraps(view)
    def wrapper(request, urn, *args, **kwargs):
        membership = selectors.membership_for(request.user, urn)
        permissions.remember_membership(request.user, membership)
        if permission and not permission(request.user, membership.school):
            raise PermissionDenied
        request.membership = membership
        request.school = membership.school
        work_in(request, membership.school)
        return view(request, *args, **kwargs)

    return wrapper
