"""Who may use every URL of the service, and what each actor gets: one table, checked against the whole URLconf.

The cases come from walking the URL configuration (Django admin's included) at collection time, not from the table:
every pattern, once for each change page, add-mentor step or other page its URL can name, is requested with GET and
POST by every actor. A pattern the table does not mention fails, naming it, so no page can be added without deciding
who may use it; an entry for a pattern that has gone fails too. HEAD is GET, so it has no column of its own: where
GET is refused, HEAD is sent too, and must be refused as well (or the method refused, 405).

Support staff are superusers with no school, as admin@example.com in the demo data. Django admin gives a staff user
without permissions an empty index and 403 for every model's page, so admin is checked as support staff use it.

POSTs send a valid form where the page has one (BODIES), so that a write the table refuses would show. Every request
is checked to change the database (any table but sessions) only where the table says it writes.
"""

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from fnmatch import fnmatchcase

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.middleware import INACTIVE, TIME_LIMIT
from accounts.models import User
from api.services import issue_token
from claims import payments
from claims.journeys import CONFIRM, HOURS_PREFIX, MENTORS
from claims.models import AuditSample, Claim, PayerBatch
from claims.services import accept_grant_conditions
from core.journeys import CHECK_YOUR_ANSWERS
from mentors import services as mentor_services
from mentors.journeys import STEPS as ADD_MENTOR_STEPS
from mentors.models import Mentor, RemovalReason, TraineeAssignment
from mentors.views.manage import CHANGE_PAGES
from providers.journeys import RESULTS, SEARCH
from providers.models import Provider
from reference_data.models import AgeRange, KeyStage, SendArea, Subject
from schools.models import Membership, School
from tests.support.factories import (
    ClaimWindowFactory,
    MembershipFactory,
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    TraineeAssignmentFactory,
    UserFactory,
    make_claim,
)

# The add-mentor journey's steps, by slug.
STEPS = [step.slug for step in ADD_MENTOR_STEPS]
FIRST_STEP = STEPS[0]
# The add-claim journey's steps as the world's coordinator answers it: searching for the provider without JavaScript,
# then its page of results; one hours question for the world's mentor ({mentor} is their id).
CLAIM_STEPS = [SEARCH, RESULTS, MENTORS, f"{HOURS_PREFIX}{{mentor}}", CONFIRM]
# The add-provider journey, searching without JavaScript too.
PARTNERSHIP_STEPS = [SEARCH, RESULTS]
JOURNEY_STEPS = {"mentors": STEPS, "claims": CLAIM_STEPS, "partnerships": PARTNERSHIP_STEPS}

GET, POST = "GET", "POST"
METHODS = [GET, POST]


@dataclass(frozen=True)
class Outcome:
    name: str
    status: int
    # Where a redirect must go: a function of the visit giving the URL, or a regular expression it must match.
    to: Callable | None = None
    # Whether the request changes any data. No other request may change anything.
    writes: bool = False
    # Whether the actor is turned away: then HEAD must be too, and the page must show nothing of the mentor.
    refuses: bool = False

    def __str__(self):
        return f"{self.name} ({self.status})"


# Who makes each request. A new kind of user is a new actor here, and then only the rows where it differs from a
# row's default.
ACTORS = (
    "signed_out",
    "coordinator",  # ITT coordinator of this school
    "coordinator_of_other_school",
    "lead_mentor_of_this_mentor",  # at this school, leading the mentor in the URL
    "lead_mentor_of_other_mentor",  # at this school, leading another of its mentors
    "staff",  # support staff: a superuser, member of no school
    "provider_user",  # member of the provider that is a partner of this school
    "other_provider_user",  # member of a provider that is not
)


def row(default=None, **outcomes):
    """What each actor gets: the outcomes named, and default for every other actor (all must be named without
    one)."""
    unknown = set(outcomes) - set(ACTORS)
    assert not unknown, f"No such actor: {', '.join(sorted(unknown))}"
    missing = [actor for actor in ACTORS if actor not in outcomes]
    assert default is not None or not missing, f"No outcome for {', '.join(missing)}"
    return {actor: outcomes.get(actor, default) for actor in ACTORS}


def _journey_of(visit):
    """The journey a URL is in: "mentors" (adding a mentor), "claims" (adding a claim) or "partnerships" (adding a
    provider)."""
    return visit.case.pattern.key.split(":")[0]


def _journey_url(visit, step):
    journey = _journey_of(visit)
    kwargs = {"urn": visit.values["urn"], "journey_id": visit.values["journey_id"]}
    if step == CHECK_YOUR_ANSWERS:
        return reverse(f"{journey}:add-check-your-answers", kwargs=kwargs)
    return reverse(f"{journey}:add-step", kwargs={**kwargs, "step": step})


def _next_step(visit):
    order = [_step_slug(step, visit.world) for step in JOURNEY_STEPS[_journey_of(visit)]] + [CHECK_YOUR_ANSWERS]
    return _journey_url(visit, order[order.index(visit.values["step"]) + 1])


def _step_slug(step, world):
    """A journey step's slug, with the world's mentor in it where it names one."""
    return step.format(mentor=world.mentor.pk)


def _new_journey(visit):
    journey = _journey_of(visit)
    start = reverse(f"{journey}:add", kwargs={"urn": visit.world.school.urn})
    first_step = JOURNEY_STEPS[journey][0]
    return re.compile(rf"{re.escape(start)}[0-9a-f-]{{36}}/{re.escape(first_step)}/")


def _redirect(name, to, writes=False, refuses=False):
    return Outcome(name, 302, to, writes, refuses)


def _admin_url(visit, page, *args):
    opts = visit.case.pattern.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)


OK = Outcome("OK", 200)
FORBIDDEN = Outcome("FORBIDDEN", 403, refuses=True)
NOT_FOUND = Outcome("NOT_FOUND", 404, refuses=True)
NOT_ALLOWED = Outcome("NOT_ALLOWED", 405, refuses=True)
# The payer's file, marked as downloaded: its link works once.
DOWNLOADED = Outcome("DOWNLOADED", 200, writes=True)
UNAUTHORISED = Outcome("UNAUTHORISED", 401, refuses=True)
SIGN_IN = _redirect("SIGN_IN", lambda visit: f"{reverse('accounts:sign-in')}?next={visit.url}", refuses=True)
TO_START = _redirect("TO_START", lambda visit: reverse("organisations:start"))
TO_OWN_HOME = _redirect(
    "TO_OWN_HOME", lambda visit: reverse("schools:home", kwargs={"urn": visit.world.homes[visit.case.actor].urn})
)
TO_PROVIDER_HOME = _redirect(
    "TO_PROVIDER_HOME",
    lambda visit: reverse("providers:home", kwargs={"code": visit.world.provider_homes[visit.case.actor].code}),
)
TO_MENTOR_LIST = _redirect("TO_MENTOR_LIST", lambda visit: reverse("mentors:list", kwargs={"urn": visit.values["urn"]}))
TO_SIGNED_OUT = _redirect("TO_SIGNED_OUT", lambda visit: reverse("accounts:signed-out"))
TO_SET_PASSWORD = _redirect(
    "TO_SET_PASSWORD",
    lambda visit: reverse(
        "accounts:password-reset-confirm",
        kwargs={"uidb64": visit.values["uidb64"], "token": PasswordResetConfirmView.reset_url_token},
    ),
)
TO_FAVICON = _redirect("TO_FAVICON", lambda visit: f"{settings.STATIC_URL}govuk/assets/images/favicon.ico")
TO_NEW_JOURNEY = _redirect("TO_NEW_JOURNEY", _new_journey)
TO_NEXT_STEP = _redirect("TO_NEXT_STEP", _next_step)
ADDED = _redirect(
    "ADDED",
    lambda visit: reverse("mentors:add-confirmation", kwargs={k: visit.values[k] for k in ("urn", "journey_id")}),
    writes=True,
)
CHANGED = _redirect(
    "CHANGED",
    lambda visit: reverse("mentors:detail", kwargs={k: visit.values[k] for k in ("urn", "mentor_id")}),
    writes=True,
)
REMOVED = _redirect("REMOVED", TO_MENTOR_LIST.to, writes=True)
TRAINEE_SAVED = _redirect("TRAINEE_SAVED", lambda visit: CHANGED.to(visit) + "#trainees", writes=True)
REVIEWED = _redirect("REVIEWED", CHANGED.to, writes=True)
REVIEWED_SEVERAL = _redirect(
    "REVIEWED_SEVERAL",
    lambda visit: reverse("mentors:list", kwargs={"urn": visit.values["urn"]}) + "?review=due",
    writes=True,
)
TO_DFE_SIGN_IN = _redirect(
    "TO_DFE_SIGN_IN", lambda visit: re.compile(rf"{re.escape(settings.DFE_SIGN_IN_ISSUER)}/auth\?.+")
)
# A callback from DfE Sign-in that this browser did not start.
NOT_SIGNED_IN = Outcome("NOT_SIGNED_IN", 400)
NO_ACCESS = Outcome("NO_ACCESS", 403)
TO_CLAIMS = _redirect("TO_CLAIMS", lambda visit: reverse("claims:list", kwargs={"urn": visit.values["urn"]}))
CLAIMED = _redirect(
    "CLAIMED",
    lambda visit: reverse("claims:add-confirmation", kwargs={k: visit.values[k] for k in ("urn", "journey_id")}),
    writes=True,
)
PROVIDER_ADDED = _redirect(
    "PROVIDER_ADDED",
    lambda visit: reverse("partnerships:add-confirmation", kwargs={k: visit.values[k] for k in ("urn", "journey_id")}),
    writes=True,
)
PROVIDER_REMOVED = _redirect(
    "PROVIDER_REMOVED", lambda visit: reverse("partnerships:list", kwargs={"urn": visit.values["urn"]}), writes=True
)
ADMIN_SIGN_IN = _redirect("ADMIN_SIGN_IN", lambda visit: f"{reverse('admin:login')}?next={visit.url}", refuses=True)
TO_CLAIM = _redirect(
    "TO_CLAIM", lambda visit: reverse("claims:detail", kwargs={k: visit.values[k] for k in ("urn", "claim_id")})
)
TO_PROVIDER_CLAIM = _redirect(
    "TO_PROVIDER_CLAIM",
    lambda visit: reverse("claims:provider-claim", kwargs={k: visit.values[k] for k in ("code", "claim_id")}),
)
ADMIN_TO_INDEX = _redirect("ADMIN_TO_INDEX", lambda visit: reverse("admin:index"))
ADMIN_TO_CHANGE = _redirect("ADMIN_TO_CHANGE", lambda visit: _admin_url(visit, "change", visit.values["object_id"]))


def both(row):
    """The same for GET and POST."""
    return {GET: row, POST: row}


def reads_only(get):
    """A page that only reads: POST is refused (405) to whoever may read it, and turned away as GET is from others."""
    return {GET: get, POST: {actor: outcome if outcome.refuses else NOT_ALLOWED for actor, outcome in get.items()}}


def everyone(outcome):
    return row(default=outcome)


def at_school(coordinator, lead_mentor, other_lead_mentor):
    """A page under /schools/<urn>/: signed-out users sign in; everyone else who is not at the school (other
    schools' users, staff) finds nothing."""
    return row(
        signed_out=SIGN_IN,
        coordinator=coordinator,
        lead_mentor_of_this_mentor=lead_mentor,
        lead_mentor_of_other_mentor=other_lead_mentor,
        default=NOT_FOUND,
    )


def at_provider(provider_user):
    """A page under /providers/<code>/: signed-out users sign in; everyone not at the provider finds nothing."""
    return row(signed_out=SIGN_IN, provider_user=provider_user, default=NOT_FOUND)


def coordinators_only(outcome):
    return at_school(outcome, FORBIDDEN, FORBIDDEN)


def admin_page(staff_get, staff_post=None, signed_out=SIGN_IN):
    """A model's page in Django admin, for staff only. Other users are sent to admin's sign-in page; signed-out
    users to the service's, as Django's ModelAdmin names no sign-in page for LoginRequiredMiddleware."""
    return {
        GET: row(signed_out=signed_out, staff=staff_get, default=ADMIN_SIGN_IN),
        POST: row(signed_out=signed_out, staff=staff_post or staff_get, default=ADMIN_SIGN_IN),
    }


def admin_site_page(staff_get, staff_post=None):
    """One of admin's own pages, for staff only: everyone else is sent to admin's sign-in page."""
    return admin_page(staff_get, staff_post, signed_out=ADMIN_SIGN_IN)


# A mentor's trainee pages: for whoever may change the mentor.
TRAINEES = {GET: at_school(OK, OK, FORBIDDEN), POST: at_school(TRAINEE_SAVED, TRAINEE_SAVED, FORBIDDEN)}

# Keys are namespace:name, or namespace:route for an unnamed pattern; [value] picks one page of a pattern (a change
# page, an add step), overriding the pattern's entry. A key with * covers every pattern it matches (the longest wins).
TABLE = {
    # Information pages: for anyone, signed in or not.
    "pages:favicon.ico": {GET: everyone(TO_FAVICON), POST: everyone(NOT_ALLOWED)},
    "pages:accessibility": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    "pages:cookies": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    "pages:privacy": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    # The platform's health checks: for anyone, read only.
    "health:healthcheck": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    "health:ready": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    # Signing in and out, and resetting a password: for anyone (an empty form is answered with its errors).
    "accounts:sign-in": both(row(signed_out=OK, default=TO_START)),
    "accounts:sign-out": {
        GET: row(signed_out=SIGN_IN, default=NOT_ALLOWED),
        POST: row(signed_out=SIGN_IN, default=TO_SIGNED_OUT),
    },
    "accounts:signed-out": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    # Said after a session times out; to someone signed in again, it no longer applies.
    "accounts:signed-out-automatically": {GET: row(signed_out=OK, default=TO_START), POST: everyone(NOT_ALLOWED)},
    "accounts:password-reset": both(everyone(OK)),
    "accounts:password-reset-sent": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    # The link from the email: whoever has it may set that account's password.
    "accounts:password-reset-confirm": both(everyone(TO_SET_PASSWORD)),
    "accounts:password-reset-complete": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    # An invitation's link: whoever has it may set that account's password (the world's token is a password reset's,
    # not an invitation's, so the page says the link has expired).
    "accounts:invitation": both(everyone(OK)),
    # The payer's link to a file of claims: whoever has it downloads the file, once (each case has a new link).
    "claims:payer-download": {GET: everyone(DOWNLOADED), POST: everyone(NOT_ALLOWED)},
    # Signing in with DfE Sign-in: there only when it is configured (DFE_SIGN_IN_TABLE says what its pages do then).
    "accounts:dfe-sign-in": both(everyone(NOT_FOUND)),
    "accounts:dfe-sign-in-callback": both(everyone(NOT_FOUND)),
    "accounts:dfe-sign-in-no-access": both(everyone(NOT_FOUND)),
    # Choosing an organisation: each user among their own schools and providers. Staff belong to none, and are told
    # so.
    "organisations:start": reads_only(
        row(
            signed_out=SIGN_IN,
            staff=OK,
            provider_user=TO_PROVIDER_HOME,
            other_provider_user=TO_PROVIDER_HOME,
            default=TO_OWN_HOME,
        )
    ),
    # Each actor belongs to one organisation at most: one is no choice, so they are taken to it.
    "organisations:change": both(
        row(
            signed_out=SIGN_IN,
            staff=OK,
            provider_user=TO_PROVIDER_HOME,
            other_provider_user=TO_PROVIDER_HOME,
            default=TO_OWN_HOME,
        )
    ),
    # What GIAS says of the school, its SEN provision included: everyone at the school sees it.
    "schools:details": reads_only(at_school(OK, OK, OK)),
    "schools:home": reads_only(at_school(TO_MENTOR_LIST, TO_MENTOR_LIST, TO_MENTOR_LIST)),
    # The school's mentors: everyone at the school sees them.
    "mentors:list": reads_only(at_school(OK, OK, OK)),
    "mentors:detail": reads_only(at_school(OK, OK, OK)),
    # Accredited providers are public: anyone signed in may search them (the provider autocomplete).
    "providers:search": reads_only(row(signed_out=SIGN_IN, default=OK)),
    # A provider's pages: its users see its partner schools and their mentors; nobody else finds them.
    "providers:home": reads_only(at_provider(OK)),
    "providers:school": reads_only(at_provider(OK)),
    # A school's providers: everyone at the school sees them; coordinators add and remove them.
    "partnerships:list": reads_only(at_school(OK, OK, OK)),
    "partnerships:add": reads_only(coordinators_only(TO_NEW_JOURNEY)),
    "partnerships:add-step": {GET: coordinators_only(OK), POST: coordinators_only(TO_NEXT_STEP)},
    "partnerships:add-check-your-answers": {GET: coordinators_only(OK), POST: coordinators_only(PROVIDER_ADDED)},
    "partnerships:add-confirmation": reads_only(coordinators_only(OK)),
    "partnerships:remove": {GET: coordinators_only(OK), POST: coordinators_only(PROVIDER_REMOVED)},
    # A lead mentor changes the mentors they lead, and no others.
    "mentors:change": {GET: at_school(OK, OK, FORBIDDEN), POST: at_school(CHANGED, CHANGED, FORBIDDEN)},
    # Choosing a lead mentor is for coordinators, even for the mentor's own lead mentor.
    "mentors:change[lead-mentor]": {GET: coordinators_only(OK), POST: coordinators_only(CHANGED)},
    "mentors:remove": {GET: coordinators_only(OK), POST: coordinators_only(REMOVED)},
    # A mentor's trainees: whoever may change the mentor records them (a lead mentor, only for those they lead).
    "mentors:trainee-add": TRAINEES,
    "mentors:trainee-change": TRAINEES,
    "mentors:trainee-end": TRAINEES,
    # A provider's users see its trainees at its partner schools, and search the mentors the schools show them.
    "mentors:provider-trainees": reads_only(at_provider(OK)),
    "mentors:provider-search": reads_only(at_provider(OK)),
    # The termly review: whoever may change the mentor confirms their details; a POST only.
    "mentors:review": {
        GET: at_school(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        POST: at_school(REVIEWED, REVIEWED, FORBIDDEN),
    },
    # Several at once, from the list: only those the user may change (another lead mentor's is refused).
    "mentors:review-several": {
        GET: at_school(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        POST: at_school(REVIEWED_SEVERAL, REVIEWED_SEVERAL, FORBIDDEN),
    },
    # Adding a mentor is for coordinators, in a journey of their own (see test_a_journey_is_its_starters_only).
    "mentors:add": reads_only(coordinators_only(TO_NEW_JOURNEY)),
    "mentors:add-step": {GET: coordinators_only(OK), POST: coordinators_only(TO_NEXT_STEP)},
    "mentors:add-check-your-answers": {GET: coordinators_only(OK), POST: coordinators_only(ADDED)},
    "mentors:add-confirmation": reads_only(coordinators_only(OK)),
    # A school's claims: everyone at the school sees them and the grant conditions.
    "claims:list": reads_only(at_school(OK, OK, OK)),
    "claims:detail": reads_only(at_school(OK, OK, OK)),
    # Coordinators accept the grant conditions for the school, once: the world's school has, so accepting again
    # changes nothing.
    "claims:grant-conditions": {GET: at_school(OK, OK, OK), POST: coordinators_only(TO_CLAIMS)},
    # Adding a claim is for coordinators, in a journey of their own, while a claim window is open.
    "claims:add": reads_only(coordinators_only(TO_NEW_JOURNEY)),
    "claims:add-step": {GET: coordinators_only(OK), POST: coordinators_only(TO_NEXT_STEP)},
    "claims:add-check-your-answers": {GET: coordinators_only(OK), POST: coordinators_only(CLAIMED)},
    "claims:add-confirmation": reads_only(coordinators_only(OK)),
    # Answering a provider's rejection is for coordinators; the world's claim has none to answer, so back to it.
    "claims:respond": both(coordinators_only(TO_CLAIM)),
    # Checking and submitting a draft support staff made is for coordinators; the world's claim is submitted already,
    # so back to it.
    "claims:submit-draft": both(coordinators_only(TO_CLAIM)),
    # A provider's claims, for its own users only. The world's claim awaits no audit: answering one goes back to it.
    "claims:provider-list": reads_only(at_provider(OK)),
    "claims:provider-claim": {GET: at_provider(OK), POST: at_provider(TO_PROVIDER_CLAIM)},
    # Reports of every school: DfE's staff only; anyone else finds nothing.
    "reports:mentors": reads_only(row(signed_out=SIGN_IN, staff=OK, default=NOT_FOUND)),
    "reports:funding": reads_only(row(signed_out=SIGN_IN, staff=OK, default=NOT_FOUND)),
    # A provider's reports: its users only.
    "reports:provider-mentors": reads_only(at_provider(OK)),
    "reports:provider-funding": reads_only(at_provider(OK)),
    # The API answers a provider's token only (tests/api/test_api_authorisation.py has a table of tokens): anyone
    # without one, signed in or not, is unauthorised. Its description and documentation are public.
    "api:mentors": {GET: everyone(UNAUTHORISED), POST: everyone(NOT_ALLOWED)},
    "api:claims": {GET: everyone(UNAUTHORISED), POST: everyone(NOT_ALLOWED)},
    "api:schema": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    "api:docs": {GET: everyone(OK), POST: everyone(NOT_ALLOWED)},
    # Django admin, for staff only. Admin's own pages:
    "admin:index": admin_site_page(OK),
    "admin:app_list": admin_site_page(OK),
    # Anyone may try to sign in; staff already have.
    "admin:login": {GET: row(staff=ADMIN_TO_INDEX, default=OK), POST: everyone(OK)},
    # Django sends a signed-in user who is not staff to admin's index, and so to its sign-in page.
    "admin:logout": {
        GET: row(signed_out=ADMIN_SIGN_IN, staff=NOT_ALLOWED, default=ADMIN_TO_INDEX),
        POST: row(signed_out=ADMIN_SIGN_IN, staff=TO_SIGNED_OUT, default=ADMIN_TO_INDEX),
    },
    "admin:password_change": admin_site_page(OK),
    "admin:password_change_done": admin_site_page(OK, NOT_ALLOWED),
    "admin:jsi18n": admin_site_page(OK, NOT_ALLOWED),
    # Autocomplete answers only a GET naming the field it completes.
    "admin:autocomplete": admin_site_page(FORBIDDEN, NOT_ALLOWED),
    # No model has a page on the service to view.
    "admin:view_on_site": admin_site_page(NOT_FOUND),
    "admin:(?P<url>.*)$": admin_site_page(NOT_FOUND),
    # Every model's pages (an empty form is answered with its errors, or a delete with its confirmation page).
    "admin:*": admin_page(OK),
    # An object's own address opens its change page.
    "admin:*/<path:object_id>/": admin_page(ADMIN_TO_CHANGE),
    # Emails are recorded by the service only: admin shows them, and cannot change them.
    # A user's place at a provider is added or deleted, never changed: nor reverted to a past version.
    "admin:providers_providermembership_simple_history": admin_page(OK, FORBIDDEN),
    "admin:emails_email_add": admin_page(FORBIDDEN),
    "admin:emails_email_change": admin_page(OK, FORBIDDEN),
    # They are the record of what the service sent: nobody deletes them.
    "admin:emails_email_delete": admin_page(FORBIDDEN),
    # Claims and acceptances of the grant conditions are made by the service only: admin shows them.
    "admin:claims_claim_add": admin_page(FORBIDDEN),
    "admin:claims_claim_change": admin_page(OK, FORBIDDEN),
    "admin:claims_claim_delete": admin_page(FORBIDDEN),
    # Support staff enter a clawback's hours: the world's claim awaits none, so they are sent back to it.
    "admin:claims_claim_clawback": admin_page(ADMIN_TO_CHANGE),
    # Support staff make a draft claim for a school (an empty form is answered with its errors).
    "admin:claims_claim_draft": admin_page(OK),
    # Audit samples are drawn by an action on claim windows, or listed here.
    "admin:claims_auditsample_add": admin_page(FORBIDDEN),
    "admin:claims_auditsample_change": admin_page(OK, FORBIDDEN),
    "admin:claims_auditsample_delete": admin_page(FORBIDDEN),
    "admin:claims_auditsample_listed": admin_page(OK),
    # The claims list's CSV export only reads.
    "admin:claims_claim_export": admin_page(OK, NOT_ALLOWED),
    # Files sent to the payer are made by an action on claim windows; the payer's answer is uploaded to one.
    "admin:claims_payerbatch_add": admin_page(FORBIDDEN),
    "admin:claims_payerbatch_change": admin_page(OK, FORBIDDEN),
    "admin:claims_payerbatch_delete": admin_page(FORBIDDEN),
    "admin:claims_payerbatch_answer": admin_page(OK),
    "admin:claims_grantconditionsacceptance_add": admin_page(FORBIDDEN),
    "admin:claims_grantconditionsacceptance_change": admin_page(OK, FORBIDDEN),
    "admin:claims_grantconditionsacceptance_delete": admin_page(FORBIDDEN),
    # A user's place at a provider is added (inviting a new user) or deleted, never changed.
    "admin:providers_providermembership_change": admin_page(OK, FORBIDDEN),
    # django-axes records failed sign-ins, as emails.
    "admin:axes_accessattempt_add": admin_page(FORBIDDEN),
    "admin:axes_accessattempt_change": admin_page(OK, FORBIDDEN),
    # API tokens are issued in admin and revoked, never deleted.
    "admin:api_apitoken_delete": admin_page(FORBIDDEN),
    # django-tasks-db's tasks are read-only in admin.
    "admin:django_tasks_database_dbtaskresult_add": admin_page(FORBIDDEN),
    "admin:django_tasks_database_dbtaskresult_change": admin_page(OK, FORBIDDEN),
    "admin:django_tasks_database_dbtaskresult_delete": admin_page(FORBIDDEN),
}

# With DfE Sign-in configured (the stand-in provider), its pages, which only read: for people not yet signed in.
DFE_SIGN_IN_TABLE = {
    "accounts:dfe-sign-in": reads_only(row(signed_out=TO_DFE_SIGN_IN, default=TO_START)),
    "accounts:dfe-sign-in-callback": reads_only(row(signed_out=NOT_SIGNED_IN, default=TO_START)),
    "accounts:dfe-sign-in-no-access": reads_only(row(signed_out=NO_ACCESS, default=TO_START)),
}


def _pk(model, name):
    return str(model.objects.get(name=name).pk)


def _date(name, day, month, year):
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def _trainee(world):
    """A trainee of the world's provider, from yesterday for a year."""
    today = timezone.localdate()
    yesterday, next_year = today - timedelta(days=1), today + timedelta(days=365)
    return {
        "first_name": "Aisha",
        "last_name": "Bello",
        "provider": world.provider.pk,
        **_date("starts_on", yesterday.day, yesterday.month, yesterday.year),
        **_date("ends_on", next_year.day, next_year.month, next_year.year),
    }


# What each POST sends, by the same keys as TABLE: a valid form where the page has one. Others send nothing.
BODIES = {
    "organisations:change": lambda world: {"organisation": f"school:{world.school.urn}"},
    "mentors:remove": lambda world: {"reason": RemovalReason.LEFT_SCHOOL},
    "mentors:review-several": lambda world: {"mentors": [world.mentor.pk]},
    "mentors:change[send-support]": lambda world: {"send_support": [_pk(SendArea, "Cognition and learning")]},
    "mentors:change[availability]": lambda world: {"unavailable": "yes", "unavailable_reason": "On leave"},
    "mentors:change[shown-to-providers]": lambda world: {"shown_to_providers": "no"},
    "mentors:change[personal-details]": lambda world: {
        "first_name": "Adaeze",
        "last_name": world.mentor.last_name,
        "trn": world.mentor.trn,
        "email": world.mentor.email,
    },
    "mentors:change[subject]": lambda world: {"subject": _pk(Subject, "Primary with science")},
    "mentors:change[age-range]": lambda world: {"age_range": _pk(AgeRange, "7 to 11")},
    "mentors:change[key-stage]": lambda world: {"key_stage": _pk(KeyStage, "Key stage 1")},
    "mentors:change[date-qualified]": lambda world: _date("date_qualified", "1", "7", "2015"),
    "mentors:change[qualifications]": lambda world: {"qualifications": "QTS, PGCE"},
    "mentors:change[date-started-mentoring]": lambda world: _date("date_started_mentoring", "2", "9", "2019"),
    "mentors:change[provider-training]": lambda world: {"provider_training": "Leeds SCITT mentor training"},
    "mentors:change[send-training]": lambda world: {"send_training": "yes", "send_training_details": "Autism"},
    "mentors:change[subject-networks]": lambda world: {"subject_networks": "Primary Science Teaching Trust"},
    "mentors:change[other-experiences]": lambda world: {"other_experiences": "Head of year"},
    "mentors:change[lead-mentor]": lambda world: {"lead_mentor": world.other_lead_mentor.pk},
    "mentors:trainee-add": lambda world: _trainee(world),
    "mentors:trainee-change": lambda world: _trainee(world) | {"first_name": "Leon"},
    "mentors:trainee-end": lambda world: {"ended": "today"},
    # Also how the coordinator's journey is answered.
    "mentors:add-step[personal-details]": lambda world: {
        "first_name": "Grace",
        "last_name": "Hopper",
        "trn": "2000001",
        "email": "grace.hopper@example.com",
    },
    "mentors:add-step[subject]": lambda world: {"subject": _pk(Subject, "Primary")},
    "mentors:add-step[age-range]": lambda world: {"age_range": _pk(AgeRange, "5 to 11")},
    "mentors:add-step[key-stage]": lambda world: {"key_stage": _pk(KeyStage, "Key stage 2")},
    # Also how the coordinator's claim is answered.
    f"claims:add-step[{SEARCH}]": lambda world: {"provider": world.provider.name},
    f"claims:add-step[{RESULTS}]": lambda world: {"provider": world.provider.code},
    f"claims:add-step[{MENTORS}]": lambda world: {"mentors": [world.mentor.pk]},
    f"claims:add-step[{HOURS_PREFIX}{{mentor}}]": lambda world: {"hours": "another", "other_hours": "10"},
    f"claims:add-step[{CONFIRM}]": lambda world: {"confirmed": "confirmed"},
    # Also how the coordinator adds a provider.
    f"partnerships:add-step[{SEARCH}]": lambda world: {"provider": world.new_provider.name},
    f"partnerships:add-step[{RESULTS}]": lambda world: {"provider": world.new_provider.code},
}

# The journey each add-mentor page is opened with: the confirmation once it has added the mentor, the others with
# every question answered. The coordinator of this school starts it, so it is in nobody else's session.
FINISHED_JOURNEY_PAGES = {"mentors:add-confirmation", "claims:add-confirmation", "partnerships:add-confirmation"}


def _admin_object(world, case):
    """What an admin page is about: the first object of its model, or the mentor for a page about any object."""
    model = case.pattern.model
    if model is None:
        return world.mentor
    found = model._default_manager.order_by("pk").first()
    if found is None:
        pytest.fail(f"No {model._meta.label} to open {case.pattern.key} with: make one in the world fixture")
    return found


# Each path parameter's value, from the world's real objects.
PATH_VALUES = {
    "urn": lambda world, case: world.school.urn,
    "mentor_id": lambda world, case: world.mentor.pk,
    "journey_id": lambda world, case: world.journey(
        case.pattern.key.split(":")[0], finished=case.pattern.key in FINISHED_JOURNEY_PAGES
    ),
    "claim_id": lambda world, case: world.claim.pk,
    # The school's partner provider (whose pages provider_user sees).
    "trainee_id": lambda world, case: world.trainee.pk,
    "code": lambda world, case: world.provider.code,
    "uidb64": lambda world, case: urlsafe_base64_encode(force_bytes(world.password_reset_user.pk)),
    "token": lambda world, case: default_token_generator.make_token(world.password_reset_user),
    "link": lambda world, case: payments.download_link(PayerBatch.objects.get()).rsplit("/", 2)[-2],
    "object_id": lambda world, case: _admin_object(world, case).pk,
    "id": lambda world, case: _admin_object(world, case).pk,
    "history_id": lambda world, case: _admin_object(world, case).history.earliest("history_id").history_id,
    "content_type_id": lambda world, case: ContentType.objects.get_for_model(_admin_object(world, case)).pk,
    # Admin's catch-all: an address no admin page has.
    "url": lambda world, case: "no-such-page/",
}
# Path parameters that choose between pages of one pattern, from the code that defines them: a case for each.
PATH_VARIANTS = {
    "page": list(CHANGE_PAGES),
    "step": {"mentors:add-step": STEPS, "claims:add-step": CLAIM_STEPS, "partnerships:add-step": PARTNERSHIP_STEPS},
    "reason": [INACTIVE, TIME_LIMIT],
    "app_label": sorted({model._meta.app_label for model in admin.site._registry}),
}
# Regular expression patterns' unnamed groups, named in order.
UNNAMED_GROUPS = {"admin:*_simple_history": ("object_id", "history_id")}

# A converter (<int:urn>), or a regular expression's group, named ((?P<name>...)) or not.
PARAMETER = re.compile(r"<(?:\w+:)?(?P<converter>\w+)>|\((?:\?P<(?P<group>\w+)>)?[^()]*\)")


@dataclass(frozen=True)
class Pattern:
    key: str
    levels: tuple[str, ...]  # each included level's route or regular expression, outermost first
    parameters: tuple[str | None, ...]  # None for an unnamed group UNNAMED_GROUPS does not name
    callback: Callable
    model: type | None  # the model whose admin pages these are

    def url(self, values):
        values = iter(values)
        parts = [
            PARAMETER.sub(lambda _: str(next(values)), level.removeprefix("^").removesuffix("$"))
            for level in self.levels
        ]
        return "/" + re.sub(r"\\(.)", r"\1", "".join(parts))


def _parameters(key, levels):
    unnamed = iter(next((names for rule, names in UNNAMED_GROUPS.items() if fnmatchcase(key, rule)), ()))
    return tuple(
        match["converter"] or match["group"] or next(unnamed, None)
        for level in levels
        for match in PARAMETER.finditer(level)
    )


def _admin_model(route):
    for model in admin.site._registry:
        if route.startswith(f"{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def walk(resolver, levels=(), namespace="", local=""):
    """Every URL pattern under the resolver; local is the route since the innermost namespace, for unnamed ones."""
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from walk(entry, (*levels, route), inner, "" if entry.namespace else local + route)
            continue
        name = entry.name or local + route
        key = f"{namespace}:{name}" if namespace else name
        model = _admin_model(local + route) if namespace == "admin" else None
        yield Pattern(key, (*levels, route), _parameters(key, (*levels, route)), entry.callback, model)


@dataclass(frozen=True)
class Case:
    pattern: Pattern
    variant: tuple[tuple[str, str], ...]  # the values of PATH_VARIANTS' parameters
    method: str
    actor: str

    @property
    def key(self):
        if not self.variant:
            return self.pattern.key
        return f"{self.pattern.key}[{','.join(value for _, value in self.variant)}]"

    def __str__(self):
        return f"{self.key}-{self.method}-{self.actor}"


def _variants(name, pattern):
    """The values of a path parameter that chooses between pages: the same for every pattern, or by pattern."""
    values = PATH_VARIANTS[name]
    return values[pattern.key] if isinstance(values, dict) else values


def _cases(patterns):
    for pattern in patterns:
        choices = [
            [(name, value) for value in _variants(name, pattern)]
            for name in pattern.parameters
            if name in PATH_VARIANTS
        ]
        for variant, method, actor in itertools.product(itertools.product(*choices), METHODS, ACTORS):
            yield Case(pattern, variant, method, actor)


PATTERNS = list(walk(get_resolver()))
CASES = list(_cases(PATTERNS))


def _entry(table, key, pattern_key):
    """The table's entry for a page of a pattern: its own, the pattern's, or the longest wildcard matching it."""
    if key in table:
        return table[key]
    if pattern_key in table:
        return table[pattern_key]
    rules = sorted((rule for rule in table if "*" in rule and fnmatchcase(key, rule)), key=len, reverse=True)
    return table[rules[0]] if rules else None


def expected_outcome(case):
    entry = _entry(TABLE, case.key, case.pattern.key)
    if entry is None:
        pytest.fail(f"{case.pattern.key} is not in TABLE: say what each actor gets from it, with GET and POST")
    if case.method not in entry:
        pytest.fail(f"{case.key} has no {case.method} row in TABLE")
    return entry[case.method][case.actor]


@dataclass
class World:
    school: School
    mentor: Mentor  # at the school, led by the lead mentor of this mentor
    provider: Provider  # accredited, the school's partner, for claims, with a trainee of the mentor
    new_provider: Provider  # accredited, not the school's partner: the one the coordinator adds
    trainee: TraineeAssignment  # the mentor's, from the provider
    claim: Claim  # the school's, for another of its mentors
    other_lead_mentor: Membership  # of the lead mentor of another mentor
    password_reset_user: User  # whose password reset link is opened
    users: dict[str, User | None]  # each actor's user
    homes: dict[str, School]  # the school each actor works in
    provider_homes: dict[str, Provider]  # the provider each provider actor works in
    clients: dict[str, Client]  # each actor's, signed in

    def client(self, actor):
        if actor not in self.clients:
            self.clients[actor] = Client()
            if self.users[actor]:
                self.clients[actor].force_login(self.users[actor])
        return self.clients[actor]

    def journey(self, kind, finished):
        """A journey (adding a mentor, or a claim: kind is "mentors" or "claims"), started and answered by the
        coordinator of the school through its pages."""
        client = self.client("coordinator")
        started = client.get(reverse(f"{kind}:add", kwargs={"urn": self.school.urn}))
        assert started.status_code == 302, f"the coordinator could not start {kind}:add"
        journey_id = resolve(started.url).kwargs["journey_id"]
        for step in JOURNEY_STEPS[kind]:
            kwargs = {"urn": self.school.urn, "journey_id": journey_id, "step": _step_slug(step, self)}
            answered = client.post(reverse(f"{kind}:add-step", kwargs=kwargs), BODIES[f"{kind}:add-step[{step}]"](self))
            assert answered.status_code == 302, f"the coordinator's {step} answer was refused"
        if finished:
            url = reverse(f"{kind}:add-check-your-answers", kwargs={"urn": self.school.urn, "journey_id": journey_id})
            assert client.post(url).status_code == 302, f"the coordinator's journey did not finish {kind}:add"
        return journey_id


@dataclass(frozen=True)
class Visit:
    world: World
    case: Case
    url: str
    values: dict  # every path parameter's value


def _build_world():
    school = SchoolFactory(name="Brookfield Primary School", primary=True)
    other_school = SchoolFactory(name="Another School")
    coordinator = MembershipFactory(school=school).user
    lead_mentor = MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR)
    other_lead_mentor = MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR)
    other_coordinator = MembershipFactory(school=other_school)
    # Details no refusal may show.
    mentor = MentorFactory(
        school=school, last_name="Okonkwo", trn="3141592", email="m.okonkwo@example.com", lead_mentor=lead_mentor
    )
    claimed = MentorFactory(school=school, lead_mentor=other_lead_mentor)
    # Removing a mentor emails them: an email, its task (in the database, as in production) and history for admin.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        mentor_services.remove_mentor(
            mentor=MentorFactory(school=school), removed_by=coordinator, reason=RemovalReason.OTHER
        )
    Group.objects.create(name="Support")
    provider = ProviderFactory()
    PartnershipFactory(school=school, provider=provider, created_by=coordinator)
    other_provider = ProviderFactory()
    trainee = TraineeAssignmentFactory(mentor=mentor, provider=provider)
    issue_token(provider=provider, name="Student records", created_by=None)
    # A claim window open now; the school has accepted the grant conditions, and claimed for another mentor.
    window = ClaimWindowFactory()
    accept_grant_conditions(school=school, accepted_by=coordinator)
    accept_grant_conditions(school=other_school, accepted_by=other_coordinator.user)
    claim = make_claim(hours={claimed: 6}, provider=provider)
    # Another school's claim, sent to the payer.
    sent = make_claim(hours={MentorFactory(school=other_school): 3}, provider=provider)
    batch = PayerBatch.objects.create(
        kind=PayerBatch.Kind.PAYMENT, window=window, file=payments.payment_file([sent]), sent_by=other_coordinator.user
    )
    batch.claims.add(sent)
    AuditSample.objects.create(window=window, drawn_by=other_coordinator.user)
    # A failed sign-in, as django-axes records it (made directly: a sign-in posted here could be turned away by the
    # sign-in rate limit that earlier tests in the process have used up, and then nothing would be recorded).
    AccessAttempt.objects.create(
        username="nobody@example.com", ip_address="192.0.2.1", failures_since_start=1, get_data="", post_data=""
    )
    users = {
        "signed_out": None,
        "coordinator": coordinator,
        "coordinator_of_other_school": other_coordinator.user,
        "lead_mentor_of_this_mentor": lead_mentor.user,
        "lead_mentor_of_other_mentor": other_lead_mentor.user,
        "staff": UserFactory(is_staff=True, is_superuser=True),
        "provider_user": ProviderMembershipFactory(provider=provider).user,
        "other_provider_user": ProviderMembershipFactory(provider=other_provider).user,
    }
    homes = {actor: school for actor in ACTORS} | {"coordinator_of_other_school": other_school}
    provider_homes = {"provider_user": provider, "other_provider_user": other_provider}
    return World(
        school,
        mentor,
        provider,
        ProviderFactory(),
        trainee,
        claim,
        other_lead_mentor,
        UserFactory(),
        users,
        homes,
        provider_homes,
        clients={},
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """Made once for all the cases, in a transaction rolled back at the end; each test's own changes are rolled
    back after it, as with Django's TestCase.setUpTestData."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        built = _build_world()
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(module_world, db):
    # Each test signs its actors in afresh: a session is a row, rolled back after each test.
    return replace(module_world, clients={})


def _tables():
    """Every table a request could change, but sessions: signing in and out, and journeys, live there."""
    models = apps.get_models(include_auto_created=True)
    return sorted({model._meta.db_table for model in models if model._meta.managed and model is not Session})


def snapshot():
    """A fingerprint of each table, to tell whether a request changed any row in it."""
    tables = _tables()
    fingerprint = "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t)"
    columns = ", ".join(fingerprint.format(connection.ops.quote_name(table)) for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def check(response, expected, visit, request):
    location = response.get("Location")
    answered = f"{response.status_code}{f' to {location}' if location else ''}"
    assert response.status_code == expected.status, f"{request} answered {answered}, not {expected}"
    if expected.to:
        target = expected.to(visit)
        if isinstance(target, re.Pattern):
            assert target.fullmatch(location), f"{request} redirected to {location}, not {target.pattern}"
        else:
            assert location == target, f"{request} redirected to {location}, not {target}"
    if expected.refuses:
        mentor = visit.world.mentor
        content = response.content.decode()
        for detail in (mentor.last_name, mentor.trn, mentor.email):
            assert detail not in content, f"{request} was refused, but showed the mentor's {detail}"


def visit(world, case):
    """The case's URL, with real values for its path parameters."""
    if None in case.pattern.parameters:
        pytest.fail(f"{case.pattern.key} has a group without a name: name it in UNNAMED_GROUPS")
    missing = [name for name in case.pattern.parameters if name not in PATH_VALUES and name not in PATH_VARIANTS]
    if missing:
        pytest.fail(f"{case.pattern.key} needs a value for {', '.join(missing)} in PATH_VALUES")
    variant = dict(case.variant)
    values = {
        name: _step_slug(variant[name], world) if name in variant else PATH_VALUES[name](world, case)
        for name in case.pattern.parameters
    }
    url = case.pattern.url(values.values())
    assert resolve(url).func is case.pattern.callback, f"{url} does not open {case.pattern.key}"
    return Visit(world, case, url, values)


def send(client, visit):
    if visit.case.method == GET:
        return client.get(visit.url)
    body = _entry(BODIES, visit.case.key, visit.case.pattern.key)
    return client.post(visit.url, body(visit.world) if body else {})


@pytest.mark.parametrize("case", CASES, ids=str)
def test_who_may_use_each_url(world, case):
    check_case(world, case, expected_outcome(case))


@pytest.mark.parametrize("case", [case for case in CASES if case.pattern.key in DFE_SIGN_IN_TABLE], ids=str)
def test_who_may_use_dfe_sign_in_when_it_is_configured(world, dfe_sign_in, case):
    check_case(world, case, DFE_SIGN_IN_TABLE[case.pattern.key][case.method][case.actor])


def check_case(world, case, expected):
    client = world.client(case.actor)
    page = visit(world, case)
    before = snapshot()

    if case.method == GET and expected.refuses:
        head = client.head(page.url)
        assert head.status_code in (expected.status, NOT_ALLOWED.status), f"HEAD {page.url}: {head.status_code}"
    response = send(client, page)
    check(response, expected, page, f"{case.method} {page.url}")

    after = snapshot()
    if expected.writes:
        assert after != before, f"{case.method} {page.url} changed nothing"
    else:
        changed = [table for table in before if after[table] != before[table]]
        assert not changed, f"{case.method} {page.url} changed {', '.join(changed)}"


# Methods the service has no use for: each is refused, on every page, before anything happens.
UNUSED_METHODS = ["PUT", "PATCH", "DELETE", "PROPFIND", "OPTIONS", "TRACE"]


@pytest.mark.parametrize(
    "case", [case for case in CASES if case.method == GET and case.actor == "coordinator"], ids=lambda case: case.key
)
def test_methods_the_service_has_no_use_for_are_refused(world, case):
    client = world.client(case.actor)
    page = visit(world, case)
    # The methods the page answers, as the table has them (a function view that only reads refuses POST itself, and
    # one that only writes refuses GET itself, so its Allow may name more).
    answers_get = expected_outcome(case) != NOT_ALLOWED
    answers_post = expected_outcome(replace(case, method=POST)) != NOT_ALLOWED
    before = snapshot()
    for method in UNUSED_METHODS:
        response = client.generic(method, page.url)
        assert response.status_code == 405, f"{method} {page.url} answered {response.status_code}"
        allowed = response["Allow"].split(", ")
        assert set(allowed) <= {GET, "HEAD", POST}, f"{method} {page.url}: Allow: {response['Allow']}"
        assert (GET in allowed) == ("HEAD" in allowed), f"{method} {page.url}: {response['Allow']}"
        assert GET in allowed or not answers_get, f"{method} {page.url}: Allow: {response['Allow']}"
        assert POST in allowed or not answers_post, f"{method} {page.url}: Allow: {response['Allow']}"
    assert snapshot() == before


def test_the_table_has_no_entry_for_a_url_pattern_that_has_gone():
    keys = {case.key for case in CASES} | {pattern.key for pattern in PATTERNS}
    for table in (TABLE, BODIES):
        gone = [
            entry
            for entry in table
            if not (any(fnmatchcase(key, entry) for key in keys) if "*" in entry else entry in keys)
        ]
        assert not gone, f"No URL pattern is left for these entries: {gone}"


def test_each_change_page_and_add_step_posts_a_valid_form():
    """An empty form changes nothing whoever posts it: only a valid one shows that a refused write was refused."""
    pages = {
        case.key
        for case in CASES
        if case.pattern.key in ("mentors:change", "mentors:add-step", "claims:add-step", "partnerships:add-step")
    }
    assert pages - set(BODIES) == set()


@pytest.mark.parametrize(
    "case",
    [
        case
        for case in CASES
        if "journey_id" in case.pattern.parameters
        and case.actor == "coordinator"
        and expected_outcome(case) != NOT_ALLOWED
    ],
    ids=lambda case: f"{case.key}-{case.method}",
)
def test_a_journey_is_its_starters_only(world, case):
    """Another coordinator of the school, given the address of a journey the first started, is sent to start their
    own: the journey's answers are in the first coordinator's session only, and nothing is written."""
    page = visit(world, case)
    colleague = Client()
    colleague.force_login(MembershipFactory(school=world.school).user)
    before = snapshot()
    response = send(colleague, page)
    assert response.status_code == 302
    assert response.url == reverse(f"{case.pattern.key.split(':')[0]}:add", kwargs={"urn": world.school.urn})
    assert snapshot() == before
