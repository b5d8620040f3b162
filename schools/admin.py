from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.pagination import LargeTableAdminMixin

from .models import Membership, School


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "school"]


@admin.register(School)
class SchoolAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ["name", "urn", "phase_of_education_name", "local_authority", "town", "postcode", "is_open"]
    list_filter = ["is_open", "phase_of_education_code", "establishment_status_name", "region", "funding_region"]
    search_fields = ["name", "=urn", "postcode", "town", "local_authority"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(LargeTableAdminMixin, SimpleHistoryAdmin):
    list_display = ["user", "school", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "school__name", "=school__urn"]
    autocomplete_fields = ["user", "school"]
    list_select_related = ["user", "school"]
