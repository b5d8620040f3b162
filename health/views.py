"""Health checks for the platform: plain text, fast, with no personal data and no sign-in (README, "Reliability")."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from . import selectors


@login_not_required
@require_safe
def healthcheck(request):
    """The process answers. Nothing else is checked: a platform restarts a process that fails this."""
    return _plain("ok\n")


@login_not_required
@require_safe
def ready(request):
    """The service can do its work: the database answers, its migrations are applied, and emails are being sent."""
    checks = selectors.readiness()
    text = "".join(f"{check.name}: {'ok' if check.ok else 'failing'}, {check.detail}\n" for check in checks)
    return _plain(text, status=200 if all(check.ok for check in checks) else 503)


def _plain(text, status=200):
    response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
