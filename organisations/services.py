"""Writes about organisations: which one a user is working in."""

from .selectors import key_of

CURRENT_ORGANISATION_SESSION_KEY = "current_organisation"


def work_in(request, organisation):
    """Remember the school or provider the user is working in, so that the service opens on it next time."""
    key = key_of(organisation)
    # Setting it unchanged would still write the session to the database on every page.
    if request.session.get(CURRENT_ORGANISATION_SESSION_KEY) != key:
        request.session[CURRENT_ORGANISATION_SESSION_KEY] = key
