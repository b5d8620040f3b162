"""Tokens in links that let their holder set an account's password: Django's password reset tokens, and invitations'."""

from datetime import timedelta

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_VALID_FOR = timedelta(days=7)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """A password reset token of its own kind (a reset link is no invitation, nor the other way round), valid for
    INVITATION_VALID_FOR rather than PASSWORD_RESET_TIMEOUT, and used once: setting the password, or signing in,
    changes what it was made from."""

    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def check_token(self, user, token):
        # Django's check_token, with the invitation's validity in place of PASSWORD_RESET_TIMEOUT.
        if not (user and token):
            return False
        try:
            made_at = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, made_at, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - made_at <= INVITATION_VALID_FOR.total_seconds()


invitation_token_generator = InvitationTokenGenerator()
