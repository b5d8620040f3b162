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
    return can_change_mentor_led_by(user, mentor.school, mentor.lead_mentor_id)


def can_change_mentor_led_by(user, school, lead_mentor_id):
    """can_change_mentor, for a mentor of a list (a row of selectors.as_listed): one of the school's, led by the
    lead mentor with this membership id (or None)."""
    if is_itt_coordinator(user, school):
        return True
    membership = membership_at(user, school)
    return membership is not None and lead_mentor_id == membership.pk


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


def can_review_mentor(user, mentor):
    """The termly review of a mentor's details is for whoever may change them: a coordinator, or their lead mentor."""
    return can_change_mentor(user, mentor)


def can_manage_trainees(user, mentor):
    """Recording a mentor's trainees is for whoever may change the mentor: a coordinator, or their lead mentor."""
    return can_change_mentor(user, mentor)
