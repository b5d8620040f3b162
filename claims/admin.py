"""Support staff keep the funding rules here (academic years with their hours and rates, funding regions and their
districts, claim windows), and see the acceptances of the grant conditions and the claims, which only the
service makes."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.formatting import money
from core.pagination import LargeTableAdminMixin

from .models import (
    AcademicYear,
    Claim,
    ClaimMentor,
    ClaimWindow,
    District,
    FundingRate,
    FundingRegion,
    GrantConditionsAcceptance,
)


class FundingRateFormSet(forms.BaseInlineFormSet):
    """An academic year has one rate for each funding region: a claim needs the rate of its school's region."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data["region"]
            for form in self.forms
            if form.cleaned_data.get("region") and not form.cleaned_data.get("DELETE")
        ]
        missing = [region.name for region in FundingRegion.objects.exclude(pk__in=[region.pk for region in kept])]
        if missing:
            raise ValidationError(f"Give a rate for every funding region: {', '.join(missing)} has none")


class FundingRateInline(admin.TabularInline):
    model = FundingRate
    formset = FundingRateFormSet
    extra = 0
    min_num = 1


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "initial_hours", "refresher_hours"]
    inlines = [FundingRateInline]


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(FundingRegion)
class FundingRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "other_districts"]
    inlines = [DistrictInline]


class ClaimWindowForm(forms.ModelForm):
    class Meta:
        model = ClaimWindow
        fields = ["academic_year", "opens_on", "closes_on"]

    def clean(self):
        cleaned_data = super().clean()
        opens_on, closes_on = cleaned_data.get("opens_on"), cleaned_data.get("closes_on")
        if not (opens_on and closes_on) or closes_on < opens_on:
            return cleaned_data  # the model's constraint says what is wrong with days in the wrong order
        overlapping = (
            ClaimWindow.objects.filter(opens_on__lte=closes_on, closes_on__gte=opens_on)
            .exclude(pk=self.instance.pk)
            .select_related("academic_year")
            .first()
        )
        if overlapping:
            raise ValidationError(
                f"These days overlap the claim window from {overlapping}. Claim windows cannot overlap: choose days "
                "before or after it, or change that window first"
            )
        return cleaned_data


@admin.register(ClaimWindow)
class ClaimWindowAdmin(admin.ModelAdmin):
    form = ClaimWindowForm
    list_display = ["opens_on", "closes_on", "academic_year"]
    list_filter = ["academic_year"]


@admin.register(GrantConditionsAcceptance)
class GrantConditionsAcceptanceAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    """The record of who accepted the grant conditions for each school: made by the service only."""

    list_display = ["school", "accepted_by", "accepted_at"]
    search_fields = ["school__name", "=school__urn", "accepted_by__email"]
    list_select_related = ["school", "accepted_by"]
    readonly_fields = ["school", "accepted_by", "accepted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClaimMentorInline(admin.TabularInline):
    model = ClaimMentor
    fields = ["mentor", "trn", "hours"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    """Schools' claims, as the service made them: submitted claims cannot be changed here."""

    list_display = ["reference", "school", "provider", "academic_year", "status", "amount", "submitted_at"]
    list_filter = ["status", "academic_year", "funding_region"]
    search_fields = ["=reference", "school__name", "=school__urn", "provider__name"]
    search_help_text = "Search by reference, school name, URN or provider name."
    list_select_related = ["school", "provider", "academic_year"]
    inlines = [ClaimMentorInline]
    readonly_fields = [
        "reference",
        "school",
        "provider",
        "academic_year",
        "status",
        "funding_region",
        "rate_pence",
        "total_hours",
        "amount_pence",
        "created_by",
        "created_at",
        "submitted_by",
        "submitted_at",
    ]

    @admin.display(description="amount", ordering="amount_pence")
    def amount(self, claim):
        return money(claim.amount_pence)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
