from django.contrib import admin, messages

from . import services
from .models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "subject", "provider_message_id"]
    readonly_fields = [field.name for field in Email._meta.fields]
    actions = ["resend_failed"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Resend the selected failed emails")
    def resend_failed(self, request, queryset):
        queued = services.resend(queryset)
        self.message_user(
            request, f"{queued} failed email{'s' if queued != 1 else ''} queued to send again.", messages.SUCCESS
        )
