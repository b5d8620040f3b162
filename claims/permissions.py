"""Who may do what with a school's funding claims. Each function takes the acting user and the school."""

from schools.permissions import is_itt_coordinator, works_at


def can_view_claims(user, school):
    """Everyone at the school sees its claims and the grant conditions."""
    return works_at(user, school)


def can_add_claim(user, school):
    """Claiming funding is for ITT coordinators: lead mentors see the claims, and cannot add them."""
    return is_itt_coordinator(user, school)


def can_accept_grant_conditions(user, school):
    """Accepting the grant conditions, for the school, is for its ITT coordinators."""
    return is_itt_coordinator(user, school)
