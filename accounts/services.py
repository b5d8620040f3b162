"""Writes about accounts: asking for a password reset link, within limits; matching a person signed in with DfE
Sign-in to their user."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import PasswordResetRequest, User


class TooManyPasswordResets(Exception):  # noqa: N818 (a state the user is told about, not a bug)
    """The address, or the IP address, has asked for too many password reset links lately."""


@transaction.atomic
def request_password_reset(*, email, ip_address, send):
    """Count a request for a password reset link for this email address from this IP address, then call send()
    (which queues the email, in this transaction).

        Refused (TooManyPasswordResets, nothing sent) when the address has asked PASSWORD_RESET_LIMIT_PER_ADDRESS times,
        or the IP address PASSWORD_RESET_LIMIT_PER_IP times, in the last PASSWORD_RESET_LIMIT_WINDOW seconds. Every
        address is counted alike, with or without an account. Old requests are forgotten as new ones come.
    """
    now = timezone.now()
    since = now - timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW)
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    digest = _digest(email)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    if recent.filter(email_digest=digest).count() >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS or (
        ip_address and recent.filter(ip_address=ip_address).count() >= settings.PASSWORD_RESET_LIMIT_PER_IP
    ):
        raise TooManyPasswordResets
    PasswordResetRequest.objects.create(email_digest=digest, ip_address=ip_address or None)
    send()


def _digest(email):
    # Keyed with the service's secret: the table cannot be turned back into addresses by hashing guesses.
    return salted_hmac("accounts.password-reset", email.strip().lower(), algorithm="sha256").hexdigest()


@transaction.atomic
def user_for_dfe_sign_in(*, subject, email, email_verified):
    """The active user a person signed in with DfE Sign-in is, or None: the service's records decide who may use it,
    and nobody is given an account by signing in.

    The user whose DfE Sign-in subject this is; else, the first time, the user with this email address (in any
    case) if DfE Sign-in says it has verified it, who then keeps the subject. A user who already has another
    subject is not matched by email address: that address is now someone else's DfE Sign-in account (support staff
    clear the subject when a person's account changes).
    """
    users = User.objects.select_for_update()
    user = users.filter(dfe_sign_in_subject=subject).first()
    if user is None and email_verified is True and email:
        # By the lower-cased address, which the unique index on it answers.
        user = users.alias(lower_email=Lower("email")).filter(lower_email=email.strip().lower()).first()
        if user is not None and user.dfe_sign_in_subject is None and user.is_active:
            user.dfe_sign_in_subject = subject
            user.save(update_fields=["dfe_sign_in_subject"])
        elif user is not None and user.dfe_sign_in_subject != subject:
            user = None
    if user is None or not user.is_active:
        return None
    return user
