"""Writes about partnerships: a school adds an accredited provider it works with, or removes one. Each change is in
the partnership's history and emails the provider's users."""

from django.db import IntegrityError, transaction

from core.services import submit_once
from emails.models import Email
from emails.services import queue_email
from providers.models import Provider
from providers.selectors import users_of

from .models import Partnership


class PartnershipRefused(Exception):
    """The partnership may not be added or removed: the message says why, as the school is told."""


class AlreadyPartners(PartnershipRefused):
    pass


class ProviderNotAccredited(PartnershipRefused):
    pass


class NotPartners(PartnershipRefused):
    pass


def already_partners_message(school, provider):
    return f"{provider.name} is already one of {school.name}’s providers"


def not_accredited_message(provider):
    return f"{provider.name} is not an accredited provider"


def add_partnership(*, school, provider, added_by, journey_id=None):
    """The school works with the provider from now on: refused if it already does, or the provider is not
    accredited (read again, under a lock, so a provider Publish no longer accredits is never added). With the id of
    the journey that asked, submitting it again gives the same partnership (core.services.submit_once)."""
    if journey_id is not None:
        return submit_once(
            journey_id=journey_id,
            model=Partnership,
            make=lambda: add_partnership(school=school, provider=provider, added_by=added_by),
        )
    try:
        with transaction.atomic():
            current = Provider.objects.select_for_update().get(pk=provider.pk)
            if not current.accredited:
                raise ProviderNotAccredited(not_accredited_message(provider))
            if Partnership.objects.filter(school=school, provider=provider).exists():
                raise AlreadyPartners(already_partners_message(school, provider))
            partnership = Partnership(school=school, provider=provider, created_by=added_by)
            partnership._history_user = added_by
            partnership.save()
            _email_provider(Email.Kind.PARTNERSHIP_ADDED, partnership)
    except IntegrityError:
        # Another coordinator added it at the same moment: the unique constraint kept one.
        raise AlreadyPartners(already_partners_message(school, provider)) from None
    return partnership


@transaction.atomic
def remove_partnership(*, school, provider, removed_by):
    """The school no longer works with the provider: its users no longer see the school's mentors."""
    partnership = Partnership.objects.select_for_update().filter(school=school, provider=provider).first()
    if partnership is None:
        raise NotPartners(f"{provider.name} is not one of {school.name}’s providers")
    partnership._history_user = removed_by
    partnership.delete()
    _email_provider(Email.Kind.PARTNERSHIP_REMOVED, partnership)


def _email_provider(kind, partnership):
    context = {"school": partnership.school, "provider": partnership.provider}
    for user in users_of(partnership.provider):
        queue_email(kind, user.email, context)
