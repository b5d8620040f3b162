"""A provider's pages: its home (its partner schools), a partner school's mentors, and the provider search."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from core.formatting import govuk_date, number
from core.pagination import govuk_pagination
from core.tables import Column
from mentors import selectors as mentor_selectors
from partnerships import selectors as partnership_selectors

from . import selectors
from .decorators import provider_view
from .forms import PartnerMentorSearchForm

# The autocomplete suggests a few; the page of results without JavaScript shows more (selectors.SEARCH_LIMIT).
SUGGESTIONS = 10
PER_PAGE = 25
SCHOOL_COLUMNS = [
    Column("Name"),
    Column("URN"),
    Column("Town"),
    Column("Phase"),
    Column("Current mentors", numeric=True),
]
MENTOR_COLUMNS = [
    Column("Name"),
    Column("TRN"),
    Column("Subject"),
    Column("Age range"),
    Column("Key stage"),
    Column("Date started mentoring"),
]


@require_safe
def search(request):
    """Accredited providers matching ?q=, as JSON, for the provider autocomplete. Providers are public: anyone signed
    in may search them."""
    found = selectors.search_accredited(request.GET.get("q", "")[:255])[:SUGGESTIONS]
    return JsonResponse(
        {
            "results": [
                {
                    "code": provider.code,
                    "name": provider.name,
                    "hint": ", ".join(filter(None, [provider.code, provider.town])),
                }
                for provider in found
            ]
        }
    )


@provider_view
@require_safe
def home(request):
    """A provider's home: its partner schools, each with how many mentors the provider sees there."""
    provider = request.provider
    schools = partnership_selectors.partner_schools_with_mentors(provider)
    page = Paginator(schools, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        [
            format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("providers:school", kwargs={"code": provider.code, "urn": school.urn}),
                school.name,
            ),
            str(school.urn),
            school.town,
            school.get_phase_of_education_code_display(),
            number(school.mentor_count),
        ]
        for school in page
    ]
    return render(
        request,
        "providers/home.html",
        {
            "provider": provider,
            "page": page,
            "columns": SCHOOL_COLUMNS,
            "rows": rows,
            "table_caption": f"Partner schools of {provider.name}",
            "pagination": govuk_pagination(page, request.GET),
        },
    )


@provider_view
@require_safe
def partner_school(request, urn):
    """A partner school's current mentors, as the school shows them to its providers: read only."""
    provider = request.provider
    school = partnership_selectors.partner_school(provider, urn)
    search = PartnerMentorSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    mentors = mentor_selectors.shown_to_providers(school, query)
    page = Paginator(mentors, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        [
            mentor.full_name,
            mentor.trn,
            mentor.subject.name,
            mentor.age_range.name,
            mentor.key_stage.name,
            govuk_date(mentor.date_started_mentoring) if mentor.date_started_mentoring else "Not known",
        ]
        for mentor in page
    ]
    return render(
        request,
        "providers/partner_school.html",
        {
            "provider": provider,
            "school": school,
            "search": search,
            "query": query,
            "page": page,
            "columns": MENTOR_COLUMNS,
            "rows": rows,
            "table_caption": f"Mentors at {school.name}",
            "pagination": govuk_pagination(page, request.GET),
        },
    )
