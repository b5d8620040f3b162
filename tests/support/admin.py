"""Reading what Django admin recorded of an object, as support staff see it in the object's history."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def admin_history(obj):
    """The change messages admin recorded for obj, oldest first."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("action_time", "pk")
    return [entry.get_change_message() for entry in entries]
