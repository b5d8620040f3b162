"""The reports' pages: DfE staff's, of every school, and a provider's, of its partner schools. Each table downloads
as CSV at the page's address with ?format=csv&table=<the figure's slug>, keeping the filters."""

import io
from functools import wraps

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from providers.decorators import provider_view

from . import permissions, reports, summaries
from .forms import ReportFilters
from .selectors import Filters, Scope

REPORTS = {
    "mentors": ("Mentors", reports.mentor_figures, False),
    "funding": ("Funding", reports.funding_figures, True),
}


def staff_only(view):
    """DfE staff's reports: anyone else finds nothing there (404)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.can_view_national_reports(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _report(request, *, kind, scope, links):
    title, build, with_academic_year = REPORTS[kind]
    form = ReportFilters(request.GET or None, with_academic_year=with_academic_year)
    filters = Filters(**form.cleaned_data) if form.is_valid() else Filters()
    # Every school's figures are summaries: the page says when they were made, and has none before the first.
    refreshed_at = summaries.refreshed_at() if scope.provider is None else None
    summarised = scope.provider is None
    figures = build(scope, filters) if refreshed_at or not summarised else []
    if request.GET.get("format") == "csv":
        return _download(figures, request.GET.get("table"), kind, scope)
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    return render(
        request,
        "reports/report.html",
        {
            "title": title,
            "kind": kind,
            "scope": scope,
            "form": form,
            "figures": figures,
            "summarised": summarised,
            "refreshed_at": refreshed_at,
            "filtered_by": reports.describe_filters(filters),
            "query": query.urlencode(),
            "links": [(label, url, name == kind) for name, (label, url) in links.items()],
        },
    )


def _download(figures, slug, kind, scope):
    figure = next((figure for figure in figures if figure.slug == slug), None)
    if figure is None:
        raise Http404
    out = io.StringIO()
    figure.write_csv(out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    owner = scope.provider.code if scope.provider else "england"
    response["Content-Disposition"] = f'attachment; filename="{kind}-{figure.slug}-{owner}.csv"'
    return response


def _staff_links():
    return {kind: (title, reverse(f"reports:{kind}")) for kind, (title, *_) in REPORTS.items()}


@staff_only
@require_safe
def mentors(request):
    return _report(request, kind="mentors", scope=Scope(), links=_staff_links())


@staff_only
@require_safe
def funding(request):
    return _report(request, kind="funding", scope=Scope(), links=_staff_links())


def _provider_links(provider):
    return {
        kind: (title, reverse(f"reports:provider-{kind}", kwargs={"code": provider.code}))
        for kind, (title, *_) in REPORTS.items()
    }


@provider_view
@require_safe
def provider_mentors(request):
    provider = request.provider
    return _report(request, kind="mentors", scope=Scope(provider), links=_provider_links(provider))


@provider_view
@require_safe
def provider_funding(request):
    provider = request.provider
    return _report(request, kind="funding", scope=Scope(provider), links=_provider_links(provider))
