"""Who may do what with a school's mentors. Each function takes the acting user and the school or mentor."""

from schools.permissions import is_itt_coordinator, membership_at, works_at

from .models import FROM_DQT


def can_view_mentors(user, school):
    """Everyone at the school sees its mentors."""
    return works_at(user, school)


def can_add_mentor(user, school):
    """Adding mentors is for ITT coordinators."""
    return is_itt_coordinator(user, school)


def can_remove_mentor(user, mentor):
    return is_itt_coordinator(user, mentor.school)


def can_change_mentor(user, mentor):
    """A coordinator changes any of the school's mentors; a lead mentor only those they lead."""
    if is_itt_coordinator(user, mentor.school):
        return True
    membership = membership_at(user, mentor.school)
    return membership is not None and mentor.lead_mentor_id == membership.pk


def can_choose_lead_mentor(user, mentor):
    """Choosing a mentor's lead mentor is for coordinators, even for the mentor's own lead mentor."""
    return is_itt_coordinator(user, mentor.school)


def can_change_details(user, mentor, details):
    """Whether the user may change these details (field names) of the mentor. Nobody changes what the Database of
    Qualified Teachers says of a mentor it has found."""
    if mentor.details_from_dqt and FROM_DQT & set(details):
        return False
    if "lead_mentor" in details:
        return can_choose_lead_mentor(user, mentor)
    return can_change_mentor(user, mentor)
