from django.contrib.auth.backends import ModelBackend


class DfESignInBackend(ModelBackend):
    """How a person matched by DfE Sign-in is signed in (accounts.views.dfe_sign_in_callback logs them in with it).

    It checks no credentials, so nothing can sign in through it with authenticate(): it is there for the session to
    name, so that the user and their permissions are loaded as ModelBackend loads them, even when password sign-in
    is off (DFE_SIGN_IN_ONLY).
    """

    def authenticate(self, request, **credentials):
        return None
