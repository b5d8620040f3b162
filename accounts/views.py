import functools
import logging
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from . import dfe_sign_in, services
from .forms import SignInForm
from .middleware import INACTIVE, TIME_LIMIT

logger = logging.getLogger(__name__)

# The email address a person signed in to DfE Sign-in with, when it has no access here: shown on the page that says so.
NO_ACCESS_EMAIL = "dfe_sign_in_no_access_email"


def describe_duration(seconds):
    """'2 hours', '1 hour' or '15 minutes', as the pages say how long a limit is."""
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@login_not_required
@require_safe
def signed_out_automatically(request, reason):
    explanations = {
        INACTIVE: f"had not done anything for {describe_duration(settings.SESSION_IDLE_TIMEOUT)}",
        TIME_LIMIT: f"had been signed in for {describe_duration(settings.SESSION_ABSOLUTE_TIMEOUT)}",
    }
    if reason not in explanations:
        raise Http404
    if request.user.is_authenticated:  # signed in again, say by going back to this page: it no longer applies
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"explanation": explanations[reason], "sign_in_url": _with_next("accounts:sign-in", _next_url(request))}
    return render(request, "accounts/signed_out_automatically.html", context)


def _next_url(request):
    """The page asked for before signing in (?next=), if it is one of the service's own; else ""."""
    next_url = request.GET.get("next", "")
    return next_url if _is_safe(request, next_url) else ""


def _is_safe(request, url):
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def _with_next(view_name, next_url):
    url = reverse(view_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SignInView(auth_views.LoginView):
    """Django's sign-in with email address and password, and the way to DfE Sign-in when it is configured; with
    DFE_SIGN_IN_ONLY, that way only."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if settings.DFE_SIGN_IN_ONLY:
            # A form posted from a page shown before password sign-in was turned off: the page as it is now.
            return redirect(request.get_full_path())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["password_sign_in"] = not settings.DFE_SIGN_IN_ONLY
        if dfe_sign_in.is_configured():
            context["dfe_sign_in_url"] = _with_next("accounts:dfe-sign-in", _next_url(self.request))
        return context


def password_sign_in(view):
    """A page of password sign-in (resetting a password): not found when only DfE Sign-in is used."""

    @functools.wraps(view)
    def only_with_passwords(request, *args, **kwargs):
        if settings.DFE_SIGN_IN_ONLY:
            raise Http404
        return view(request, *args, **kwargs)

    return only_with_passwords


def dfe_sign_in_view(view):
    """A page of signing in with DfE Sign-in, which only reads: not found unless DfE Sign-in is configured. Someone
    signed in already is taken to the service, as the sign-in page does."""

    @require_safe
    def signed_out_only(request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return view(request, *args, **kwargs)

    @login_not_required
    @functools.wraps(view)
    def when_configured(request, *args, **kwargs):
        if not dfe_sign_in.is_configured():
            raise Http404
        return signed_out_only(request, *args, **kwargs)

    return when_configured


@dfe_sign_in_view
def dfe_sign_in_start(request):
    """Sends the browser to DfE Sign-in, remembering the page asked for before signing in."""
    request.session[dfe_sign_in.NEXT] = _next_url(request)
    callback = request.build_absolute_uri(reverse("accounts:dfe-sign-in-callback"))
    try:
        return dfe_sign_in.redirect_to_sign_in(request, callback)
    except dfe_sign_in.Unavailable as error:
        return _dfe_sign_in_unavailable(request, error)


@dfe_sign_in_view
def dfe_sign_in_callback(request):
    """Where DfE Sign-in sends the browser back: the person is signed in as their user, exactly as with a password
    (the same session clocks and landing page), if the service's records say they may use it."""
    try:
        id_token, claims = dfe_sign_in.signed_in_person(request)
    except dfe_sign_in.Refused as error:
        logger.warning("A sign-in with DfE Sign-in was refused: %s", error)
        return render(request, "accounts/dfe_sign_in_failed.html", status=400)
    except dfe_sign_in.Unavailable as error:
        return _dfe_sign_in_unavailable(request, error)
    user = services.user_for_dfe_sign_in(
        subject=claims["sub"], email=claims.get("email"), email_verified=claims.get("email_verified")
    )
    if user is None:
        # Nothing that says who: support hear who from the person, who is told to write.
        logger.info("Someone signed in with DfE Sign-in has no access")
        request.session[NO_ACCESS_EMAIL] = claims.get("email") or ""
        return redirect("accounts:dfe-sign-in-no-access")
    next_url = request.session.pop(dfe_sign_in.NEXT, "")
    request.session.pop(NO_ACCESS_EMAIL, None)
    login(request, user, backend="accounts.backends.DfESignInBackend")
    request.session[dfe_sign_in.ID_TOKEN] = id_token
    return redirect(next_url if next_url and _is_safe(request, next_url) else resolve_url(settings.LOGIN_REDIRECT_URL))


@dfe_sign_in_view
def dfe_sign_in_no_access(request):
    context = {"email": request.session.get(NO_ACCESS_EMAIL, "")}
    return render(request, "accounts/dfe_sign_in_no_access.html", context, status=403)


def _dfe_sign_in_unavailable(request, error):
    logger.error("DfE Sign-in is unavailable: %s", error)
    return render(request, "accounts/dfe_sign_in_unavailable.html", status=503)


class SignOutView(auth_views.LogoutView):
    """Django's, which ends the service's session; for a person who signed in with DfE Sign-in, then on to DfE
    Sign-in's end-session endpoint to end theirs there too, which sends them back to the signed-out page."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(dfe_sign_in.ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        if not id_token or not dfe_sign_in.is_configured():
            return response
        try:
            return redirect(
                dfe_sign_in.end_session_url(
                    id_token=id_token, post_logout_redirect_uri=request.build_absolute_uri(response.url)
                )
            )
        except dfe_sign_in.Unavailable as error:
            # Signed out of the service all the same; DfE Sign-in's own session ends when it times out.
            logger.warning("Could not sign out of DfE Sign-in: %s", error)
            return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the same for every email address, with or without
    an account, so that it never tells who has one."""
    wait = describe_duration(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return render(request, "accounts/locked_out.html", {"wait": wait}, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, within the limits of services.request_password_reset: past them, a page that says so, the same
    for every address."""

    def form_valid(self, form):
        sent = []
        try:
            services.request_password_reset(
                email=form.cleaned_data["email"],
                ip_address=get_client_ip_address(self.request),
                send=lambda: sent.append(super(PasswordResetView, self).form_valid(form)),
            )
        except services.TooManyPasswordResets:
            wait = describe_duration(settings.PASSWORD_RESET_LIMIT_WINDOW)
            return render(self.request, "accounts/password_reset_limited.html", {"wait": wait}, status=429)
        return sent[0]
