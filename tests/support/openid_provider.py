"""A small OpenID Connect provider on localhost, standing in for DfE Sign-in: discovery, its keys (JWKS), the
authorisation, token and end-session endpoints. Its RSA keys are made when the tests run, and its ID tokens are
signed with PyJWT, not with the library the service verifies them with.

It checks what a real provider checks (the client's id, secret and redirect address, the scopes, PKCE's code
verifier, each code used once) and records every request, so that tests can say what the service asked for.
"""

import base64
import functools
import hashlib
import json
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from werkzeug import Request, Response

from tests.support.stand_ins import for_one_test, json_response, local_server

CLIENT_ID = "manage-itt-mentors"
CLIENT_SECRET = "a-client-secret-for-tests"
SCOPES = {"openid", "email", "profile"}
PATHS = {
    "discovery": "/.well-known/openid-configuration",
    "jwks": "/jwks",
    "authorize": "/auth",
    "token": "/token",
    "end_session": "/session/end",
}


@functools.cache
def signing_key(number):
    """The provider's RSA keys, made once a test run (making one takes a moment)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OpenIDProvider:
    """Signs in `person` (the claims of the ID token it issues) whenever the service sends a browser to it."""

    def __init__(self, server):
        self.server = server
        self.issuer = server.url_for("").rstrip("/")
        self.person = {"sub": "dfe-sign-in-subject-1", "email": "coordinator@example.com", "email_verified": True}
        self.key_number = 1
        # Changes to the next ID tokens' claims (such as a nonce or expiry), and whether to tamper with their payload.
        self.id_token_claims = {}
        self.tamper = False
        # An HTTP status for an endpoint to fail with, by its name in PATHS.
        self.failing = {}
        self._codes = {}
        for name, path in PATHS.items():
            server.expect_request(path).respond_with_handler(functools.partial(self._answer, name))

    @property
    def kid(self):
        return f"key-{self.key_number}"

    def rotate_key(self):
        """Sign with a new key, with a new key id: the keys published no longer include the old one."""
        self.key_number += 1

    def requests_to(self, name):
        return [request for request, _ in self.server.log if request.path == PATHS[name]]

    def url(self, name):
        return self.issuer + PATHS[name]

    # The service's side of signing in, as a browser would go through it.

    def sign_in(self, client, start=None):
        """Signs in through the service with a Django test client: the service's redirect to the provider is
        followed with requests, and the provider's redirect back is given to the client. Returns the answer of
        the service's callback."""
        return client.get(self.authorize(client.get(start or reverse("accounts:dfe-sign-in")).url))

    def authorize(self, url):
        """The address the provider sends the browser back to, for the authorisation request at url."""
        answer = requests.get(url, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, f"The provider refused the authorisation request: {answer.text}"
        return answer.headers["Location"]

    # The provider's endpoints.

    def _answer(self, name, request: Request):
        if name in self.failing:
            return Response("Service unavailable", status=self.failing[name])
        return getattr(self, f"_{name}")(request)

    def _discovery(self, request):
        return json_response(
            {
                "issuer": self.issuer,
                "authorization_endpoint": self.url("authorize"),
                "token_endpoint": self.url("token"),
                "jwks_uri": self.url("jwks"),
                "end_session_endpoint": self.url("end_session"),
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": sorted(SCOPES),
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            }
        )

    def _jwks(self, request):
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key(self.key_number).public_key()))
        return json_response({"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]})

    def _authorize(self, request):
        args = request.args
        problems = [
            problem
            for problem, wrong in [
                ("response_type", args.get("response_type") != "code"),
                ("client_id", args.get("client_id") != CLIENT_ID),
                ("scope", set(args.get("scope", "").split()) != SCOPES),
                ("state", not args.get("state")),
                ("nonce", not args.get("nonce")),
                ("code_challenge_method", args.get("code_challenge_method") != "S256"),
                ("code_challenge", not args.get("code_challenge")),
                ("redirect_uri", not args.get("redirect_uri", "").endswith("/dfe-sign-in/callback/")),
            ]
            if wrong
        ]
        if problems:
            return Response(f"Wrong {', '.join(problems)}", status=400)
        code = secrets.token_urlsafe(16)
        self._codes[code] = {
            "nonce": args["nonce"],
            "code_challenge": args["code_challenge"],
            "redirect_uri": args["redirect_uri"],
        }
        return _redirect(args["redirect_uri"], code=code, state=args["state"])

    def _token(self, request):
        form = request.form
        client_id, client_secret = _client_credentials(request)
        if (client_id, client_secret) != (CLIENT_ID, CLIENT_SECRET):
            return json_response({"error": "invalid_client"}, status=401)
        grant = self._codes.pop(form.get("code", ""), None)  # a code is used once
        if form.get("grant_type") != "authorization_code" or grant is None:
            return json_response({"error": "invalid_grant"}, status=400)
        if (
            form.get("redirect_uri") != grant["redirect_uri"]
            or _challenge(form.get("code_verifier", "")) != grant["code_challenge"]
        ):
            return json_response({"error": "invalid_grant", "error_description": "PKCE or redirect_uri"}, status=400)
        return json_response(
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 3600,
                "id_token": self.id_token(nonce=grant["nonce"]),
            }
        )

    def _end_session(self, request):
        return _redirect(request.args["post_logout_redirect_uri"], state=request.args.get("state", ""))

    def id_token(self, nonce):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "given_name": "Cora",
            "family_name": "Ordinator",
            **self.person,
            **self.id_token_claims,
        }
        token = jwt.encode(claims, signing_key(self.key_number), algorithm="RS256", headers={"kid": self.kid})
        if self.tamper:
            header, _, signature = token.split(".")
            payload = base64.urlsafe_b64encode(json.dumps({**claims, "sub": "someone-else"}).encode()).rstrip(b"=")
            token = f"{header}.{payload.decode()}.{signature}"
        return token


def _client_credentials(request):
    if request.authorization and request.authorization.type == "basic":
        return request.authorization.username, request.authorization.password
    return request.form.get("client_id"), request.form.get("client_secret")


def _challenge(verifier):
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def _redirect(url, **params):
    separator = "&" if urlsplit(url).query else "?"
    return Response(status=302, headers={"Location": f"{url}{separator}{urlencode(params)}"})


def query(url):
    """An address's query parameters, one value each."""
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def configure(settings, issuer):
    settings.DFE_SIGN_IN_ISSUER = issuer
    settings.DFE_SIGN_IN_CLIENT_ID = CLIENT_ID
    settings.DFE_SIGN_IN_CLIENT_SECRET = CLIENT_SECRET


@pytest.fixture(scope="session")
def openid_provider_server():
    with local_server() as server:
        yield server


@pytest.fixture
def dfe_sign_in(openid_provider_server, settings):
    """The stand-in for DfE Sign-in, which the service's settings point at: a new provider on the run's server."""
    with for_one_test(openid_provider_server):
        provider = OpenIDProvider(openid_provider_server)
        configure(settings, provider.issuer)
        yield provider
