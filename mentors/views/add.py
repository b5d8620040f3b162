from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from schools.decorators import school_view
from schools.models import Membership

from .. import services
from ..journeys import CHECK_YOUR_ANSWERS, FIRST_STEP, LAST_STEP, STEPS, AddMentorJourney
from ..models import Mentor

coordinators_only = school_view(roles=[Membership.Role.ITT_COORDINATOR])

# A step opened from check your answers returns there once answered.
CHANGING = "change"


def _journey_or_restart(request, journey_id):
    journey = AddMentorJourney.find(request, request.school, journey_id)
    if journey is None:
        # A forgotten or unknown journey (an old link, an expired session) starts again rather than failing.
        return None, redirect("mentors:add", urn=request.school.urn)
    if journey.mentor_id:
        return journey, redirect("mentors:add-confirmation", urn=request.school.urn, journey_id=journey.id)
    return journey, None


@coordinators_only
@require_safe
def start_adding(request):
    journey = AddMentorJourney.start(request, request.school)
    return redirect(journey.url(FIRST_STEP))


@require_http_methods(["GET", "POST"])
@coordinators_only
def add_mentor_step(request, journey_id, step):
    if step not in STEPS:
        raise Http404
    journey, elsewhere = _journey_or_restart(request, journey_id)
    if elsewhere:
        return elsewhere
    unanswered = journey.first_unanswered_step()
    if unanswered and journey.is_before(unanswered, step):
        return redirect(journey.url(unanswered))

    changing = CHANGING in request.GET
    form = journey.form(step, data=request.POST) if request.method == "POST" else journey.form_to_show(step)
    if request.method == "POST" and form.is_valid() and step == FIRST_STEP:
        lookup = services.look_up_in_trs(**form.cleaned_data)
        if lookup.error:
            form.add_error(lookup.field, lookup.error)
        else:
            journey.remember_trs_record(lookup.record)
    if request.method == "POST" and form.is_valid():
        journey.save(step, form)
        if changing:
            unanswered = journey.first_unanswered_step()
            return redirect(f"{journey.url(unanswered)}?{CHANGING}" if unanswered else journey.url(CHECK_YOUR_ANSWERS))
        return redirect(journey.url(journey.next_step(step)))

    previous = journey.previous_step(step)
    if changing:
        back_url = journey.url(CHECK_YOUR_ANSWERS)
    elif previous:
        back_url = journey.url(previous)
    else:
        back_url = reverse("mentors:list", kwargs={"urn": request.school.urn})
    return render(
        request,
        "mentors/question.html",
        {"form": form, "back_url": back_url, "caption": "Add mentor", "school": request.school},
    )


@require_http_methods(["GET", "POST"])
@coordinators_only
def check_your_answers(request, journey_id):
    journey, elsewhere = _journey_or_restart(request, journey_id)
    if elsewhere:
        return elsewhere
    unanswered = journey.first_unanswered_step()
    if unanswered:
        return redirect(journey.url(unanswered))
    answers = journey.cleaned_answers()

    if request.method == "POST":
        try:
            mentor = services.add_mentor(
                school=request.school,
                added_by=request.user,
                journey_id=journey.id,
                trs_record=journey.trs_record,
                **answers,
            )
        except services.MentorAlreadyAdded:
            # Someone else added this TRN meanwhile: the personal details page explains.
            return redirect(f"{journey.url('personal-details')}?{CHANGING}")
        journey.finish(mentor)
        return redirect("mentors:add-confirmation", urn=request.school.urn, journey_id=journey.id)

    rows = [
        ("First name", answers["first_name"], "personal-details"),
        ("Last name", answers["last_name"], "personal-details"),
        ("Teacher reference number (TRN)", answers["trn"], "personal-details"),
        ("Email address", answers["email"], "personal-details"),
        ("Subject", answers["subject"], "subject"),
        ("Age range", answers["age_range"], "age-range"),
        ("Key stage", answers["key_stage"], "key-stage"),
    ]
    summary = [
        {
            "key": key,
            "value": value,
            "change_url": f"{journey.url(step)}?{CHANGING}",
            "hidden": key[0].lower() + key[1:],
        }
        for key, value, step in rows
    ]
    return render(
        request,
        "mentors/add/check_your_answers.html",
        {"summary": summary, "school": request.school, "back_url": journey.url(LAST_STEP)},
    )


@coordinators_only
@require_safe
def confirmation(request, journey_id):
    journey = AddMentorJourney.find(request, request.school, journey_id)
    if journey is None:
        return redirect("mentors:add", urn=request.school.urn)
    if not journey.mentor_id:
        return redirect(journey.url(journey.first_unanswered_step() or CHECK_YOUR_ANSWERS))
    mentor = get_object_or_404(Mentor, pk=journey.mentor_id, school=request.school)
    return render(request, "mentors/add/confirmation.html", {"mentor": mentor, "school": request.school})
