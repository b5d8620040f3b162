from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models.functions import Upper
from simple_history.admin import SimpleHistoryAdmin

from core.pagination import LargeTableAdminMixin
from schools.models import School

from .models import Mentor


class RemovedFilter(admin.SimpleListFilter):
    title = "removed"
    parameter_name = "removed"

    def lookups(self, request, model_admin):
        return [("no", "At their school"), ("yes", "Removed")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.current()
        if self.value() == "yes":
            return queryset.removed()
        return queryset


@admin.register(Mentor)
class MentorAdmin(LargeTableAdminMixin, SimpleHistoryAdmin):
    # Support staff search for a mentor rather than browse 150,000; a row costs admin about 0.3 ms to render.
    list_per_page = 50
    list_display = ["last_name", "first_name", "trn", "school", "subject", "age_range", "key_stage", "removed_at"]
    list_filter = [RemovedFilter, "removal_reason", "subject__phase", "age_range", "key_stage"]
    search_fields = ["last_name", "first_name", "=trn", "email"]
    search_help_text = "Search by name, email address, TRN or the school's URN."
    # Fetched for the page's mentors alone: joined in, PostgreSQL joins every mentor a search finds, then sorts.
    list_select_related = ()
    autocomplete_fields = ["school", "added_by", "removed_by", "lead_mentor"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["first_name", "last_name", "trn", "email", "removed_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("school", "subject", "age_range", "key_stage")

    def get_ordering(self, request):
        """With a search, in alphabetical order ignoring case.

        Sorted in the order of the name index, PostgreSQL would walk that index filtering row by row, because it
        guesses that many mentors match a search; sorted by an expression no index has, it finds the few matches
        through the search indexes first, then sorts them (0.7 s against a few milliseconds, with 150,000).
        """
        if request.GET.get(SEARCH_VAR):
            return [Upper("last_name").asc(), Upper("first_name").asc()]
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        """Also find a school's mentors by its URN.

        The URN is looked up first, so the search stays on the mentors table, whose indexes answer every term
        (a condition on the joined school would make PostgreSQL read all 150,000 mentors).
        """
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        urns = [int(term) for term in search_term.split() if term.isdecimal()]  # isdigit takes "²", int() does not
        school_ids = list(School.objects.filter(urn__in=urns).values_list("pk", flat=True)) if urns else []
        if school_ids:
            found |= queryset.filter(school_id__in=school_ids)
        return found, may_have_duplicates
