from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    """Requests are counted per token (REST_FRAMEWORK's DEFAULT_THROTTLE_RATES["api_token"]), in the cache."""

    scope = "api_token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None  # refused anyway
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
