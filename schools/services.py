"""Writes about schools: which school a user is working in."""

CURRENT_SCHOOL_SESSION_KEY = "current_school_urn"


def work_in_school(request, school):
    """Remember the school the user is working in, so that the service opens on it next time."""
    # Setting it unchanged would still write the session to the database on every page.
    if request.session.get(CURRENT_SCHOOL_SESSION_KEY) != school.urn:
        request.session[CURRENT_SCHOOL_SESSION_KEY] = school.urn
