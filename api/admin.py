from django.contrib import admin, messages
from django.utils.html import format_html

from . import services
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "provider__name", "provider__code", "prefix"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ["provider", "name"] if obj is None else ["provider", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # A token's provider never changes: a new one is issued instead.
        return self.readonly_fields if obj is None else ["provider", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, raw = services.issue_token(provider=obj.provider, name=obj.name, created_by=request.user)
        obj.pk, obj.token_hash, obj.prefix = token.pk, token.token_hash, token.prefix
        # Shown this once: only its hash is kept.
        messages.warning(
            request,
            format_html(
                "Copy the token now and give it to {}: it will not be shown again. <code>{}</code>",
                obj.provider.name,
                raw,
            ),
        )

    def has_delete_permission(self, request, obj=None):
        return False  # revoked instead, so the record stays

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        revoking = list(queryset.filter(revoked_at__isnull=True))
        count = services.revoke_tokens(tokens=queryset)
        for token in revoking:
            self.log_change(request, token, "Revoked.")
        self.message_user(request, f"{count} token{'s' if count != 1 else ''} revoked.")
