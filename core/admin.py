"""What every app's Django admin shares."""


class ReadOnlyAdminMixin:
    """For records the service writes and nobody may change (who accepted what, what was sent, what was drawn):
    support staff read them in admin, and never add, change or delete them there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
