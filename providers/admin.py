from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Provider


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    # A few thousand providers at most: counting them is cheap, so admin's own paginator does.
    list_display = ["name", "code", "provider_type", "accredited", "ukprn", "urn", "town", "postcode"]
    list_filter = ["provider_type", "accredited"]
    search_fields = ["name", "=code", "=ukprn", "=urn", "postcode"]
    search_help_text = "Search by name, code, UKPRN, URN or postcode."
    fieldsets = [
        (None, {"fields": ["name", "code", "provider_type", "accredited", "ukprn", "urn", "email"]}),
        ("Address", {"fields": ["address_line_1", "address_line_2", "address_line_3", "town", "county", "postcode"]}),
        (
            "From Publish",
            {
                "fields": ["publish_id", "recruitment_cycle_year", "changed_at", "created_at", "updated_at"],
                "description": "import_providers brings these details up to date with Publish, and with them any "
                "change made here.",
            },
        ),
    ]
    readonly_fields = ["publish_id", "recruitment_cycle_year", "changed_at", "created_at", "updated_at"]
    history_list_display = ["name", "accredited"]
