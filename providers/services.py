"""Writes about providers' users: support staff add one, and a new user is invited to set their password."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tokens import INVITATION_VALID_FOR, invitation_token_generator
from emails.models import Email
from emails.services import queue_email

from .models import ProviderMembership


class AlreadyAMember(Exception):  # noqa: N818 (a state support staff are told about)
    """The user already belongs to the provider."""


@transaction.atomic
def add_provider_user(*, provider, email, first_name, last_name, added_by):
    """Make the person with this email address (any case) a user of the provider. A new user is made without a
    password and emailed an invitation with a link to set one (accounts.tokens: 7 days, once); an existing user
    signs in as before. Refused (AlreadyAMember) for a user who already belongs."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    invited = user is None
    if invited:
        user = User.objects.create_user(email, first_name=first_name, last_name=last_name)  # no usable password
    elif ProviderMembership.objects.filter(user=user, provider=provider).exists():
        raise AlreadyAMember(f"{user.email} is already a user of {provider.name}")
    membership = ProviderMembership(user=user, provider=provider)
    membership._history_user = added_by
    membership.save()
    if invited:
        link = reverse(
            "accounts:invitation",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_token_generator.make_token(user),
            },
        )
        queue_email(
            Email.Kind.PROVIDER_INVITATION,
            user.email,
            {
                "user": user,
                "provider": provider,
                "link": f"{settings.SERVICE_URL.rstrip('/')}{link}",
                "valid_for_days": INVITATION_VALID_FOR.days,
            },
        )
    return membership
