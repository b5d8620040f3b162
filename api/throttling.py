import math
from datetime import UTC, datetime

from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from . import services


class TokenRateThrottle(SimpleRateThrottle):
    """At most the rate's number of requests for each token in each window of the rate's period (REST_FRAMEWORK's
    DEFAULT_THROTTLE_RATES["api_token"], from API_THROTTLE_RATE), counted in the database
    (services.count_request): every worker process counts the same requests. DRF's own throttles count in the
    cache, which is each process's memory here, so n workers would allow n times the rate."""

    scope = "api_token"

    def allow_request(self, request, view):
        if request.auth is None:
            return True  # refused anyway, by authentication
        now = timezone.now().timestamp()
        window_start = now - now % self.duration
        self.seconds_to_wait = math.ceil(window_start + self.duration - now)
        made = services.count_request(token=request.auth, window_start=datetime.fromtimestamp(window_start, UTC))
        return made <= self.num_requests

    def wait(self):
        return self.seconds_to_wait
