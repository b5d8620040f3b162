from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from . import services
from .middleware import INACTIVE, TIME_LIMIT


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
    sign_in_url = reverse("accounts:sign-in")
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        sign_in_url += "?" + urlencode({"next": next_url})
    context = {"explanation": explanations[reason], "sign_in_url": sign_in_url}
    return render(request, "accounts/signed_out_automatically.html", context)


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
