"""A mentor's trainees, from their details page: adding one, changing their details, and ending their mentoring."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from partnerships.selectors import partner_providers
from schools.decorators import school_view

from .. import forms, permissions, selectors, services


def _mentor_for_trainees(request, mentor_id):
    """The school's mentor, if the user may record their trainees (403 otherwise)."""
    mentor = selectors.mentor_at(request.school, mentor_id)
    if not permissions.can_manage_trainees(request.user, mentor):
        raise PermissionDenied
    return mentor


@require_http_methods(["GET", "POST"])
@school_view(permission=permissions.can_view_mentors)
def add_trainee(request, mentor_id):
    mentor = _mentor_for_trainees(request, mentor_id)
    return _trainee_page(request, mentor, assignment=None)


@require_http_methods(["GET", "POST"])
@school_view(permission=permissions.can_view_mentors)
def change_trainee(request, mentor_id, trainee_id):
    mentor = _mentor_for_trainees(request, mentor_id)
    return _trainee_page(request, mentor, assignment=selectors.trainee_of(mentor, trainee_id))


def _trainee_page(request, mentor, assignment):
    providers = partner_providers(request.school)
    back_url = _trainees_url(mentor)
    context = {"mentor": mentor, "school": request.school, "back_url": back_url, "caption": mentor.full_name}
    if not providers.exists():
        return render(request, "mentors/trainees/no_partner_providers.html", context)
    initial = {}
    if assignment is not None:
        initial = {name: getattr(assignment, name) for name in forms.TraineeForm.base_fields}
    form = forms.TraineeForm(request.POST if request.method == "POST" else None, initial=initial, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            if assignment is None:
                added = services.add_trainee(mentor=mentor, added_by=request.user, **form.cleaned_data)
                messages.success(request, f"{added.full_name} added as {mentor.full_name}’s trainee")
            else:
                services.change_trainee(assignment=assignment, changed_by=request.user, **form.cleaned_data)
                messages.success(request, "Trainee’s details updated")
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            return redirect(back_url)
    heading = "Add a trainee" if assignment is None else "Change trainee’s details"
    return render(
        request,
        "mentors/trainees/trainee.html",
        context
        | {"form": form, "heading": heading, "submit_label": "Add trainee" if assignment is None else "Save changes"},
    )


@require_http_methods(["GET", "POST"])
@school_view(permission=permissions.can_view_mentors)
def end_trainee(request, mentor_id, trainee_id):
    mentor = _mentor_for_trainees(request, mentor_id)
    assignment = selectors.trainee_of(mentor, trainee_id)
    form = forms.EndTraineeForm(request.POST if request.method == "POST" else None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            services.end_trainee(assignment=assignment, ended_by=request.user, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as refused:
            form.refuse(refused)
        else:
            messages.success(request, f"{assignment.full_name}’s mentoring has ended")
            return redirect(_trainees_url(mentor))
    return render(
        request,
        "mentors/trainees/end.html",
        {
            "form": form,
            "mentor": mentor,
            "assignment": assignment,
            "school": request.school,
            "back_url": _trainees_url(mentor),
        },
    )


def _trainees_url(mentor):
    return reverse("mentors:detail", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk}) + "#trainees"
