from django.contrib import admin

from .models import AgeRange, KeyStage, Phase, SendArea, Subject


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    list_editable = ["position"]
    search_fields = ["name", "code"]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "phase", "position"]
    list_editable = ["position"]
    list_filter = ["phase"]
    search_fields = ["name"]


@admin.register(AgeRange)
class AgeRangeAdmin(admin.ModelAdmin):
    list_display = ["name", "low_age", "high_age", "phase_names", "position"]
    list_editable = ["position"]
    list_filter = ["phases"]
    search_fields = ["name"]
    filter_horizontal = ["phases", "additional_key_stages"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("phases")

    @admin.display(description="Phases")
    def phase_names(self, age_range):
        return ", ".join(phase.name for phase in age_range.phases.all())


@admin.register(KeyStage)
class KeyStageAdmin(admin.ModelAdmin):
    list_display = ["name", "phase", "position"]
    list_editable = ["position"]
    list_filter = ["phase"]
    search_fields = ["name"]


@admin.register(SendArea)
class SendAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
