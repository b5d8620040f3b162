"""DfE Sign-in, DfE's OpenID Connect provider, through Authlib's Django client.

Authlib discovers the endpoints and keys from the issuer (/.well-known/openid-configuration, kept for the life of
the process), runs the authorisation code flow with PKCE (S256), keeps the state, nonce and code verifier in the
session and checks them when the browser comes back, and verifies the ID token's signature against the issuer's keys
(JWKS: kept, and fetched again when a token names a key id it does not have) and its claims (issuer, audience,
expiry, nonce). Who may use the service is the service's own decision (accounts.services.user_for_dfe_sign_in).
"""

import functools

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from joserfc.errors import JoseError

NAME = "dfe_sign_in"
SCOPES = "openid email profile"
# The person's ID token, kept in their session to sign them out of DfE Sign-in too (its id_token_hint).
ID_TOKEN = "dfe_sign_in_id_token"
# Where to go once signed in (a page asked for before signing in), kept while the person is at DfE Sign-in.
NEXT = "dfe_sign_in_next"

# DfE Sign-in not answering, answering with an HTTP error or with something that is not JSON, or its discovery
# document lacking an endpoint the flow needs (Authlib's RuntimeError).
_UNAVAILABLE = (requests.RequestException, ValueError, RuntimeError)


class Unavailable(Exception):
    """DfE Sign-in did not answer in time, or answered with an error."""


class Refused(Exception):
    """What the browser brought back from DfE Sign-in cannot be trusted (a state that is not this session's, a token
    whose signature or claims are wrong), or says that the person did not sign in."""


def is_configured():
    # The settings refuse an issuer without its client id and secret.
    return bool(settings.DFE_SIGN_IN_ISSUER)


@functools.cache
def _client():
    issuer = settings.DFE_SIGN_IN_ISSUER.rstrip("/")
    return OAuth().register(
        NAME,
        client_id=settings.DFE_SIGN_IN_CLIENT_ID,
        client_secret=settings.DFE_SIGN_IN_CLIENT_SECRET,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": SCOPES,
            "code_challenge_method": "S256",
            "default_timeout": settings.DFE_SIGN_IN_TIMEOUT,
        },
    )


@receiver(setting_changed)
def _forget_client(setting, **kwargs):
    """A new issuer or client (in tests) gets a new Authlib client, with its own discovery and keys."""
    if setting.startswith("DFE_SIGN_IN_"):
        _client.cache_clear()


def redirect_to_sign_in(request, redirect_uri):
    """The redirect that sends the browser to DfE Sign-in to sign in, coming back to redirect_uri."""
    try:
        return _client().authorize_redirect(request, redirect_uri)
    except _UNAVAILABLE as error:
        raise Unavailable(str(error)) from error


def signed_in_person(request):
    """The ID token and its verified claims of the person whose sign-in the browser has brought back.

    Raises Refused if the answer cannot be trusted or the person did not sign in, Unavailable if DfE Sign-in could
    not be asked for the token or its keys.
    """
    client = _client()
    try:
        metadata = client.load_server_metadata()
        # Authlib checks the issuer and, without being asked, that the token names this client somewhere: the
        # audience must be this client.
        claims_options = {
            "iss": {"essential": True, "value": metadata.get("issuer")},
            "aud": {"essential": True, "value": settings.DFE_SIGN_IN_CLIENT_ID},
        }
        token = client.authorize_access_token(request, claims_options=claims_options)
    except (OAuthError, JoseError) as error:
        raise Refused(f"{type(error).__name__}: {error}") from error
    except _UNAVAILABLE as error:
        raise Unavailable(str(error)) from error
    if "userinfo" not in token:
        raise Refused("DfE Sign-in answered without an ID token")
    return token["id_token"], token["userinfo"]


def end_session_url(*, id_token, post_logout_redirect_uri):
    """The address of DfE Sign-in's end-session endpoint that signs the person out there too, then comes back."""
    try:
        return _client().create_logout_url(post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token)[
            "url"
        ]
    except _UNAVAILABLE as error:
        raise Unavailable(str(error)) from error
