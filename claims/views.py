"""A school's funding claims: the list, a claim's details, the grant conditions, and the add-claim journey's pages
(claims.journeys, on the shared journey pages in core.views)."""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from core import views as journey_pages
from core.formatting import govuk_date, govuk_time, money
from core.pagination import govuk_pagination
from core.summary import summary_row
from core.tables import Column
from providers.decorators import provider_view
from schools.decorators import school_view

from . import permissions, selectors, services
from .forms import ACCEPT, AuditForm, ResponseForm
from .journeys import AddClaimJourney
from .summary import funding_rows, hours_row
from .summary import hours as hours_text

CLAIMS_PER_PAGE = 25
LIST_COLUMNS = [
    Column("Reference"),
    Column("Accredited provider"),
    Column("Date submitted"),
    Column("Status"),
    Column("Amount", numeric=True),
]
# GOV.UK tag colours of each status.
STATUS_TAGS = {
    "draft": "govuk-tag--grey",
    "submitted": "govuk-tag--blue",
    "payment_in_progress": "govuk-tag--light-blue",
    "information_requested": "govuk-tag--yellow",
    "paid": "govuk-tag--green",
    "not_paid": "govuk-tag--red",
    "audit_requested": "govuk-tag--yellow",
    "rejected_by_provider": "govuk-tag--orange",
    "rejected_by_school": "govuk-tag--orange",
    "clawback_awaiting_approval": "govuk-tag--purple",
    "clawback_requested": "govuk-tag--purple",
    "clawback_in_progress": "govuk-tag--purple",
    "clawback_complete": "govuk-tag--grey",
}

PROVIDER_COLUMNS = [
    Column("Reference"),
    Column("School"),
    Column("Mentors", numeric=True),
    Column("Hours", numeric=True),
    Column("Status"),
    Column("Audit due by"),
]

everyone_at_school = school_view(permission=permissions.can_view_claims)
everyone_at_provider = provider_view(permission=permissions.can_audit_claims)
coordinators_only = school_view(permission=permissions.can_add_claim)


def _list_url(school):
    return reverse("claims:list", kwargs={"urn": school.urn})


def status_tag(claim):
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_TAGS[claim.status], claim.get_status_display()
    )


@everyone_at_school
@require_safe
def claim_list(request):
    school = request.school
    page = Paginator(selectors.claims_of(school), CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    claiming = selectors.claiming(school)
    return render(
        request,
        "claims/list.html",
        {
            "school": school,
            "region": claiming.rate.region if claiming.rate else school.funding_region,
            "claiming": claiming,
            "can_add_claims": permissions.can_add_claim(request.user, school),
            "page": page,
            "columns": LIST_COLUMNS,
            "rows": [
                [
                    format_html('<a class="govuk-link" href="{}">{}</a>', _detail_url(school, claim), claim.reference),
                    claim.provider.name,
                    govuk_date(claim.submitted_at) if claim.submitted_at else "Not submitted",
                    status_tag(claim),
                    money(claim.amount_pence),
                ]
                for claim in page
            ],
            "pagination": govuk_pagination(page, request.GET),
        },
    )


def _detail_url(school, claim):
    return reverse("claims:detail", kwargs={"urn": school.urn, "claim_id": claim.pk})


@everyone_at_school
@require_safe
def claim_detail(request, claim_id):
    claim = selectors.claim_at(request.school, claim_id)
    details, hours, funding = _claim_rows(claim)
    not_confirmed = [
        summary_row(line.mentor.full_name, line.not_confirmed_reason)
        for line in claim.mentors.all()
        if line.hours_confirmed is False
    ]
    history = [
        summary_row(f"{govuk_date(activity.at)}, {govuk_time(activity.at)}", activity.in_plain_words)
        for activity in claim.activities.all()
    ]
    return render(
        request,
        "claims/detail.html",
        {
            "school": request.school,
            "claim": claim,
            "details": details,
            "hours": hours,
            "funding": funding,
            "history": history,
            "not_confirmed": not_confirmed,
            "may_respond": claim.status == claim.Status.REJECTED_BY_PROVIDER
            and permissions.can_respond_to_audit(request.user, request.school),
            "may_submit": claim.status == claim.Status.DRAFT
            and permissions.can_add_claim(request.user, request.school),
        },
    )


def _claim_rows(claim):
    """A claim's summary lists: its details, each mentor's hours, and what it comes to."""
    details = [
        summary_row("Reference", claim.reference),
        summary_row("Status", status_tag(claim)),
        summary_row("Academic year", str(claim.academic_year)),
        summary_row("Accredited provider", claim.provider.name),
    ]
    if claim.submitted_at:
        details.append(
            summary_row("Submitted", f"{govuk_date(claim.submitted_at)} by {claim.submitted_by.get_full_name()}")
        )
    hours = [hours_row(line.mentor, line.hours, line.amount_pence) for line in claim.mentors.all()]
    funding = funding_rows(
        total_hours=claim.total_hours,
        rate_pence=claim.rate_pence,
        region=claim.funding_region,
        amount_pence=claim.amount_pence,
    )
    return details, hours, funding


def _refusal(refused, claim):
    """Why a draft claim cannot be submitted now, in the words its page shows."""
    contact = f"contact us at {settings.SUPPORT_EMAIL}, quoting the claim's reference"
    if isinstance(refused, services.AllowanceExceeded):
        return f"{refused.mentor.full_name} has {hours_text(refused.left)} left with {claim.provider.name}: {contact}"
    return {
        services.ClaimWindowClosed: "You cannot submit the claim: no claim window is open for its academic year",
        services.GrantConditionsNotAccepted: "Accept the grant conditions before you submit the claim",
        services.ProviderNotAccredited: f"{claim.provider.name} is no longer accredited: {contact}",
        services.MentorNotAtSchool: f"A mentor in the claim is no longer one of your mentors: {contact}",
        services.NoFundingRate: f"We have not set an hourly rate for your school yet: {contact}",
    }[type(refused)]


@require_http_methods(["GET", "POST"])
@coordinators_only
def check_draft(request, claim_id):
    """A coordinator checks the draft claim support staff made for the school, and submits it with the declaration."""
    school = request.school
    claim = selectors.claim_at(school, claim_id)
    if claim.status != claim.Status.DRAFT:
        return redirect(_detail_url(school, claim))
    # No question to answer: the form carries why submitting was refused, for the page's title and error summary.
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.submit_draft_claim(claim=claim, submitted_by=request.user)
        except services.TransitionRefused:
            pass  # submitted meanwhile, by a colleague or a second click: one claim, as its page shows
        except services.ClaimRefused as refused:
            form.add_error(None, _refusal(refused, claim))
        else:
            messages.success(request, f"Claim {claim.reference} submitted")
        if not form.errors:
            return redirect(_detail_url(school, claim))
    details, hours, funding = _claim_rows(claim)
    return render(
        request,
        "claims/check_draft.html",
        {
            "school": school,
            "claim": claim,
            "details": details,
            "hours": hours,
            "funding": funding,
            "form": form,
            "back_url": _detail_url(school, claim),
        },
    )


@require_http_methods(["GET", "POST"])
@school_view(permission=permissions.can_respond_to_audit)
def respond(request, claim_id):
    """The school accepts the provider's reasons for not confirming hours, or says why the training took place."""
    claim = selectors.claim_at(request.school, claim_id)
    if claim.status != claim.Status.REJECTED_BY_PROVIDER:
        return redirect(_detail_url(request.school, claim))
    form = ResponseForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            if form.cleaned_data["response"] == ACCEPT:
                services.accept_rejection(claim=claim, accepted_by=request.user)
                messages.success(request, "You have accepted the accredited provider's reasons")
            else:
                services.dispute_rejection(
                    claim=claim, explanation=form.cleaned_data["explanation"], disputed_by=request.user
                )
                messages.success(request, "We have your explanation: we will contact you about the claim")
        except services.TransitionRefused:
            pass  # answered meanwhile, by a colleague: the claim's page says how
        return redirect(_detail_url(request.school, claim))
    return render(
        request,
        "claims/respond.html",
        {"school": request.school, "claim": claim, "form": form, "back_url": _detail_url(request.school, claim)},
    )


@require_http_methods(["GET", "POST"])
@everyone_at_school
def grant_conditions(request):
    school = request.school
    acceptance = selectors.acceptance_of(school)
    may_accept = permissions.can_accept_grant_conditions(request.user, school)
    if request.method == "POST":
        if not may_accept:
            raise PermissionDenied
        if acceptance is None:
            services.accept_grant_conditions(school=school, accepted_by=request.user)
            messages.success(request, f"You have accepted the grant conditions for {school.name}")
        return redirect(_list_url(school))
    year = selectors.current_academic_year()
    return render(
        request,
        "claims/grant_conditions.html",
        {
            "school": school,
            "acceptance": acceptance,
            "may_accept": may_accept,
            "academic_year": year,
            "rates": selectors.rates_in(year) if year else [],
        },
    )


def claiming_open(view):
    """For the add-claim journey's pages: while the school cannot claim (no window open, no hourly rate, or the
    grant conditions not yet accepted), they send it to its claims page, which says why, or to the grant
    conditions."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        claiming = selectors.claiming(request.school)
        if claiming.window and claiming.rate and not claiming.acceptance:
            return redirect("claims:grant-conditions", urn=request.school.urn)
        if not claiming.is_open:
            return redirect(_list_url(request.school))
        request.claiming = claiming  # the journey's window and rate (AddClaimJourney)
        try:
            return view(request, *args, **kwargs)
        except (services.ClaimWindowClosed, services.NoFundingRate):
            # The window closed (or the rate went) between the check above and submitting.
            return redirect(_list_url(request.school))

    return wrapper


@coordinators_only
@require_safe
@claiming_open
def start_adding(request):
    return journey_pages.start_journey(request, AddClaimJourney, request.school)


@require_http_methods(["GET", "POST"])
@coordinators_only
@claiming_open
def add_claim_step(request, journey_id, step):
    return journey_pages.question(
        request, AddClaimJourney, request.school, journey_id, step, template="claims/add/question.html"
    )


@require_http_methods(["GET", "POST"])
@coordinators_only
@claiming_open
def check_your_answers(request, journey_id):
    return journey_pages.check_your_answers(
        request,
        AddClaimJourney,
        request.school,
        journey_id,
        "claims/add/check_your_answers.html",
        context={"school": request.school},
    )


@coordinators_only
@require_safe
def confirmation(request, journey_id):
    return journey_pages.confirmation(
        request, AddClaimJourney, request.school, journey_id, "claims/add/confirmation.html"
    )


@login_not_required
@require_GET
def payer_download(request, link):
    """The payer downloads a file of claims through the link emailed to them: once, within 7 days. Only a GET (not
    a HEAD, as a mail scanner may send) uses the link up."""
    try:
        batch = services.download_batch(token=link)
    except signing.BadSignature:
        raise Http404 from None
    except services.LinkUsed:
        return render(request, "claims/payer_link_used.html", status=410)
    response = HttpResponse(batch.file, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.kind}s-{batch.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _provider_claim_url(provider, claim):
    return reverse("claims:provider-claim", kwargs={"code": provider.code, "claim_id": claim.pk})


@everyone_at_provider
@require_safe
def provider_claims(request):
    """The claims made for training with the provider, those awaiting its audit first, with their deadlines."""
    provider = request.provider
    page = Paginator(selectors.claims_with(provider), CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/provider_list.html",
        {
            "provider": provider,
            "page": page,
            "columns": PROVIDER_COLUMNS,
            "rows": [
                [
                    format_html(
                        '<a class="govuk-link" href="{}">{}</a>', _provider_claim_url(provider, claim), claim.reference
                    ),
                    claim.school.name,
                    claim.mentor_count,
                    claim.total_hours,
                    status_tag(claim),
                    govuk_date(selectors.audit_deadline(claim.audit_requested_at))
                    if claim.status == claim.Status.AUDIT_REQUESTED
                    else "",
                ]
                for claim in page
            ],
            "pagination": govuk_pagination(page, request.GET),
        },
    )


@require_http_methods(["GET", "POST"])
@everyone_at_provider
def provider_claim(request, claim_id):
    """A claim for training with the provider; while it awaits the provider's audit, the audit's questions."""
    provider = request.provider
    claim = selectors.claim_with(provider, claim_id)
    auditing = claim.status == claim.Status.AUDIT_REQUESTED
    if request.method == "POST" and not auditing:
        return redirect(_provider_claim_url(provider, claim))
    form = AuditForm(request.POST if request.method == "POST" else None, claim=claim) if auditing else None
    if form is not None and form.is_valid():
        try:
            services.record_audit(claim=claim, decisions=form.decisions(), audited_by=request.user)
        except services.TransitionRefused:
            pass  # audited meanwhile, by a colleague: the claim's page shows their answers
        else:
            messages.success(request, f"Your answers about claim {claim.reference} have been sent")
        return redirect(reverse("claims:provider-list", kwargs={"code": provider.code}))
    details = [
        summary_row("Reference", claim.reference),
        summary_row("School", claim.school.name),
        summary_row("Academic year", str(claim.academic_year)),
        summary_row("Status", status_tag(claim)),
    ]
    if auditing:
        details.append(summary_row("Audit due by", govuk_date(selectors.audit_deadline(claim.audit_requested_at))))
    hours = [summary_row(line.mentor.full_name, _hours_audited(line)) for line in claim.mentors.all()]
    return render(
        request,
        "claims/provider_claim.html",
        {
            "provider": provider,
            "claim": claim,
            "details": details,
            "hours": hours,
            "form": form,
            "back_url": reverse("claims:provider-list", kwargs={"code": provider.code}),
        },
    )


def _hours_audited(line):
    said = {True: ": confirmed", False: f": not confirmed ({line.not_confirmed_reason})", None: ""}
    return f"{hours_text(line.hours)}{said[line.hours_confirmed]}"
