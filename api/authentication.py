"""Providers' systems authenticate with a token in the Authorization header: `Bearer <token>`."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import services
from .models import ApiToken


class ProviderClient:
    """Who makes an API request: a provider's system, through one of its tokens (not a person)."""

    is_authenticated = True
    is_active = True

    def __init__(self, token):
        self.token = token
        self.provider = token.provider


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token after “Bearer ” in the Authorization header.")
        token = ApiToken.objects.active().select_related("provider").filter(token_hash=services.hash_of(header[1]))
        token = token.first()
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid, or has been revoked.")
        services.token_used(token)
        return ProviderClient(token), token

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI description names the token: HTTP bearer authentication."""

    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}
