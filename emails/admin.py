from django.contrib import admin, messages

from pages.pagination import LargeTablePaginator

from . import services
from .models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    paginator = LargeTablePaginator
    show_full_result_count = False
    list_display = ["created_at", "kind", "recipient", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "subject", "provider_message_id"]
    readonly_fields = [field.name for field in Email._meta.fields]
    actions = ["resend_failed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Only the service records emails: admin shows them, and resends failed ones with its action.
        return False

    @admin.action(description="Resend the selected failed emails")
    def resend_failed(self, request, queryset):
        queued = services.resend(queryset)
        # Each resend is in the email's admin history, as the standard add, change and delete views record theirs.
        for email in queued:
            self.log_change(request, email, "Queued to send again.")
        count = len(queued)
        self.message_user(
            request, f"{count} failed email{'s' if count != 1 else ''} queued to send again.", messages.SUCCESS
        )
