"""Who may see which reports."""


def can_view_national_reports(user):
    """DfE's support staff see every school's figures, unsuppressed."""
    return user.is_authenticated and user.is_staff
