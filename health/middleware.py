from functools import cached_property

from django.urls import reverse

from . import views


class HealthCheckMiddleware:
    """Answers the health checks before any other middleware: a platform's probe sends whatever Host header it likes
    (often the instance's own address, not in ALLOWED_HOSTS) over plain HTTP (not redirected to HTTPS), and needs no
    session, cookie or security header on a plain-text answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def views(self):
        return {reverse("health:healthcheck"): views.healthcheck, reverse("health:ready"): views.ready}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        return view(request) if view else self.get_response(request)
