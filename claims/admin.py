"""Support staff keep the funding rules here (academic years with their hours and rates, funding regions and their
districts, claim windows), and see the acceptances of the grant conditions and the claims, which only the
service makes."""

import re

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.messages import SUCCESS, WARNING
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_safe

from core.admin import ReadOnlyAdminMixin
from core.fields import ModelChoiceField
from core.formatting import money
from core.pagination import LargeTableAdminMixin
from mentors.models import Mentor
from providers.models import Provider
from schools.models import School

from . import exports, services
from .models import (
    AcademicYear,
    AuditSample,
    Claim,
    ClaimActivity,
    ClaimMentor,
    ClaimWindow,
    District,
    FundingRate,
    FundingRegion,
    GrantConditionsAcceptance,
    PayerBatch,
    Transition,
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
    actions = ["send_payments", "draw_audit_sample"]

    @admin.action(description="Draw an audit sample of the selected windows' paid claims")
    def draw_audit_sample(self, request, windows):
        for window in windows:
            try:
                sample = services.draw_sample(window=window, drawn_by=request.user)
            except services.NothingToSend:
                self.message_user(request, f"No claim submitted in the window {window} has been paid", WARNING)
                continue
            self.log_change(
                request, window, f"Drew an audit sample of {len(sample.draws)} claims (seed {sample.seed})."
            )
            self.message_user(
                request,
                f"{len(sample.draws)} claims of the window {window}, worth {money(sample.sampled_pence)} of "
                f"{money(sample.paid_pence)} paid, sent to their providers to audit (seed {sample.seed})",
                SUCCESS,
            )

    @admin.action(description="Send the submitted claims of the selected windows to the payer")
    def send_payments(self, request, windows):
        for window in windows:
            try:
                batch = services.send_payments(window=window, sent_by=request.user)
            except services.NothingToSend:
                self.message_user(request, f"No claim submitted in the window {window} is waiting to be paid", WARNING)
                continue
            self.log_change(request, window, f"Sent {batch.claims.count()} claims to the payer.")
            self.message_user(
                request,
                f"{batch.claims.count()} claims of the window {window} sent to the payer "
                f"({len(settings.PAYER_EMAILS)} addresses emailed)",
                SUCCESS,
            )


@admin.register(GrantConditionsAcceptance)
class GrantConditionsAcceptanceAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
    """The record of who accepted the grant conditions for each school: made by the service only."""

    list_display = ["school", "accepted_by", "accepted_at"]
    search_fields = ["school__name", "=school__urn", "accepted_by__email"]
    list_select_related = ["school", "accepted_by"]
    readonly_fields = ["school", "accepted_by", "accepted_at"]


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


# The statuses in which support staff enter a clawback's hours.
CLAWBACK_ENTRY = {Claim.Status.REJECTED_BY_SCHOOL, Claim.Status.CLAWBACK_AWAITING_APPROVAL}


class ClawbackForm(forms.Form):
    """The hours to take back for each of a claim's mentors: from none to all of them."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            said = {True: "confirmed", False: f"not confirmed: {line.not_confirmed_reason}", None: "not audited"}
            self.fields[f"hours_{line.pk}"] = forms.IntegerField(
                label=f"{line.mentor.full_name} ({line.hours} hours, {said[line.hours_confirmed]})",
                min_value=0,
                max_value=line.hours,
                initial=line.clawback_hours or 0,
            )

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not any(cleaned_data.values()):
            raise ValidationError("Enter the hours to take back for at least one mentor")
        return cleaned_data

    def hours(self):
        return {line.pk: self.cleaned_data[f"hours_{line.pk}"] for line in self.lines}


# A line of a draft claim's mentors: the TRN, then the hours, with a space, comma or colon between.
DRAFT_LINE = re.compile(r"^\s*(\d{7})\s*[,:\s]\s*(\d{1,4})\s*$")


class DraftClaimForm(forms.Form):
    """Support staff's claim for a school: its URN, the accredited provider's code, and each mentor's hours. The
    amounts are the service's, never typed."""

    urn = forms.IntegerField(label="School URN", min_value=1, max_value=2**31 - 1)
    provider_code = forms.CharField(label="Accredited provider code", max_length=10)
    mentors = forms.CharField(
        label="Mentors and hours",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="One mentor a line: their TRN, then their whole hours of training. For example: 1234567 20",
    )

    def clean_urn(self):
        try:
            return School.objects.get(urn=self.cleaned_data["urn"])
        except School.DoesNotExist:
            raise ValidationError("No school has this URN") from None

    def clean_provider_code(self):
        provider = Provider.objects.accredited().filter(code=self.cleaned_data["provider_code"].strip().upper()).first()
        if provider is None:
            raise ValidationError("No accredited provider has this code")
        return provider

    def clean(self):
        cleaned_data = super().clean()
        school, lines = cleaned_data.get("urn"), cleaned_data.get("mentors")
        if school is None or lines is None:
            return cleaned_data
        hours = {}
        for number, line in enumerate(filter(str.strip, lines.splitlines()), start=1):
            match = DRAFT_LINE.match(line)
            if match is None or int(match[2]) < 1:
                self.add_error("mentors", f"Line {number}: enter a TRN of 7 digits, then whole hours of at least 1")
                continue
            trn, count = match[1], int(match[2])
            if trn in hours:
                self.add_error("mentors", f"Line {number}: {trn} is on an earlier line")
            hours[trn] = count
        if self.errors:
            return cleaned_data
        mentors = {mentor.trn: mentor for mentor in Mentor.objects.current().filter(school=school, trn__in=hours)}
        missing = sorted(set(hours) - set(mentors))
        if missing:
            self.add_error("mentors", f"Not a current mentor at {school.name}: {', '.join(missing)}")
            return cleaned_data
        cleaned_data["hours"] = {mentors[trn]: count for trn, count in hours.items()}
        return cleaned_data


def draft_refusal(refused):
    """Why the service refused a draft claim, for support staff."""
    if isinstance(refused, services.AllowanceExceeded):
        return f"{refused.mentor.full_name} has {refused.left} hours left with the provider this academic year"
    return {
        services.ClaimWindowClosed: "No claim window is open: a claim is for the open window's academic year",
        services.ProviderNotAccredited: "The provider is no longer accredited",
        services.MentorNotAtSchool: "A mentor is no longer at the school",
        services.NoFundingRate: "No hourly rate is set for the school's funding region in this academic year",
    }[type(refused)]


def _moving_action(transition, *, description, done, logged):
    """An action on the claims list that moves each selected claim along the transition (see ClaimAdmin._each)."""

    @admin.action(description=description)
    def action(model_admin, request, claims):
        model_admin._each(
            request, claims, lambda claim: services.move(claim, transition=transition, by=request.user), done, logged
        )

    return action


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdminMixin, LargeTableAdminMixin, admin.ModelAdmin):
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

    actions = ["payer_asks", "information_sent", "uphold_school", "approve_clawbacks", "send_clawbacks"]
    change_form_template = "admin/claims/claim/change_form.html"

    def get_urls(self):
        export = self.admin_site.admin_view(require_safe(self.export_view))
        clawback = self.admin_site.admin_view(self.clawback_view)
        draft = self.admin_site.admin_view(self.draft_view)
        return [
            path("export/", export, name="claims_claim_export"),
            path("draft/", draft, name="claims_claim_draft"),
            path("<int:object_id>/clawback/", clawback, name="claims_claim_clawback"),
            *super().get_urls(),
        ]

    def _each(self, request, claims, act, done, logged):
        """Do act to each claim, saying how many it was done to and why it was refused for any other, and record
        logged in the admin's history of each claim it was done to."""
        count = 0
        for claim in claims:
            try:
                act(claim)
                self.log_change(request, claim, logged)
                count += 1
            except services.TransitionRefused as refused:
                self.message_user(request, str(refused), WARNING)
            except services.SameApprover:
                self.message_user(
                    request,
                    f"You entered the clawback of claim {claim.reference}: someone else must approve it",
                    WARNING,
                )
            except services.NoClawbackHours:
                self.message_user(request, f"Enter the hours to take back of claim {claim.reference} first", WARNING)
        if count:
            self.message_user(request, f"{done}: {count} claim{'' if count == 1 else 's'}", SUCCESS)

    payer_asks = _moving_action(
        Transition.PAYER_ASKS,
        description="Record that the payer asked for more information",
        done="Recorded that the payer asked for more information",
        logged="The payer asked for more information.",
    )
    information_sent = _moving_action(
        Transition.INFORMATION_SENT,
        description="Record that the information was sent to the payer",
        done="Recorded that the information was sent to the payer",
        logged="Information sent to the payer.",
    )
    uphold_school = _moving_action(
        Transition.UPHOLD_SCHOOL,
        description="Agree with the school: the claim stays paid",
        done="Agreed with the schools",
        logged="Agreed with the school: the claim stays paid.",
    )

    @admin.action(description="Approve the clawbacks another support user entered")
    def approve_clawbacks(self, request, claims):
        self._each(
            request,
            claims,
            lambda claim: services.approve_clawback(claim=claim, approved_by=request.user),
            "Clawbacks approved",
            "Clawback approved.",
        )

    @admin.action(description="Send every approved clawback to the payer")
    def send_clawbacks(self, request, claims):
        try:
            batch = services.send_clawbacks(sent_by=request.user)
        except services.NothingToSend:
            self.message_user(request, "No approved clawback is waiting to be sent", WARNING)
        else:
            for claim in batch.claims.all():
                self.log_change(request, claim, "Clawback sent to the payer.")
            self.message_user(request, f"{batch.claims.count()} clawbacks sent to the payer", SUCCESS)

    def clawback_view(self, request, object_id):
        """Support staff enter the hours to take back for each mentor of a claim."""
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        claim = get_object_or_404(Claim, pk=object_id)
        if claim.status not in CLAWBACK_ENTRY:
            self.message_user(request, f"Claim {claim.reference} is not waiting for a clawback", WARNING)
            return redirect("admin:claims_claim_change", claim.pk)
        lines = list(claim.mentors.select_related("mentor"))
        form = ClawbackForm(request.POST if request.method == "POST" else None, lines=lines)
        if form.is_valid():
            try:
                services.enter_clawback(claim=claim, hours=form.hours(), entered_by=request.user)
            except services.TransitionRefused as refused:
                self.message_user(request, str(refused), WARNING)
            else:
                self.message_user(request, "Clawback entered: another support user must approve it", SUCCESS)
            return redirect("admin:claims_claim_change", claim.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Hours to take back: claim {claim.reference}",
            "opts": self.model._meta,
            "original": claim,
            "form": form,
        }
        return TemplateResponse(request, "admin/claims/claim/clawback.html", context)

    def draft_view(self, request):
        """Support staff make a claim for a school, checked by the add-claim rules: a draft until one of the school's
        ITT coordinators checks it and submits it."""
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        form = DraftClaimForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                claim = services.create_draft_claim(
                    school=form.cleaned_data["urn"],
                    provider=form.cleaned_data["provider_code"],
                    hours=form.cleaned_data["hours"],
                    created_by=request.user,
                )
            except services.ClaimRefused as refused:
                form.add_error(None, draft_refusal(refused))
            else:
                self.message_user(
                    request, f"Draft claim {claim.reference} made: a coordinator at the school must submit it", SUCCESS
                )
                return redirect("admin:claims_claim_change", claim.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Make a draft claim for a school",
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/claims/claim/draft.html", context)

    def export_view(self, request):
        """The claims the list shows with the same filters and search, as a CSV file streamed from the database."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return exports.export_response(changelist.get_queryset(request))

    @admin.display(description="amount", ordering="amount_pence")
    def amount(self, claim):
        return money(claim.amount_pence)


class PayerAnswerForm(forms.Form):
    file = forms.FileField(
        label="The payer's answer (CSV)",
        help_text="Columns: claim reference, status (paid or unpaid), reason (when unpaid). Nothing is applied unless "
        "every row is right.",
        error_messages={"required": "Select the payer's answer", "empty": "The selected file is empty"},
    )


@admin.register(PayerBatch)
class PayerBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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


class ListedSampleForm(forms.Form):
    window = ModelChoiceField(ClaimWindow.objects.select_related("academic_year"), label="Claim window")
    references = forms.CharField(
        label="References of the claims to audit",
        widget=forms.Textarea,
        help_text="The paid claims' references, separated by commas, spaces or new lines.",
    )

    def clean_references(self):
        references = sorted(set(re.findall(r"[^\s,;]+", self.cleaned_data["references"])))
        if not references:
            raise ValidationError("Enter the references of the claims to audit")
        return references


@admin.register(AuditSample)
class AuditSampleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit samples drawn, each with its seed and every draw, or listed by support staff. Drawn by an action on
    claim windows; a listed sample is made here."""

    list_display = ["__str__", "window", "seed", "sampled", "drawn_by"]
    list_select_related = ["window__academic_year", "drawn_by"]
    fields = ["window", "seed", "paid_pence", "sampled_pence", "draws", "drawn_by", "drawn_at"]
    readonly_fields = fields

    @admin.display(description="sampled")
    def sampled(self, sample):
        return f"{money(sample.sampled_pence)} of {money(sample.paid_pence)}"

    def get_urls(self):
        listed = self.admin_site.admin_view(self.listed_view)
        return [path("listed/", listed, name="claims_auditsample_listed"), *super().get_urls()]

    def listed_view(self, request):
        """Ask for an audit of the paid claims support staff list, instead of a random sample."""
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        form = ListedSampleForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                sample = services.sample_listed(
                    window=form.cleaned_data["window"],
                    references=form.cleaned_data["references"],
                    drawn_by=request.user,
                )
            except services.UnknownReferences as unknown:
                form.add_error("references", f"{unknown} in this window")
            else:
                self.message_user(request, f"{sample.claims.count()} claims sent to their providers to audit", SUCCESS)
                return redirect("admin:claims_auditsample_change", sample.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Audit listed claims",
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/claims/auditsample/listed.html", context)
