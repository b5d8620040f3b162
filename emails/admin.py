from django.contrib import admin, messages
from django_tasks.base import TaskResultStatus

from core.admin import ReadOnlyAdminMixin
from core.pagination import LargeTableAdminMixin
from worker.selectors import tasks_needing_attention

from . import selectors, services
from .models import Email

# Rows of each kind shown above the list of emails; the filters find the rest.
ATTENTION_ROWS = 20
EMAIL_PROBLEMS = {
    Email.Status.FAILED: "Failed",
    Email.Status.SENDING: "Stuck sending",
    Email.Status.QUEUED: "Waiting too long",
}
TASK_PROBLEMS = {TaskResultStatus.FAILED: "Failed", TaskResultStatus.RUNNING: "Stuck running"}


@admin.register(Email)
class EmailAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    # Only the service records emails, the record of what it sent: admin shows them, and resends failed ones with
    # its action.
    list_display = ["created_at", "kind", "recipient", "subject", "status", "attempts", "sent_at", "delivery_status"]
    # Delivery: whether the mentor received it, as GOV.UK Notify says (the reconcile_notify command asks).
    list_filter = ["status", "kind", "delivery_status", "sent_through"]
    search_fields = ["recipient", "subject", "provider_message_id"]
    # The body of a password reset email holds a live link to set the account's password: nobody reads it here.
    fields = readonly_fields = [field.name if field.name != "body" else "body_shown" for field in Email._meta.fields]
    actions = ["resend_failed"]

    def changelist_view(self, request, extra_context=None):
        """Above the list: the emails and tasks that are stuck or have failed, with how long ago that began."""
        emails = selectors.needing_attention()
        tasks = tasks_needing_attention()
        attention = {
            "attention_emails": [
                {"email": email, "problem": EMAIL_PROBLEMS[email.status], "since": email.updated_at}
                for email in emails[:ATTENTION_ROWS]
            ],
            "attention_emails_count": emails.count(),
            "attention_tasks": [
                {
                    "task": task,
                    "problem": TASK_PROBLEMS[task.status],
                    "since": task.started_at if task.status == TaskResultStatus.RUNNING else task.finished_at,
                }
                for task in tasks[:ATTENTION_ROWS]
            ],
            "attention_tasks_count": tasks.count(),
        }
        return super().changelist_view(request, {**attention, **(extra_context or {})})

    @admin.display(description="body")
    def body_shown(self, email):
        if email.kind == Email.Kind.PASSWORD_RESET:
            return "Not shown: it holds a link to choose the account's password."
        return email.body

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
