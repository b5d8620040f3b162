"""What a provider's users see of their partner schools' mentors: the provider's trainees, and a search of the mentors
the schools show to providers."""

from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from core import formatting
from core.pagination import govuk_pagination
from core.tables import Column
from mentors.templatetags.mentor_status import status_tag
from providers.decorators import provider_view
from schools.selectors import itt_coordinators_of

from .. import forms, selectors

TRAINEES_PER_PAGE = 25
MENTORS_PER_PAGE = 20
TRAINEE_COLUMNS = [Column("Trainee"), Column("School"), Column("Mentor"), Column("Start date"), Column("End date")]
MENTOR_COLUMNS = [
    Column("Mentor"),
    Column("Subject and ages"),
    Column("SEND support they can offer"),
    Column("Experience"),
]
# Where the school has not said: a detail the provider can ask the school's ITT coordinator.
NOT_KNOWN = "Not known"


@provider_view
@require_safe
def trainees(request):
    page = Paginator(selectors.trainees_with(request.provider), TRAINEES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        [
            f"{trainee['first_name']} {trainee['last_name']}",
            trainee["mentor__school__name"],
            f"{trainee['mentor__first_name']} {trainee['mentor__last_name']}",
            formatting.govuk_date(trainee["starts_on"]),
            formatting.govuk_date(trainee["ends_on"]),
        ]
        for trainee in page
    ]
    return render(
        request,
        "mentors/providers/trainees.html",
        {
            "provider": request.provider,
            "page": page,
            "columns": TRAINEE_COLUMNS,
            "rows": rows,
            "pagination": govuk_pagination(page, request.GET),
        },
    )


@provider_view
@require_safe
def find_mentors(request):
    search = forms.ProviderMentorSearchForm(request.GET or None)
    filters = search.filters() if search.is_bound else {}
    found = selectors.find_for_provider(request.provider, **filters)
    page = Paginator(found, MENTORS_PER_PAGE).get_page(request.GET.get("page"))
    mentors = list(page)
    send_support = selectors.send_support_of([mentor["pk"] for mentor in mentors])
    coordinators = {}
    for membership in itt_coordinators_of({mentor["school_id"] for mentor in mentors}):
        coordinators.setdefault(membership.school_id, []).append(membership.user)
    today = timezone.localdate()
    schools = [
        {
            "name": school_name,
            "coordinators": coordinators.get(school_id, []),
            "rows": [_found_row(mentor, send_support.get(mentor["pk"]), today) for mentor in group],
        }
        for (school_id, school_name), group in groupby(
            mentors, key=lambda mentor: (mentor["school_id"], mentor["school__name"])
        )
    ]
    return render(
        request,
        "mentors/providers/find_mentors.html",
        {
            "provider": request.provider,
            "search": search,
            "searched": any(filters.values()),
            "page": page,
            "schools": schools,
            "columns": MENTOR_COLUMNS,
            "pagination": govuk_pagination(page, request.GET),
        },
    )


def _found_row(mentor, send_areas, today):
    qualified = mentor["dqt_date_qualified"] or mentor["date_qualified"]  # as Mentor.qualified_on
    started = mentor["date_started_mentoring"]
    return [
        format_html("{}<br>{}", mentor["full_name"], status_tag(mentor["status"])),
        format_html("{}<br>{}, {}", mentor["subject__name"], mentor["age_range__name"], mentor["key_stage__name"]),
        ", ".join(send_areas) if send_areas else ("None" if mentor["offers_no_send_support"] else NOT_KNOWN),
        format_html(
            "Teaching: {}<br>Mentoring: {}",
            formatting.years_since(qualified, today) if qualified else NOT_KNOWN.lower(),
            formatting.years_since(started, today) if started else NOT_KNOWN.lower(),
        ),
    ]
