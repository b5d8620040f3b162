"""Adding a mentor: the add-mentor journey's pages (mentors.journeys, on the shared journey pages in core.views)."""

from django.views.decorators.http import require_http_methods, require_safe

from core import views as journey_pages
from schools.decorators import school_view

from .. import permissions
from ..journeys import AddMentorJourney

coordinators_only = school_view(permission=permissions.can_add_mentor)


@coordinators_only
@require_safe
def start_adding(request):
    return journey_pages.start_journey(request, AddMentorJourney, request.school)


@require_http_methods(["GET", "POST"])
@coordinators_only
def add_mentor_step(request, journey_id, step):
    return journey_pages.question(request, AddMentorJourney, request.school, journey_id, step)


@require_http_methods(["GET", "POST"])
@coordinators_only
def check_your_answers(request, journey_id):
    return journey_pages.check_your_answers(
        request, AddMentorJourney, request.school, journey_id, "mentors/add/check_your_answers.html"
    )


@coordinators_only
@require_safe
def confirmation(request, journey_id):
    return journey_pages.confirmation(
        request, AddMentorJourney, request.school, journey_id, "mentors/add/confirmation.html"
    )
