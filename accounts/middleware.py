"""Signed-in sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_ABSOLUTE_TIMEOUT
seconds after signing in. The next request is sent to a page that says which, and offers to sign in again."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "signed_in_at"
LAST_ACTIVE_AT = "last_active_at"
# Recording every request would write the session to the database on every page; a minute is close enough.
ACTIVITY_PRECISION = 60
INACTIVE = "inactive"
TIME_LIMIT = "time-limit"


def start_session_clocks(sender, request, user, **kwargs):
    """Receives user_logged_in."""
    request.session[SIGNED_IN_AT] = request.session[LAST_ACTIVE_AT] = int(time.time())


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            # A signed-in session without the times (one from before they were kept) has ended too.
            last_active_at = session.get(LAST_ACTIVE_AT, 0)
            if now - last_active_at >= settings.SESSION_IDLE_TIMEOUT:
                return self.sign_out(request, INACTIVE)
            if now - session.get(SIGNED_IN_AT, 0) >= settings.SESSION_ABSOLUTE_TIMEOUT:
                return self.sign_out(request, TIME_LIMIT)
            if now - last_active_at >= ACTIVITY_PRECISION:
                session[LAST_ACTIVE_AT] = now
        return self.get_response(request)

    def sign_out(self, request, reason):
        logout(request)
        url = reverse("accounts:signed-out-automatically", kwargs={"reason": reason})
        # Only a page comes back after signing in: a form posted now is not sent again, its answers went with
        # the session.
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)


class NoStoreWhenSignedInMiddleware:
    """Pages for someone signed in show personal data (mentors' names, TRNs, email addresses): no browser or proxy
    may keep a copy, for the next person at a shared computer to find with the back button or in its cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
