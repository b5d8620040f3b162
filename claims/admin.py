"""Support staff keep the funding rules here (academic years with their hours and rates, funding regions and their
districts, claim windows), and see the acceptances of the grant conditions and the claims, which only the
service makes."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.messages import SUCCESS, WARNING
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_safe

from core.formatting import money
from core.pagination import LargeTableAdminMixin

from . import exports, services
from .models import (
    AcademicYear,
    Claim,
    ClaimActivity,
    ClaimMentor,
    ClaimWindow,
    District,
    FundingRate,
    FundingRegion,
    GrantConditionsAcceptance,
    PayerBatch,
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
    actions = ["send_payments"]

    @admin.action(description="Send the submitted claims of the selected windows to the payer")
    def send_payments(self, request, windows):
        for window in windows:
            try:
                batch = services.send_payments(window=window, sent_by=request.user)
            except services.NothingToSend:
                self.message_user(request, f"No claim submitted in the window {window} is waiting to be paid", WARNING)
                continue
            self.message_user(
                request,
                f"{batch.claims.count()} claims of the window {window} sent to the payer "
                f"({len(settings.PAYER_EMAILS)} addresses emailed)",
                SUCCESS,
            )


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


class ClaimActivityInline(admin.TabularInline):
    """The claim's history: the service writes it, nobody changes it."""

    model = ClaimActivity
    fields = ["at", "transition", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "step in the claim's history"
    verbose_name_plural = "history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ClaimWindowFilter(admin.SimpleListFilter):
    """Claims submitted while a claim window was open."""

    title = "claim window"
    parameter_name = "window"

    def lookups(self, request, model_admin):
        return [(window.pk, str(window)) for window in ClaimWindow.objects.select_related("academic_year")]

    def queryset(self, request, queryset):
        window = ClaimWindow.objects.filter(pk=self.value()).first() if self.value() else None
        if window is None:
            return queryset
        return queryset.filter(submitted_at__gte=window.opens_at, submitted_at__lt=window.closes_at)


@admin.register(Claim)
class ClaimAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    """Schools' claims, as the service made them: submitted claims cannot be changed here. The list's filters and
    search also choose what the CSV export holds."""

    list_display = ["reference", "school", "provider", "academic_year", "status", "amount", "submitted_at"]
    list_filter = [
        "status",
        "academic_year",
        ClaimWindowFilter,
        "funding_region",
        ("provider", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["=reference", "school__name", "=school__urn", "provider__name", "=provider__code"]
    search_help_text = "Search by reference, school name, URN, provider name or provider code."
    list_select_related = ["school", "provider", "academic_year"]
    inlines = [ClaimMentorInline, ClaimActivityInline]
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

    def get_urls(self):
        export = self.admin_site.admin_view(require_safe(self.export_view))
        return [path("export/", export, name="claims_claim_export"), *super().get_urls()]

    def export_view(self, request):
        """The claims the list shows with the same filters and search, as a CSV file streamed from the database."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return exports.export_response(changelist.get_queryset(request))

    @admin.display(description="amount", ordering="amount_pence")
    def amount(self, claim):
        return money(claim.amount_pence)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PayerAnswerForm(forms.Form):
    file = forms.FileField(
        label="The payer's answer (CSV)",
        help_text="Columns: claim reference, status (paid or unpaid), reason (when unpaid). Nothing is applied unless "
        "every row is right.",
        error_messages={"required": "Select the payer's answer", "empty": "The selected file is empty"},
    )


@admin.register(PayerBatch)
class PayerBatchAdmin(admin.ModelAdmin):
    """The files sent to the payer, as they were sent, and the upload of the payer's answer to each."""

    list_display = ["__str__", "kind", "window", "sent_by", "sent_at", "downloaded_at", "answered_at"]
    list_filter = ["kind"]
    list_select_related = ["window__academic_year", "sent_by"]
    fields = ["kind", "window", "sent_by", "sent_at", "downloaded_at", "answered_by", "answered_at", "file"]
    readonly_fields = fields
    change_form_template = "admin/claims/payerbatch/change_form.html"

    def get_urls(self):
        answer = self.admin_site.admin_view(self.answer_view)
        return [path("<int:object_id>/answer/", answer, name="claims_payerbatch_answer"), *super().get_urls()]

    def answer_view(self, request, object_id):
        """Upload the payer's answer to a batch: every row is checked, and nothing is applied unless all are right."""
        if not self.has_view_permission(request) or not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        batch = get_object_or_404(PayerBatch, pk=object_id)
        form = PayerAnswerForm(request.POST, request.FILES) if request.method == "POST" else PayerAnswerForm()
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                answers = services.apply_payer_answer(
                    batch=batch, upload=form.cleaned_data["file"], answered_by=request.user
                )
            except services.AnswerRefused as refused:
                errors = refused.errors
            else:
                self.message_user(request, f"The payer's answer for {len(answers)} claims was applied", SUCCESS)
                return redirect("admin:claims_payerbatch_change", batch.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Upload the payer's answer: {batch}",
            "opts": self.model._meta,
            "original": batch,
            "form": form,
            "row_errors": errors,
        }
        return TemplateResponse(request, "admin/claims/payerbatch/answer.html", context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
