from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.pagination import LargeTableAdminMixin

from .models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(LargeTableAdminMixin, SimpleHistoryAdmin):
    list_display = ["school", "provider", "created_at"]
    list_select_related = ["school", "provider"]
    search_fields = ["school__name", "=school__urn", "provider__name", "=provider__code"]
    autocomplete_fields = ["school", "provider"]
    readonly_fields = ["created_at", "created_by"]
