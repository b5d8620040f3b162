"""A school's providers: the accredited providers it works with, adding one (the add-provider journey, on the shared
journey pages in core.views) and removing one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from core import views as journey_pages
from core.tables import Column
from schools import permissions
from schools.decorators import school_view

from . import selectors, services
from .journeys import AddPartnershipJourney

COLUMNS = [Column("Name"), Column("Code"), Column("Type"), Column("Action")]

everyone_at_school = school_view(permission=permissions.can_view_partner_providers)
coordinators_only = school_view(permission=permissions.can_manage_partner_providers)


def _list_url(school):
    return reverse("partnerships:list", kwargs={"urn": school.urn})


@everyone_at_school
@require_safe
def provider_list(request):
    school = request.school
    may_manage = permissions.can_manage_partner_providers(request.user, school)
    rows = [
        [
            provider.name,
            provider.code,
            provider.get_provider_type_display(),
            *([_remove_link(school, provider)] if may_manage else []),
        ]
        for provider in selectors.partner_providers(school)
    ]
    return render(
        request,
        "partnerships/list.html",
        {
            "school": school,
            "columns": COLUMNS if may_manage else COLUMNS[:-1],
            "rows": rows,
            "table_caption": f"Accredited providers {school.name} works with",
            "may_manage": may_manage,
        },
    )


def _remove_link(school, provider):
    return format_html(
        '<a class="govuk-link" href="{}">Remove<span class="govuk-visually-hidden"> {}</span></a>',
        reverse("partnerships:remove", kwargs={"urn": school.urn, "code": provider.code}),
        provider.name,
    )


@coordinators_only
@require_safe
def start_adding(request):
    return journey_pages.start_journey(request, AddPartnershipJourney, request.school)


@require_http_methods(["GET", "POST"])
@coordinators_only
def add_step(request, journey_id, step):
    return journey_pages.question(request, AddPartnershipJourney, request.school, journey_id, step)


@require_http_methods(["GET", "POST"])
@coordinators_only
def check_your_answers(request, journey_id):
    return journey_pages.check_your_answers(
        request,
        AddPartnershipJourney,
        request.school,
        journey_id,
        "partnerships/add_check_your_answers.html",
        context={"school": request.school},
    )


@coordinators_only
@require_safe
def confirmation(request, journey_id):
    return journey_pages.confirmation(
        request,
        AddPartnershipJourney,
        request.school,
        journey_id,
        "partnerships/add_confirmation.html",
        context={"school": request.school},
    )


@require_http_methods(["GET", "POST"])
@coordinators_only
def remove(request, code):
    school = request.school
    provider = get_object_or_404(selectors.partner_providers(school), code=code)
    if request.method == "POST":
        try:
            services.remove_partnership(school=school, provider=provider, removed_by=request.user)
        except services.NotPartners:
            pass  # removed meanwhile, say by a double click: it is gone, as asked
        messages.success(request, f"{provider.name} has been removed")
        return redirect(_list_url(school))
    return render(
        request, "partnerships/remove.html", {"school": school, "provider": provider, "back_url": _list_url(school)}
    )
