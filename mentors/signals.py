from django.db.models.signals import pre_delete
from django.dispatch import receiver

from schools.models import Membership


@receiver(pre_delete, sender=Membership)
def forget_lead_mentor(sender, instance, **kwargs):
    """A lead mentor who leaves the school no longer leads anyone.

    Saved mentor by mentor (not by the foreign key's SET_NULL, an SQL update) so each mentor's history records it.
    """
    for mentor in instance.led_mentors.all():
        mentor.lead_mentor = None
        mentor.save(update_fields=["lead_mentor", "updated_at"])
