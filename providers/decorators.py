from functools import partial, wraps

from django.core.exceptions import PermissionDenied

from organisations.services import work_in

from . import selectors


def provider_view(view=None, *, permission=None):
    """For views under /providers/<code>/: the user must belong to the provider, or the page is not found (404).

    With permission (a function of the user and the provider, from a permissions module), the user must also be
    allowed, or they may not use the page (403). Sets request.provider and request.provider_membership, and makes the
    provider the organisation the user is working in.
    """
    if view is None:
        return partial(provider_view, permission=permission)

    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        membership = selectors.membership_for(request.user, code)
        if permission and not permission(request.user, membership.provider):
            raise PermissionDenied
        request.provider_membership = membership
        request.provider = membership.provider
        work_in(request, membership.provider)
        return view(request, *args, **kwargs)

    return wrapper
