"""Writes about accounts: asking for a password reset link, within limits."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import PasswordResetRequest


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
