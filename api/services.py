"""Issuing and revoking API tokens, and counting their requests against the API's limit."""

import hashlib
import secrets

from django.db import connection, transaction
from django.utils import timezone

from .models import ApiToken, TokenRequestCount

PREFIX_LENGTH = 8


def hash_of(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_token(*, provider, name, created_by):
    """A new token for the provider: the saved ApiToken, and the token itself, which is never kept."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        provider=provider, name=name, token_hash=hash_of(raw), prefix=raw[:PREFIX_LENGTH], created_by=created_by
    )
    return token, raw


@transaction.atomic
def revoke_tokens(*, tokens):
    """Revoke the tokens not revoked already: they no longer open the API."""
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_used(token, *, now=None):
    """Note when the token was last used: at most once a minute, so that a busy system does not write each time."""
    now = now or timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def count_request(*, token, window_start):
    """Count one request of the token in the window starting at window_start, and return how many it has made in
    that window. One statement, so that requests at the same moment in several processes each count once. A token's
    first request in a window clears its earlier windows' counts."""
    table = connection.ops.quote_name(TokenRequestCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (token_id, window_start, requests) VALUES (%s, %s, 1) "
            f"ON CONFLICT (token_id, window_start) DO UPDATE SET requests = {table}.requests + 1 RETURNING requests",
            [token.pk, window_start],
        )
        requests = cursor.fetchone()[0]
    if requests == 1:
        TokenRequestCount.objects.filter(token=token, window_start__lt=window_start).delete()
    return requests
