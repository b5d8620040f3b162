from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Mentor


class RemovedFilter(admin.SimpleListFilter):
    title = "removed"
    parameter_name = "removed"

    def lookups(self, request, model_admin):
        return [("no", "At their school"), ("yes", "Removed")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(removed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Mentor)
class MentorAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "trn", "school", "subject", "age_range", "key_stage", "removed_at"]
    list_filter = [RemovedFilter, "removal_reason", "subject__phase", "age_range", "key_stage"]
    search_fields = ["last_name", "first_name", "=trn", "email", "school__name", "=school__urn"]
    list_select_related = ["school", "subject", "age_range", "key_stage"]
    autocomplete_fields = ["school", "added_by", "removed_by", "lead_mentor"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["first_name", "last_name", "trn", "email", "removed_at"]
