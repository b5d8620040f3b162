"""The pages of every question journey (core.journeys): a question, check your answers, the confirmation.

A domain's views decide who may use the journey and what it belongs to (its owner, say the school), then hand
over to these.
"""

from django.http import Http404
from django.shortcuts import redirect, render

from .journeys import CHANGING, CHECK_YOUR_ANSWERS, AnswerNoLongerValid


def start_journey(request, journey_class, owner):
    journey = journey_class.start(request, owner)
    return redirect(journey.url(journey.first_step()))


def _found(request, journey_class, owner, journey_id):
    """The journey, or where to go instead: a forgotten or unknown journey (an old link, an expired session,
    someone else's) starts again rather than failing; a submitted one shows its confirmation."""
    journey = journey_class.find(request, owner, journey_id)
    if journey is None:
        return None, redirect(journey_class.start_url(owner))
    if journey.result_id:
        return journey, redirect(journey.confirmation_url())
    return journey, None


def question(request, journey_class, owner, journey_id, step, template="core/question.html", context=None):
    journey, elsewhere = _found(request, journey_class, owner, journey_id)
    if elsewhere:
        return elsewhere
    current = journey.step(step)
    if current is None:
        raise Http404
    unanswered = journey.first_unanswered_step()
    if unanswered and journey.is_before(unanswered.slug, step):
        return redirect(journey.url(unanswered.slug))

    changing = CHANGING in request.GET
    form = journey.form(current, data=request.POST) if request.method == "POST" else journey.form_to_show(current)
    if request.method == "POST" and form.is_valid():
        journey.answered(current, form)
    if request.method == "POST" and form.is_valid():
        journey.save(current, form)
        if changing:
            unanswered = journey.first_unanswered_step()
            return redirect(
                journey.url(unanswered.slug, changing=True) if unanswered else journey.url(CHECK_YOUR_ANSWERS)
            )
        return redirect(journey.url(journey.next_step(step)))

    previous = journey.previous_step(step)
    if changing:
        back_url = journey.url(CHECK_YOUR_ANSWERS)
    elif previous:
        back_url = journey.url(previous)
    else:
        back_url = journey.exit_url()
    return render(
        request,
        template,
        {"form": form, "back_url": back_url, "caption": journey.caption, "journey": journey, **(context or {})},
    )


def check_your_answers(request, journey_class, owner, journey_id, template, context=None):
    journey, elsewhere = _found(request, journey_class, owner, journey_id)
    if elsewhere:
        return elsewhere
    if journey.finish_if_submitted():
        return redirect(journey.confirmation_url())
    unanswered = journey.first_unanswered_step()
    if unanswered:
        return redirect(journey.url(unanswered.slug))
    if request.method == "POST":
        try:
            result = journey.submit()
        except AnswerNoLongerValid as changed:
            # Someone changed the data meanwhile: the step's question, asked again, says what.
            return redirect(journey.url(changed.step, changing=True))
        journey.finish(result)
        return redirect(journey.confirmation_url())
    back_url = journey.url(journey.previous_step(CHECK_YOUR_ANSWERS))
    return render(
        request, template, {"summary": journey.summary(), "back_url": back_url, "journey": journey, **(context or {})}
    )


def confirmation(request, journey_class, owner, journey_id, template, context=None):
    journey = journey_class.find(request, owner, journey_id)
    if journey is None:
        return redirect(journey_class.start_url(owner))
    if not journey.result_id:
        unanswered = journey.first_unanswered_step()
        return redirect(journey.url(unanswered.slug if unanswered else CHECK_YOUR_ANSWERS))
    return render(request, template, {"result": journey.result(), "journey": journey, **(context or {})})
