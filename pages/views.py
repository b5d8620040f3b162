from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.views import describe_duration
from schools.models import Membership


@login_not_required
@require_safe
def cookies(request):
    # Named from settings, so the page stays true if a cookie is renamed.
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in and remembers your answers as you go through a form",
            "expires": f"When you sign out, or after {describe_duration(settings.SESSION_COOKIE_AGE)}",
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


def framework_floor(request):
    """The least a signed-in page can do: the same middleware, the signed-in user, one query.

    Served only when settings.BENCHMARK_FLOOR is on (benchmarks/load.py), as the yardstick for the pages' speed.
    """
    schools = Membership.objects.filter(user=request.user).count()
    return HttpResponse(f"{request.user.pk} {schools}", content_type="text/plain")
