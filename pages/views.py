from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def cookies(request):
    # Named from settings, so the page stays true if a cookie is renamed.
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in and remembers your answers as you go through a form",
            "expires": "When you sign out, or after 2 weeks",
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": "Protects the forms you fill in from being sent by another website",
            "expires": "After 1 year",
        },
    ]
    columns = [("name", "Name"), ("purpose", "Purpose"), ("expires", "Expires")]
    return render(request, "pages/cookies.html", {"cookies": cookies, "cookie_columns": columns})


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
