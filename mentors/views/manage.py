"""The school's mentors: the list, a mentor's details, changing any detail, and removing a mentor."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import formatting
from core.pagination import govuk_pagination
from core.summary import answer_rows, summary_row
from core.tables import Column
from mentors.templatetags.mentor_status import status_tag
from schools.decorators import school_view

from .. import forms, permissions, selectors, services
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
    "send-support": forms.SendSupportForm,
    "availability": forms.AvailabilityForm,
    "shown-to-providers": forms.ShownToProvidersForm,
}
# Set by the age range page when the new age range does not offer the mentor's key stage.
PENDING_AGE_RANGE = "age_range"
LIST_COLUMNS = [
    Column("Name"),
    Column("TRN"),
    Column("Subject"),
    Column("Age range"),
    Column("Key stage"),
    Column("Status"),
]
# What DQT's rows say where its record has nothing.
NOT_RECORDED = "Not recorded"
# Where a Change link of personal details lands: the detail's own field.
PERSONAL_DETAIL_FIELDS = {"first_name", "last_name", "trn", "email"}


@school_view(permission=permissions.can_view_mentors)
@require_safe
def mentor_list(request):
    search = forms.MentorSearchForm(request.GET)
    valid = search.is_valid()
    query = search.cleaned_data["q"] if valid else ""
    status = search.cleaned_data["status"] if valid else forms.ANY_STATUS
    reviewing = request.GET.get("review") == "due"
    mentors = selectors.with_status(selectors.search_mentors(request.school, query))
    if status:
        mentors = mentors.filter(status=status)
    if reviewing:
        mentors = selectors.due_for_review(mentors)
    page = Paginator(selectors.as_listed(mentors), MENTORS_PER_PAGE).get_page(request.GET.get("page"))
    detail_url = _detail_urls(request.school)
    rows = [
        [
            format_html('<a class="govuk-link" href="{}">{}</a>', detail_url(mentor["pk"]), mentor["full_name"]),
            mentor["trn"],
            mentor["subject__name"],
            mentor["age_range__name"],
            mentor["key_stage__name"],
            status_tag(mentor["status"]),
        ]
        for mentor in page
    ]
    columns = LIST_COLUMNS
    if reviewing:
        # Each mentor the user may review gets a checkbox, to confirm several at once.
        columns = [Column("Select"), *columns]
        rows = [
            [
                _review_checkbox(mentor)
                if permissions.can_change_mentor_led_by(request.user, request.school, mentor["lead_mentor_id"])
                else "",
                *row,
            ]
            for mentor, row in zip(page, rows, strict=True)
        ]
    return render(
        request,
        "mentors/list.html",
        {
            "school": request.school,
            "search": search,
            "query": query,
            "status": status,
            "reviewing": reviewing,
            "due_for_review": selectors.due_for_review(selectors.mentors_of(request.school)).count(),
            "page": page,
            "columns": columns,
            "rows": rows,
            "table_caption": f"Mentors at {request.school.name}",
            "pagination": govuk_pagination(page, request.GET),
            "can_add_mentors": permissions.can_add_mentor(request.user, request.school),
        },
    )


def _review_checkbox(mentor):
    return format_html(
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
        '<div class="govuk-checkboxes__item">'
        '<input class="govuk-checkboxes__input" id="mentor-{0}" name="mentors" type="checkbox" value="{0}">'
        '<label class="govuk-label govuk-checkboxes__label" for="mentor-{0}">'
        '<span class="govuk-visually-hidden">Select {1}</span></label></div></div>',
        mentor["pk"],
        mentor["full_name"],
    )


@school_view(permission=permissions.can_view_mentors)
@require_safe
def mentor_detail(request, mentor_id):
    mentor = selectors.mentor_at(request.school, mentor_id)
    values = model_to_dict(mentor) | {"subject": mentor.subject, "age_range": mentor.age_range}
    values |= {"key_stage": mentor.key_stage, "lead_mentor": mentor.lead_mentor}

    def rows(page, **fragments):
        form_class = CHANGE_PAGES[page]
        may_change = permissions.can_change_details(request.user, mentor, form_class.base_fields)
        change_url = _change_url(mentor, page) if may_change else None
        return [
            summary_row(
                answer.key, answer.value, change_url and change_url + fragments.get(answer.field, ""), answer.hidden
            )
            for answer in form_class.answers(values)
        ]

    basic_details = rows("personal-details", **{name: f"#id_{name}" for name in PERSONAL_DETAIL_FIELDS})
    basic_details += rows("subject") + rows("age-range") + rows("key-stage")
    if mentor.details_from_dqt:
        # DfE's record, not the school's to change.
        recorded = {"date_qualified": mentor.dqt_date_qualified, "qualifications": mentor.dqt_qualifications}
        from_dqt = answer_rows(forms.DateQualifiedForm, recorded, missing=NOT_RECORDED)
        from_dqt += answer_rows(forms.QualificationsForm, recorded, missing=NOT_RECORDED)
        from_dqt.append(summary_row("Induction", mentor.dqt_induction_status, missing=NOT_RECORDED))
    else:
        from_dqt = rows("date-qualified") + rows("qualifications")
    additional_details = from_dqt + [
        row
        for page in ("date-started-mentoring", "provider-training", "send-training", "send-support")
        for row in rows(page)
    ]
    additional_details += rows("subject-networks") + rows("other-experiences")
    mentoring = rows("availability") + rows("shown-to-providers")
    can_manage_trainees = permissions.can_manage_trainees(request.user, mentor)
    return render(
        request,
        "mentors/detail.html",
        {
            "school": request.school,
            "mentor": mentor,
            "basic_details": basic_details,
            "additional_details": additional_details,
            "mentoring": mentoring,
            "status": mentor.status,
            "can_review": permissions.can_review_mentor(request.user, mentor),
            "reviewed_this_term": not selectors.is_due_for_review(mentor),
            "review_url": reverse("mentors:review", kwargs={"urn": request.school.urn, "mentor_id": mentor.pk}),
            "lead_mentor": rows("lead-mentor"),
            "last_change": selectors.last_change(mentor),
            "can_remove": permissions.can_remove_mentor(request.user, mentor),
            "can_manage_trainees": can_manage_trainees,
            **_trainee_tables(mentor, can_manage_trainees),
        },
    )


TRAINEE_COLUMNS = [Column("Trainee"), Column("Accredited provider"), Column("Start date"), Column("End date")]


def _trainee_tables(mentor, can_manage):
    """The mentor's trainees as two tables' rows: those not yet ended (with Change and End links for someone who
    may use them) and those past."""
    current, past = [], []
    for assignment in selectors.trainees_of(mentor):
        row = [
            assignment.full_name,
            assignment.provider.name,
            formatting.govuk_date(assignment.starts_on),
            formatting.govuk_date(assignment.ends_on),
        ]
        if not assignment.ended and can_manage:
            kwargs = {"urn": mentor.school.urn, "mentor_id": mentor.pk, "trainee_id": assignment.pk}
            row.append(
                format_html(
                    '<ul class="govuk-summary-list__actions-list">'
                    '<li class="govuk-summary-list__actions-list-item"><a class="govuk-link" href="{}">Change'
                    '<span class="govuk-visually-hidden"> {}’s details</span></a></li>'
                    '<li class="govuk-summary-list__actions-list-item"><a class="govuk-link" href="{}">End'
                    '<span class="govuk-visually-hidden"> {}’s mentoring</span></a></li></ul>',
                    reverse("mentors:trainee-change", kwargs=kwargs),
                    assignment.full_name,
                    reverse("mentors:trainee-end", kwargs=kwargs),
                    assignment.full_name,
                )
            )
        (past if assignment.ended else current).append(row)
    current_columns = [*TRAINEE_COLUMNS, Column("Actions")] if can_manage else TRAINEE_COLUMNS
    return {
        "current_trainees": current,
        "current_trainee_columns": current_columns,
        "past_trainees": past,
        "trainee_columns": TRAINEE_COLUMNS,
    }


@require_http_methods(["GET", "POST"])
@school_view(permission=permissions.can_view_mentors)
def change_mentor(request, mentor_id, page):
    form_class = CHANGE_PAGES.get(page)
    if form_class is None:
        raise Http404
    mentor = selectors.mentor_at(request.school, mentor_id)
    if not permissions.can_change_details(request.user, mentor, form_class.base_fields):
        raise PermissionDenied

    # The mentor's details as the form would show them; a list of choices (SEND support) only if the page asks it.
    lists = [field.name for field in mentor._meta.many_to_many if field.name not in form_class.base_fields]
    current = model_to_dict(mentor, exclude=lists)
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
                # The mentor's key stage does not go with the new age range: ask for one that does, then save both.
                return redirect(f"{_change_url(mentor, 'key-stage')}?{PENDING_AGE_RANGE}={new_age_range.pk}")
        try:
            changed = services.change_mentor(mentor=mentor, changed_by=request.user, changes=changes)
        except services.MentorAlreadyAdded as duplicate:
            message = {"trn": forms.duplicate_trn_message, "email": forms.duplicate_email_message}[duplicate.field]
            form.add_error(duplicate.field, message(request.school))
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            if changed:
                messages.success(request, f"{form.title} updated")
            return redirect(_detail_url(mentor))

    back_url = _change_url(mentor, "age-range") if pending_age_range else _detail_url(mentor)
    return render(
        request,
        "core/question.html",
        {
            "form": form,
            "back_url": back_url,
            "caption": mentor.full_name,
            "school": request.school,
            "submit_label": "Save changes",
        },
    )


@school_view(permission=permissions.can_view_mentors)
@require_POST
def confirm_details(request, mentor_id=None):
    """The termly review: confirm that one mentor's details (from their details page), or several (ticked in the
    list of those not reviewed this term), are up to date."""
    if mentor_id is not None:
        chosen = [selectors.mentor_at(request.school, mentor_id)]
        back = _detail_url(chosen[0])
    else:
        ids = [value for value in request.POST.getlist("mentors") if value.isascii() and value.isdecimal()]
        chosen = list(selectors.mentors_of(request.school).filter(pk__in=ids))
        back = f"{reverse('mentors:list', kwargs={'urn': request.school.urn})}?{urlencode({'review': 'due'})}"
    if not chosen:
        messages.error(request, "Select the mentors whose details are up to date")
        return redirect(back)
    if not all(permissions.can_review_mentor(request.user, mentor) for mentor in chosen):
        raise PermissionDenied
    count = services.confirm_details_up_to_date(mentors=chosen, confirmed_by=request.user)
    if mentor_id is not None:
        messages.success(request, f"{chosen[0].full_name}’s details are confirmed as up to date")
    else:
        messages.success(request, f"{count} mentor{'s’' if count != 1 else '’s'} details confirmed as up to date")
    return redirect(back)


@require_http_methods(["GET", "POST"])
@coordinators_only
def remove_mentor(request, mentor_id):
    mentor = selectors.mentor_at(request.school, mentor_id)
    form = forms.RemoveMentorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_mentor(
                mentor=mentor,
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
    # isdecimal, not isdigit: "²" is a digit that int() refuses; and only ASCII digits, not "٣".
    value = request.GET.get(PENDING_AGE_RANGE, "")
    if page != "key-stage" or not (value.isascii() and value.isdecimal()):
        return None
    return selectors.age_ranges_for_school(request.school).filter(pk=value).first()


def _detail_urls(school):
    """A function of a mentor's id giving their details page at the school: reversed once for a page of mentors, not
    once a row (a reverse costs about 40 microseconds)."""
    prefix = reverse("mentors:detail", kwargs={"urn": school.urn, "mentor_id": 0}).removesuffix("0/")
    return lambda mentor_id: f"{prefix}{int(mentor_id)}/"


def _detail_url(mentor):
    return reverse("mentors:detail", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk})


def _change_url(mentor, page):
    return reverse("mentors:change", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk, "page": page})
