"""DfE Sign-in, DfE's OpenID Connect provider: a way to sign in beside email and password, or instead of them
(README, "DfE Sign-in"). Off unless its issuer and the service's client are all set."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import env

# The issuer's address, such as https://oidc.signin.education.gov.uk: its endpoints and keys are discovered from
# <issuer>/.well-known/openid-configuration.
DFE_SIGN_IN_ISSUER = env("DFE_SIGN_IN_ISSUER", default="")
DFE_SIGN_IN_CLIENT_ID = env("DFE_SIGN_IN_CLIENT_ID", default="")
DFE_SIGN_IN_CLIENT_SECRET = env("DFE_SIGN_IN_CLIENT_SECRET", default="")
# Only DfE Sign-in: no password sign-in anywhere (the service's sign-in page, password reset, Django admin's).
DFE_SIGN_IN_ONLY = env.bool("DFE_SIGN_IN_ONLY", default=False)
# Seconds to wait for each answer from DfE Sign-in (discovery, its keys, the token) while the person waits.
DFE_SIGN_IN_TIMEOUT = env.float("DFE_SIGN_IN_TIMEOUT", default=10)

_REQUIRED = {
    "DFE_SIGN_IN_ISSUER": DFE_SIGN_IN_ISSUER,
    "DFE_SIGN_IN_CLIENT_ID": DFE_SIGN_IN_CLIENT_ID,
    "DFE_SIGN_IN_CLIENT_SECRET": DFE_SIGN_IN_CLIENT_SECRET,
}
if any(_REQUIRED.values()) and not all(_REQUIRED.values()):
    missing = ", ".join(name for name, value in _REQUIRED.items() if not value)
    raise ImproperlyConfigured(f"DfE Sign-in needs its issuer, client id and client secret: set {missing}.")
if DFE_SIGN_IN_ONLY and not DFE_SIGN_IN_ISSUER:
    raise ImproperlyConfigured(
        "DFE_SIGN_IN_ONLY needs DfE Sign-in: set DFE_SIGN_IN_ISSUER, DFE_SIGN_IN_CLIENT_ID and "
        "DFE_SIGN_IN_CLIENT_SECRET."
    )

# Signing out of DfE Sign-in is the answer to the sign-out form, sent on to the issuer's end-session page: browsers
# hold a form's redirects to the Content Security Policy's form-action, which allows this origin too.
DFE_SIGN_IN_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(DFE_SIGN_IN_ISSUER)) if DFE_SIGN_IN_ISSUER else ""
