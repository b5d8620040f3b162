from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pages.pagination import LargeTablePaginator
from schools.models import School

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
    paginator = LargeTablePaginator
    show_full_result_count = False
    list_display = ["last_name", "first_name", "trn", "school", "subject", "age_range", "key_stage", "removed_at"]
    list_filter = [RemovedFilter, "removal_reason", "subject__phase", "age_range", "key_stage"]
    search_fields = ["last_name", "first_name", "=trn", "email"]
    search_help_text = "Search by name, email address, TRN or the school's URN."
    list_select_related = ["school", "subject", "age_range", "key_stage"]
    autocomplete_fields = ["school", "added_by", "removed_by", "lead_mentor"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["first_name", "last_name", "trn", "email", "removed_at"]

    def get_search_results(self, request, queryset, search_term):
        """Also find a school's mentors by its URN.

        The URN is looked up first, so the search stays on the mentors table, whose indexes answer every term
        (a condition on the joined school would make PostgreSQL read all 150,000 mentors).
        """
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        urns = [int(term) for term in search_term.split() if term.isdigit()]
        school_ids = list(School.objects.filter(urn__in=urns).values_list("pk", flat=True)) if urns else []
        if school_ids:
            found |= queryset.filter(school_id__in=school_ids)
        return found, may_have_duplicates
