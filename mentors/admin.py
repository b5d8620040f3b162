from django.contrib import admin

from .models import Mentor


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "trn", "school", "subject", "age_range", "key_stage", "created_at"]
    list_filter = ["subject__phase", "age_range", "key_stage"]
    search_fields = ["last_name", "first_name", "=trn", "email", "school__name", "=school__urn"]
    list_select_related = ["school", "subject", "age_range", "key_stage"]
    autocomplete_fields = ["school", "added_by"]
    readonly_fields = ["created_at", "updated_at"]
