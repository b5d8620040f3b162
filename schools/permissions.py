"""Who may do what at a school. Each function takes the acting user and the school; views and templates ask here."""

from .models import Membership

_CACHE = "_memberships_by_school"


def membership_at(user, school):
    """The user's membership of the school, or None: looked up once a request (the user object is the request's)."""
    memberships = user.__dict__.setdefault(_CACHE, {})
    if school.pk not in memberships:
        found = None
        if user.is_authenticated:
            found = Membership.objects.filter(user=user, school=school).first()
        memberships[school.pk] = found
    return memberships[school.pk]


def remember_membership(user, membership):
    """Keep a membership already read (say, by the view that found the school), so that no function here reads it
    again."""
    user.__dict__.setdefault(_CACHE, {})[membership.school_id] = membership


def works_at(user, school):
    return membership_at(user, school) is not None


def is_itt_coordinator(user, school):
    membership = membership_at(user, school)
    return membership is not None and membership.role == Membership.Role.ITT_COORDINATOR


def can_view_partner_providers(user, school):
    """Everyone at the school sees the accredited providers it works with."""
    return works_at(user, school)


def can_manage_partner_providers(user, school):
    """Adding and removing the school's providers is for its ITT coordinators."""
    return is_itt_coordinator(user, school)
