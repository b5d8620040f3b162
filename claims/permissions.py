"""Who may do what with funding claims. Each function takes the acting user and the school, or the provider."""

from providers.permissions import works_for
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


def can_respond_to_audit(user, school):
    """Answering the provider's rejection of hours, for the school, is for its ITT coordinators."""
    return is_itt_coordinator(user, school)


def can_audit_claims(user, provider):
    """Everyone at the provider sees the claims made for training with it and answers their audits."""
    return works_for(user, provider)
