"""The school's mentors: the list, a mentor's details, changing any detail, and removing a mentor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from pages.pagination import govuk_pagination
from schools.decorators import school_view

from .. import forms, selectors, services
from .add import coordinators_only

MENTORS_PER_PAGE = 25

# Each change page, by the slug in its URL: the same question forms as the add-mentor journey, and more.
CHANGE_PAGES = {
    "personal-details": forms.PersonalDetailsForm,
    "subject": forms.SubjectForm,
    "age-range": forms.AgeRangeForm,
    "key-stage": forms.KeyStageForm,
    "date-qualified": forms.DateQualifiedForm,
    "qualifications": forms.QualificationsForm,
    "date-started-mentoring": forms.DateStartedMentoringForm,
    "provider-training": forms.ProviderTrainingForm,
    "send-training": forms.SendTrainingForm,
    "subject-networks": forms.SubjectNetworksForm,
    "other-experiences": forms.OtherExperiencesForm,
    "lead-mentor": forms.LeadMentorForm,
}
# Choosing a lead mentor is for coordinators, whoever else may change the mentor.
COORDINATOR_PAGES = {"lead-mentor"}
# Details that come from the Database of Qualified Teachers, once it has the mentor's record.
DQT_PAGES = {"date-qualified", "qualifications"}
# Set by the age range page when the new age range does not offer the mentor's key stage.
PENDING_AGE_RANGE = "age_range"

TABLE_HEAD = [{"text": "Name"}, {"text": "TRN"}, {"text": "Subject"}, {"text": "Age range"}, {"text": "Key stage"}]


@school_view
@require_safe
def mentor_list(request):
    search = forms.MentorSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    mentors = selectors.search_mentors(request.school, query)
    page = Paginator(mentors, MENTORS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        [
            {"html": format_html('<a class="govuk-link" href="{}">{}</a>', _detail_url(mentor), mentor.full_name)},
            {"text": mentor.trn},
            {"text": mentor.subject.name},
            {"text": mentor.age_range.name},
            {"text": mentor.key_stage.name},
        ]
        for mentor in page
    ]
    return render(
        request,
        "mentors/list.html",
        {
            "school": request.school,
            "search": search,
            "query": query,
            "page": page,
            "table": {"head": TABLE_HEAD, "rows": rows, "caption": f"Mentors at {request.school.name}"},
            "pagination": govuk_pagination(page, request.GET),
            "can_add_mentors": selectors.can_manage_mentors(request.membership),
        },
    )


@school_view
@require_safe
def mentor_detail(request, mentor_id):
    mentor = selectors.mentor_at(request.school, mentor_id)
    can_change = selectors.can_change_mentor(request.membership, mentor)

    def row(key, value, page, hidden=None, fragment=""):
        change_url = f"{_change_url(mentor, page)}{fragment}" if can_change else None
        return {"key": key, "value": value or "Not provided", "change_url": change_url, "hidden": hidden or key.lower()}

    basic_details = [
        row("First name", mentor.first_name, "personal-details", fragment="#id_first_name"),
        row("Last name", mentor.last_name, "personal-details", fragment="#id_last_name"),
        row("Teacher reference number (TRN)", mentor.trn, "personal-details", "TRN", "#id_trn"),
        row("Email address", mentor.email, "personal-details", fragment="#id_email"),
        row("Subject", mentor.subject.name, "subject"),
        row("Age range", mentor.age_range.name, "age-range"),
        row("Key stage", mentor.key_stage.name, "key-stage"),
    ]
    send_training = {True: "Yes", False: "No", None: None}[mentor.send_training]
    if mentor.send_training and mentor.send_training_details:
        send_training = f"Yes: {mentor.send_training_details}"
    if mentor.details_from_dqt:
        # DfE's record, not the school's to change.
        from_dqt = [
            {"key": "Date qualified as a teacher", "value": _date(mentor.dqt_date_qualified) or "Not recorded"},
            {"key": "Qualifications", "value": mentor.dqt_qualifications or "Not recorded"},
            {"key": "Induction", "value": mentor.dqt_induction_status or "Not recorded"},
        ]
    else:
        from_dqt = [
            row("Date qualified as a teacher", _date(mentor.date_qualified), "date-qualified"),
            row("Qualifications", mentor.qualifications, "qualifications"),
        ]
    additional_details = [
        *from_dqt,
        row("Date started mentoring", _date(mentor.date_started_mentoring), "date-started-mentoring"),
        row("Provider training", mentor.provider_training, "provider-training"),
        row("SEND training", send_training, "send-training", "SEND training"),
        row("Subject networks and associations", mentor.subject_networks, "subject-networks"),
        row("Other experiences", mentor.other_experiences, "other-experiences"),
    ]
    lead_mentor = mentor.lead_mentor.user.get_full_name() if mentor.lead_mentor else "No lead mentor"
    lead_mentor_row = {
        "key": "Lead mentor",
        "value": lead_mentor,
        "change_url": _change_url(mentor, "lead-mentor") if selectors.can_manage_mentors(request.membership) else None,
        "hidden": "lead mentor",
    }
    return render(
        request,
        "mentors/detail.html",
        {
            "school": request.school,
            "mentor": mentor,
            "basic_details": basic_details,
            "additional_details": additional_details,
            "lead_mentor": [lead_mentor_row],
            "last_change": selectors.last_change(mentor),
            "dqt_checked_on": _date(mentor.dqt_checked_at) if mentor.details_from_dqt else None,
            "can_remove": selectors.can_manage_mentors(request.membership),
        },
    )


@require_http_methods(["GET", "POST"])
@school_view
def change_mentor(request, mentor_id, page):
    form_class = CHANGE_PAGES.get(page)
    if form_class is None:
        raise Http404
    mentor = selectors.mentor_at(request.school, mentor_id)
    if (
        not selectors.can_change_mentor(request.membership, mentor)
        or (page in COORDINATOR_PAGES and not selectors.can_manage_mentors(request.membership))
        or (page in DQT_PAGES and mentor.details_from_dqt)
    ):
        raise PermissionDenied

    current = model_to_dict(mentor)
    answers = {name: "" if value is None else str(value) for name, value in current.items()}
    pending_age_range = _pending_age_range(request, page)
    if pending_age_range:
        answers["age_range"] = str(pending_age_range.pk)
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial=current,
        school=request.school,
        answers=answers,
        mentor=mentor,
    )
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        if pending_age_range:
            changes["age_range"] = pending_age_range
        new_age_range = changes.get("age_range")
        if new_age_range and mentor.key_stage not in selectors.key_stages_for_school(request.school, new_age_range):
            if "key_stage" not in changes:
                return redirect(f"{_change_url(mentor, 'key-stage')}?{PENDING_AGE_RANGE}={new_age_range.pk}")
        try:
            services.change_mentor(mentor, changed_by=request.user, **changes)
        except services.MentorAlreadyAdded:
            form.add_error("trn", forms.PersonalDetailsForm.duplicate_trn_message(request.school))
        else:
            messages.success(request, f"{form.title} updated")
            return redirect(_detail_url(mentor))

    back_url = _change_url(mentor, "age-range") if pending_age_range else _detail_url(mentor)
    return render(
        request,
        "mentors/question.html",
        {"form": form, "back_url": back_url, "caption": mentor.full_name, "school": request.school},
    )


@require_http_methods(["GET", "POST"])
@coordinators_only
def remove_mentor(request, mentor_id):
    mentor = selectors.mentor_at(request.school, mentor_id)
    form = forms.RemoveMentorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_mentor(
                mentor,
                removed_by=request.user,
                reason=form.cleaned_data["reason"],
                reason_details=form.cleaned_data["reason_details"],
            )
        except services.MentorAlreadyRemoved:
            pass  # A second click, or another coordinator: the mentor is removed either way.
        messages.success(request, f"{mentor.full_name} has been removed")
        return redirect("mentors:list", urn=request.school.urn)
    return render(
        request,
        "mentors/remove.html",
        {"form": form, "mentor": mentor, "school": request.school, "back_url": _detail_url(mentor)},
    )


def _pending_age_range(request, page):
    """The new age range a key stage is being asked for, when it is one the school may choose."""
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if page != "key-stage" or not request.GET.get(PENDING_AGE_RANGE, "").isdecimal():
        return None
    return selectors.age_ranges_for_school(request.school).filter(pk=request.GET[PENDING_AGE_RANGE]).first()


def _detail_url(mentor):
    return reverse("mentors:detail", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk})


def _change_url(mentor, page):
    return reverse("mentors:change", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk, "page": page})


def _date(value):
    return f"{value.day} {value:%B %Y}" if value else None
