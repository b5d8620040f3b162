from django.conf import settings
from django.db import models


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A provider's key to the read-only API, for one of its systems. Only a hash of the token is kept: support
    staff see the token once, when they make it in admin, and give it to the provider."""

    provider = models.ForeignKey("providers.Provider", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the provider uses it for, such as “Student records”.")
    # SHA-256 of the token, in hex: a token is 256 random bits, so a plain hash is enough to keep it secret.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Its first characters, to tell tokens apart in admin and in the logs without revealing them.
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField("last used", null=True, blank=True)
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["provider__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…) for {self.provider.name}"


class TokenRequestCount(models.Model):
    """How many requests a token made in one window of the API's limit (settings: API_THROTTLE_RATE), counted in
    the database so that every worker process counts the same requests."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    window_start = models.DateTimeField()
    requests = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "window_start"], name="one_count_per_token_window")]

    def __str__(self):
        return f"{self.requests} requests from {self.window_start}"
