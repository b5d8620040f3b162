"""Query budgets: the exact number of SQL queries each page makes, the same for a school with 1 mentor as for one
with 300. A query per mentor (an N+1) breaks a budget, and the failure lists the queries the page made."""

from contextlib import contextmanager
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from simple_history.utils import bulk_create_with_history

from api.services import issue_token
from claims.models import Claim, ClaimMentor
from claims.services import accept_grant_conditions
from claims.views import CLAIMS_PER_PAGE
from core.journeys import CHECK_YOUR_ANSWERS
from emails.models import Email
from mentors import selectors
from mentors.journeys import STEPS as ADD_MENTOR_STEPS
from mentors.models import Mentor
from mentors.views.manage import CHANGE_PAGES, MENTORS_PER_PAGE
from reference_data.models import AgeRange, KeyStage, SendArea, Subject
from reports.services import refresh_summaries
from schools.models import Membership
from tests.conftest import PASSWORD
from tests.support.factories import (
    ClaimWindowFactory,
    MembershipFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    TraineeAssignmentFactory,
    UserFactory,
)

# The add-mentor journey's steps, by slug.
STEPS = [step.slug for step in ADD_MENTOR_STEPS]
FIRST_STEP = STEPS[0]

pytestmark = pytest.mark.django_db

# Page → SQL queries, for a school with 1 mentor and for one with 300.
#
# Every signed-in request loads the session and the user (2). One under /schools/<urn>/ also loads the user's
# membership with its school (1) and, when the user turns to another school, saves it in the session (3: a
# savepoint, the update and its release): 3 or 6 before the view does its own. A page that is shown, not a
# redirect, also reads whether the user has schools and providers to choose among, for the navigation (1). Outside
# a test's transaction the savepoints are BEGIN and COMMIT, not counted.
BUDGETS = {
    "sign in (GET)": 0,  # signed out, with no session yet
    # django-axes: is sign-in locked (1), then clearing expired and this address's attempts (2); the user; a new
    # session (is its key free, then saved: 4); last login; saving the session with its clocks (3).
    "sign in (POST)": 12,
    "sign in with DfE Sign-in (start)": 4,  # a new session for the state, nonce and code verifier (is its key free: 4)
    # The first time, so matched by email address: the session; in a savepoint, the user by subject, by address, and
    # keeping the subject (5); a new session key (4) and the old one deleted (2); django-axes clearing this address's
    # attempts, as any sign-in does (2); last login; saving the session with its clocks and the ID token (3).
    "sign in with DfE Sign-in (back from it)": 18,
    "no access (DfE Sign-in)": 1,  # the session, which holds the address DfE Sign-in gave
    "start (/)": 4,  # the session, the user, their schools, their providers
    "choose an organisation (GET)": 5,
    "choose an organisation (POST)": 4,
    "school home, and the list it lands on": 13,  # the redirect (6), then the list (6: the school is in the session)
    # Counting the mentors found, then one page of them with subject, age range, key stage and status, and counting
    # those not reviewed this term.
    "mentor list": 10,
    "mentor list, page 3": 10,
    "mentor list, search": 10,
    # The mentor with their status and lead mentor's user, their SEND support, their last change with who made it, and
    # their trainees with their providers.
    "mentor details": 11,
    # The mentor with their status and lead mentor's user, and the school's partner providers (the radios).
    "add trainee (GET)": 10,
    "change trainee (GET)": 11,  # and the trainee
    "end trainee (GET)": 9,  # the trainee, and no providers' radios
    "school details": 7,
    # Under /providers/<code>/: the session, the user, their membership with its provider, and the navigation's count
    # of the user's organisations (4); the provider saved in the session as the organisation worked in (3).
    "provider: trainees": 9,  # counting the trainees, then a page of them with their mentors and schools
    # The filters' lists, counting the mentors found, a page of them with their status and lists' names, their SEND
    # support, and their schools' coordinators, whatever the number of mentors.
    "provider: find mentors": 16,
    "provider: find mentors, filtered": 18,  # and the SEND areas and phases chosen, checked
    "change: personal-details": 8,
    "change: subject": 9,  # the radios' choices, in one query (core.fields.ModelChoiceField)
    "change: age-range": 9,
    "change: key-stage": 10,  # and the age range, which decides the key stages offered
    "change: date-qualified": 8,
    "change: qualifications": 8,
    "change: date-started-mentoring": 8,
    "change: provider-training": 8,
    "change: send-training": 8,
    "change: subject-networks": 8,
    "change: other-experiences": 8,
    "change: lead-mentor": 9,  # and the school's lead mentors
    "change: send-support": 10,  # the SEND areas, and the mentor's
    "change: availability": 8,
    "change: shown-to-providers": 8,
    "remove mentor (GET)": 8,
    "add mentor (start)": 7,  # the age ranges, in case GIAS's ages already answer that question
    "add mentor: personal-details (GET)": 4,
    "add mentor: personal-details (POST)": 8,  # TRN and email not the school's already (2)
    "add mentor: subject (GET)": 7,  # each step checks every earlier answer again (here TRN and email: 2)
    "add mentor: subject (POST)": 9,
    "add mentor: age-range (GET)": 8,
    "add mentor: age-range (POST)": 10,
    "add mentor: key-stage (GET)": 11,  # earlier answers (4), the age range twice, the radios
    "add mentor: key-stage (POST)": 13,
    "check your answers (GET)": 11,  # not submitted already (1); every answer checked (6), once a request
    # Not submitted already (1); answers checked (6) and by services.add_mentor (3); the journey recorded as
    # submitted, in a savepoint (3);
    # then in a savepoint (7) the mentor, its history (and its SEND support's), the email and its task in the queue;
    # what the journey made (1).
    "check your answers (POST)": 27,
    "confirmation": 5,
    # The session, the user, 3 filters' choices, the table's estimated size, the count, the page, and the page's
    # schools, subjects, age ranges and key stages (4).
    "admin: mentors": 12,
    "admin: mentors, search by name": 11,  # the same but the estimate: a search is counted exactly
    "admin: mentors, search by URN": 12,  # and the school with the URN
    # A school's claims. The claims page and the add-claim journey's pages read the claim window open now (with its
    # year), the grant conditions' acceptance and the school's hourly rate (3): the claiming state.
    "claims": 12,  # and counting the claims, then a page of them with their providers; the school's region
    "claims, page 2": 12,
    # The provider's claims: the session and user; the user's membership of the provider; a page of claims with their
    # schools and numbers of mentors, and their count; the navigation's count of the user's organisations; the
    # provider saved in the session as the organisation worked in (3).
    "provider claims": 10,
    # A claim awaiting the provider's audit: the session and user, the membership, the claim with its school and year,
    # its mentors; the navigation's count of the user's organisations; the provider saved in the session (3).
    "provider claim (audit)": 10,
    "claim details": 10,  # the claim with its provider, year, region and submitter, then its mentors and history
    "check and submit a draft": 10,  # as the claim's details
    "grant conditions": 11,  # the acceptance, the academic year today is in, its rates, and the school's region
    "add claim (start)": 9,  # the claiming state; the journey is saved in the session
    "add claim: provider (GET)": 7,
    # Each later question checks the provider again (1), then reads the school's mentors and what is left of every
    # one's allowance, in one query whatever their number (2).
    "add claim: mentors (GET)": 10,
    "add claim: hours (GET)": 10,
    "add claim: confirm (GET)": 10,
    # The answer is checked, then every later answer again with it, and the session saved.
    "add claim: provider (POST)": 13,
    "add claim: mentors (POST)": 13,
    "add claim: hours (POST)": 13,
    "add claim: confirm (POST)": 13,
    "add claim: check your answers (GET)": 11,  # not submitted already (1), every answer checked (3)
    # Not submitted already, every answer checked (4); the journey recorded as submitted (4); every rule checked
    # again in the transaction (6); the mentors' allowance rows made and locked, and counted under the locks (3); the
    # claim (3) and its mentors; the email to the coordinators and its task, the provider's users; the journey's
    # result; the session.
    "add claim: check your answers (POST)": 37,  # with the first line of the claim's history
    "add claim: confirmation": 6,  # the claim the journey made
    # A provider's pages: the session, the user, their membership of the provider with it; the provider saved in the
    # session as the organisation the user works in (3, as for a school); the navigation's organisations (1).
    "provider home": 9,  # counting the partner schools, then a page of them with their mentors counted
    "provider home, page 2": 9,
    "partner school's mentors": 10,  # the school if it is a partner; counting its mentors, then a page of them
    "partner school's mentors, search": 10,
    # A school's providers: the school's pages' 6 (the school first visited) and the navigation's 1; then the
    # providers, by name.
    "school's providers": 8,
    "remove provider (GET)": 8,  # the provider, if a partner
    # Reports: the session and the user (2), the filters' choices of region (1), and of year on the funding report
    # (1); the navigation counts the user's schools (1). Staff's: when the summaries were refreshed (1), then the
    # summary rows of each figure (1 each; the 7 breakdowns of mentors in 1). A provider's: each figure one grouped
    # query, whatever the number of rows (the 7 breakdowns of mentors in 1).
    "reports: mentors": 8,  # the breakdowns, schools with and without mentors, added and removed
    "reports: funding": 12,  # the year filtered by (1); 3 breakdowns, the share that claimed, statuses
    "reports: mentors, CSV": 6,  # the figures, without the page
    # A provider's: and the user's membership of the provider, with it (1); the provider saved in the session as the
    # organisation the user works in (3).
    "reports: a provider's mentors": 11,  # mentors added and removed in 1
    "reports: a provider's funding": 13,
    # The API: the token with its provider, counting the request against the token's limit (1: the window's first
    # request, not measured, also clears earlier windows), then a page of rows with what they show, in one query
    # (claims: and their mentors, 1); when the token was used is noted at most once a minute, so not here.
    "api: mentors": 3,
    "api: claims": 4,
    "health check": 0,
    "ready": 2,  # the database answers, and the oldest queued email (migrations are checked until applied, then not)
}

MENTOR_COUNTS = [1, 300]
LATER_PAGE = 3


@pytest.fixture
def school(db):
    # All-through: the most subjects, age ranges and key stages, and every add-mentor question is asked.
    return SchoolFactory(name="Budget All-through School", all_through=True)


@pytest.fixture
def coordinator(school):
    user = UserFactory(email="coordinator@example.com", first_name="Cora", last_name="Ordinator")
    MembershipFactory(user=user, school=school)
    MembershipFactory(user=user, school=SchoolFactory(name="Second School", secondary=True))
    return user


@pytest.fixture(params=MENTOR_COUNTS, ids=["1 mentor", "300 mentors"])
def mentors(request, school, coordinator):
    """The school's mentors, across its subjects, age ranges, key stages and lead mentors (10 for 300 mentors),
    so that a query for any of them per mentor would show."""
    count = request.param
    lead_mentors = MembershipFactory.create_batch(max(1, count // 30), school=school, role=Membership.Role.LEAD_MENTOR)
    subjects = list(selectors.subjects_for_school(school))
    stages = [
        (age_range, key_stage)
        for age_range in selectors.age_ranges_for_school(school)
        for key_stage in selectors.key_stages_for_school(school, age_range)
    ]
    mentors = [
        Mentor(
            school=school,
            first_name="Ada",
            last_name=f"Mentor {number:03d}",
            trn=f"2{number:06d}",
            email=f"mentor{number}@example.com",
            subject=subjects[number % len(subjects)],
            age_range=stages[number % len(stages)][0],
            key_stage=stages[number % len(stages)][1],
            lead_mentor=None if number % 4 == 3 else lead_mentors[number % len(lead_mentors)],
        )
        for number in range(count)
    ]
    return bulk_create_with_history(mentors, Mentor, default_user=coordinator)


@pytest.fixture
def mentor(mentors):
    """A mentor in the middle of the list, with a lead mentor."""
    return mentors[len(mentors) // 2]


@pytest.fixture
def answers(school):
    """A valid answer to each add-mentor question; a new question needs one here."""
    answers = {
        "personal-details": {
            "first_name": "Amira",
            "last_name": "Khan",
            "trn": "1000001",  # found by the offline TRS fake
            "email": "amira.khan@example.com",
        },
        "subject": {"subject": Subject.objects.get(name="Physics").pk},
        "age-range": {"age_range": AgeRange.objects.get(name="11 to 18").pk},
        "key-stage": {"key_stage": KeyStage.objects.get(name="Key stage 4").pk},
    }
    assert list(answers) == list(STEPS)
    return answers


@pytest.fixture
def start_journey(coordinator_client, school, answers):
    def start(answered_before=None):
        """A new add-mentor journey with every question before this step answered; returns its URL for a step."""
        response = coordinator_client.get(reverse("mentors:add", kwargs={"urn": school.urn}))
        base_url = response.url.removesuffix(f"{FIRST_STEP}/")
        for step in STEPS:
            if step == answered_before:
                break
            assert coordinator_client.post(f"{base_url}{step}/", answers[step]).status_code == 302
        return lambda step: f"{base_url}{step}/"

    return start


class QueryList:
    """The queries a block made, numbered, for django_assert_num_queries' failure message: left to itself it lists
    them only with pytest -v, which make test does not use."""

    def __init__(self, page):
        self.page = page
        self.context = None

    def __str__(self):
        queries = "\n\n".join(f"{number}. {query['sql']}" for number, query in enumerate(self.context, 1))
        return f"Budget: {self.page}\n\nQueries:\n\n{queries}"


@pytest.fixture
def within_budget(django_assert_num_queries, pytestconfig):
    @contextmanager
    def within_budget(page):
        """Exactly the page's budget of queries, or a failure that lists them."""
        queries = QueryList(page)
        info = page if pytestconfig.getoption("verbose") > 0 else queries
        with django_assert_num_queries(BUDGETS[page], info=info) as queries.context:
            yield

    return within_budget


def list_url(school):
    return reverse("mentors:list", kwargs={"urn": school.urn})


def mentor_url(name, mentor, **kwargs):
    return reverse(f"mentors:{name}", kwargs={"urn": mentor.school.urn, "mentor_id": mentor.pk, **kwargs})


class TestSigningIn:
    def test_sign_in_page(self, client, mentors, within_budget):
        with within_budget("sign in (GET)"):
            response = client.get(reverse("accounts:sign-in"))
        assert response.status_code == 200

    def test_signing_in(self, client, coordinator, mentors, within_budget):
        url = reverse("accounts:sign-in")
        with within_budget("sign in (POST)"):
            response = client.post(url, {"username": coordinator.email, "password": PASSWORD})
        assert response.url == reverse("organisations:start")

    def test_signing_in_with_dfe_sign_in(self, client, coordinator, mentors, dfe_sign_in, within_budget):
        with within_budget("sign in with DfE Sign-in (start)"):
            start = client.get(reverse("accounts:dfe-sign-in"))
        callback = dfe_sign_in.authorize(start.url)
        with within_budget("sign in with DfE Sign-in (back from it)"):
            response = client.get(callback)
        assert response.url == reverse("organisations:start")

    def test_no_access(self, client, mentors, dfe_sign_in, within_budget):
        dfe_sign_in.person = {"sub": "nobody", "email": "nobody@example.com", "email_verified": True}
        assert dfe_sign_in.sign_in(client).url == reverse("accounts:dfe-sign-in-no-access")
        with within_budget("no access (DfE Sign-in)"):
            response = client.get(reverse("accounts:dfe-sign-in-no-access"))
        assert response.status_code == 403

    def test_start(self, coordinator_client, school, mentors, within_budget):
        coordinator_client.get(list_url(school))  # the school last worked in
        with within_budget("start (/)"):
            response = coordinator_client.get(reverse("organisations:start"))
        assert response.url == reverse("schools:home", kwargs={"urn": school.urn})


class TestChoosingAnOrganisation:
    def test_page(self, coordinator_client, mentors, within_budget):
        with within_budget("choose an organisation (GET)"):
            response = coordinator_client.get(reverse("organisations:change"))
        assert response.status_code == 200

    def test_choosing(self, coordinator_client, school, mentors, within_budget):
        with within_budget("choose an organisation (POST)"):
            response = coordinator_client.post(
                reverse("organisations:change"), {"organisation": f"school:{school.urn}"}
            )
        assert response.url == reverse("schools:home", kwargs={"urn": school.urn})


class TestMentorList:
    def test_school_home_lands_on_the_list(self, coordinator_client, school, mentors, within_budget):
        with within_budget("school home, and the list it lands on"):
            response = coordinator_client.get(reverse("schools:home", kwargs={"urn": school.urn}), follow=True)
        assert response.redirect_chain == [(list_url(school), 302)]

    def test_first_page(self, coordinator_client, school, mentors, within_budget):
        with within_budget("mentor list"):
            response = coordinator_client.get(list_url(school))
        assert len(response.context["page"]) == min(len(mentors), MENTORS_PER_PAGE)

    def test_a_later_page(self, coordinator_client, school, mentors, within_budget):
        # One mentor has no page 3: the list shows its last page, the only one, as it would for a stale link.
        with within_budget("mentor list, page 3"):
            response = coordinator_client.get(list_url(school), {"page": LATER_PAGE})
        page = response.context["page"]
        assert page.number == min(LATER_PAGE, page.paginator.num_pages)
        assert BUDGETS["mentor list, page 3"] == BUDGETS["mentor list"]

    def test_search(self, coordinator_client, school, mentors, within_budget):
        with within_budget("mentor list, search"):
            response = coordinator_client.get(list_url(school), {"q": "mentor 0"})
        assert response.context["page"].paginator.count == min(len(mentors), 100)


class TestMentor:
    def test_details(self, coordinator_client, mentor, within_budget):
        with within_budget("mentor details"):
            response = coordinator_client.get(mentor_url("detail", mentor))
        assert response.status_code == 200

    @pytest.mark.parametrize("page", CHANGE_PAGES)
    def test_change_page(self, coordinator_client, mentor, page, within_budget):
        with within_budget(f"change: {page}"):
            response = coordinator_client.get(mentor_url("change", mentor, page=page))
        assert response.status_code == 200

    def test_remove(self, coordinator_client, mentor, within_budget):
        with within_budget("remove mentor (GET)"):
            response = coordinator_client.get(mentor_url("remove", mentor))
        assert response.status_code == 200


class TestAddingAMentor:
    def test_start(self, coordinator_client, school, mentors, within_budget):
        with within_budget("add mentor (start)"):
            response = coordinator_client.get(reverse("mentors:add", kwargs={"urn": school.urn}))
        assert response.url.endswith(f"/{FIRST_STEP}/")

    @pytest.mark.parametrize("step", STEPS)
    def test_question(self, coordinator_client, start_journey, mentors, step, within_budget):
        url = start_journey(answered_before=step)
        with within_budget(f"add mentor: {step} (GET)"):
            response = coordinator_client.get(url(step))
        assert response.status_code == 200

    @pytest.mark.parametrize("step", STEPS)
    def test_answer(self, coordinator_client, start_journey, answers, mentors, step, within_budget):
        url = start_journey(answered_before=step)
        with within_budget(f"add mentor: {step} (POST)"):
            response = coordinator_client.post(url(step), answers[step])
        assert response.status_code == 302

    def test_check_your_answers(self, coordinator_client, start_journey, mentors, within_budget):
        url = start_journey()
        with within_budget("check your answers (GET)"):
            response = coordinator_client.get(url(CHECK_YOUR_ANSWERS))
        assert response.status_code == 200

    def test_adding_the_mentor(self, coordinator_client, start_journey, mentors, settings, within_budget):
        # Production's task queue, where queueing the email is a row written with the mentor; the tests' own
        # backend would send it after the (never committed) transaction instead.
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        url = start_journey()
        with within_budget("check your answers (POST)"):
            response = coordinator_client.post(url(CHECK_YOUR_ANSWERS))
        assert response.url == url("confirmation")
        email = Email.objects.get(recipient="amira.khan@example.com")
        assert DBTaskResult.objects.get().args_kwargs == {"args": [email.pk], "kwargs": {}}

    def test_confirmation(self, coordinator_client, start_journey, mentors, within_budget):
        url = start_journey()
        coordinator_client.post(url(CHECK_YOUR_ANSWERS))
        with within_budget("confirmation"):
            response = coordinator_client.get(url("confirmation"))
        assert response.status_code == 200


class TestAdmin:
    def test_mentors(self, admin_client, mentors, within_budget):
        with within_budget("admin: mentors"):
            response = admin_client.get(reverse("admin:mentors_mentor_changelist"))
        assert response.context["cl"].result_count == len(mentors)

    def test_search_by_name(self, admin_client, mentors, within_budget):
        with within_budget("admin: mentors, search by name"):
            response = admin_client.get(reverse("admin:mentors_mentor_changelist"), {"q": "Ada"})
        assert response.context["cl"].result_count == len(mentors)

    def test_search_by_urn(self, admin_client, school, mentors, within_budget):
        with within_budget("admin: mentors, search by URN"):
            response = admin_client.get(reverse("admin:mentors_mentor_changelist"), {"q": school.urn})
        assert response.context["cl"].result_count == len(mentors)


@pytest.fixture
def provider(school, mentors):
    """A provider whose partner schools are the school and, with 300 mentors, 30 more (a page and a bit)."""
    provider = ProviderFactory(name="Budget SCITT")
    PartnershipFactory(school=school, provider=provider)
    for _ in range(len(mentors) // 10):
        PartnershipFactory(provider=provider)
    return provider


@pytest.fixture
def provider_client(client, provider):
    client.force_login(ProviderMembershipFactory(provider=provider).user)
    return client


class TestProviderPages:
    def test_home(self, provider_client, provider, within_budget):
        with within_budget("provider home"):
            response = provider_client.get(reverse("providers:home", kwargs={"code": provider.code}))
        assert response.status_code == 200

    def test_home_page_2(self, provider_client, provider, within_budget):
        with within_budget("provider home, page 2"):
            response = provider_client.get(reverse("providers:home", kwargs={"code": provider.code}) + "?page=2")
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("budget", "query"), [("partner school's mentors", ""), ("partner school's mentors, search", "?q=ada")]
    )
    def test_partner_school_s_mentors(self, provider_client, provider, school, budget, query, within_budget):
        url = reverse("providers:school", kwargs={"code": provider.code, "urn": school.urn}) + query
        with within_budget(budget):
            response = provider_client.get(url)
        assert response.status_code == 200


class TestSchoolsProviders:
    def test_list(self, coordinator_client, school, provider, within_budget):
        with within_budget("school's providers"):
            response = coordinator_client.get(reverse("partnerships:list", kwargs={"urn": school.urn}))
        assert response.status_code == 200

    def test_remove(self, coordinator_client, school, provider, within_budget):
        url = reverse("partnerships:remove", kwargs={"urn": school.urn, "code": provider.code})
        with within_budget("remove provider (GET)"):
            response = coordinator_client.get(url)
        assert response.status_code == 200


class TestHealth:
    def test_health_check(self, client, mentors, within_budget):
        with within_budget("health check"):
            assert client.get(reverse("health:healthcheck")).status_code == 200

    def test_ready(self, client, mentors, within_budget):
        client.get(reverse("health:ready"))
        with within_budget("ready"):
            assert client.get(reverse("health:ready")).status_code == 200


@pytest.fixture
def claims(school, coordinator, mentors):
    """As many claims as the school has mentors, each for one of them with the provider this academic year: every
    tenth mentor's 16 hours are all claimed (so the mentors page says why they are not listed; not the mentor in the
    middle of the list, who is claimed for), the others' 2."""
    window = ClaimWindowFactory()
    accept_grant_conditions(school=school, accepted_by=coordinator)
    provider = ProviderFactory(name="Budget SCITT", code="B1S")
    made = Claim.objects.bulk_create(
        Claim(
            reference=f"{number:08d}",
            school=school,
            provider=provider,
            academic_year=window.academic_year,
            status=Claim.Status.SUBMITTED,
            funding_region=school.funding_region,
            rate_pence=4380,
            total_hours=16 if number % 10 == 9 else 2,
            amount_pence=(16 if number % 10 == 9 else 2) * 4380,
            created_by=coordinator,
            submitted_by=coordinator,
            submitted_at=timezone.now(),
        )
        for number in range(len(mentors))
    )
    ClaimMentor.objects.bulk_create(
        ClaimMentor(claim=claim, mentor=mentor, trn=mentor.trn, hours=claim.total_hours)
        for claim, mentor in zip(made, mentors, strict=True)
    )
    return provider, made


@pytest.fixture
def claim_journey(coordinator_client, school, claims, mentor):
    """A new add-claim journey, for the mentor in the middle of the list, answered up to a step; returns its URL for
    a step ("hours" is the mentor's hours)."""
    provider, _ = claims
    answers = {
        "provider": {"provider": provider.name, "provider_code": provider.code},
        "mentors": {"mentors": [mentor.pk]},
        "hours": {"hours": "another", "other_hours": "5"},
        "confirm": {"confirmed": "confirmed"},
    }

    def start(answered_before=None):
        response = coordinator_client.get(reverse("claims:add", kwargs={"urn": school.urn}))
        base_url = response.url.removesuffix("provider/")

        def url(step):
            return f"{base_url}{f'hours-{mentor.pk}' if step == 'hours' else step}/"

        for step, answer in answers.items():
            if step == answered_before:
                break
            assert coordinator_client.post(url(step), answer).status_code == 302, step
        return url

    return start


class TestClaims:
    def test_list(self, coordinator_client, school, claims, within_budget):
        with within_budget("claims"):
            response = coordinator_client.get(reverse("claims:list", kwargs={"urn": school.urn}))
        assert len(response.context["page"]) == min(len(claims[1]), CLAIMS_PER_PAGE)

    def test_a_later_page(self, coordinator_client, school, claims, within_budget):
        with within_budget("claims, page 2"):
            response = coordinator_client.get(reverse("claims:list", kwargs={"urn": school.urn}), {"page": 2})
        assert response.status_code == 200

    def test_details(self, coordinator_client, school, claims, within_budget):
        claim = claims[1][len(claims[1]) // 2]
        with within_budget("claim details"):
            response = coordinator_client.get(
                reverse("claims:detail", kwargs={"urn": school.urn, "claim_id": claim.pk})
            )
        assert response.status_code == 200

    def test_check_and_submit_a_draft(self, coordinator_client, school, claims, within_budget):
        claim = claims[1][len(claims[1]) // 2]
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.DRAFT, submitted_at=None, submitted_by=None)
        with within_budget("check and submit a draft"):
            response = coordinator_client.get(
                reverse("claims:submit-draft", kwargs={"urn": school.urn, "claim_id": claim.pk})
            )
        assert response.status_code == 200

    def test_grant_conditions(self, coordinator_client, school, claims, within_budget):
        with within_budget("grant conditions"):
            response = coordinator_client.get(reverse("claims:grant-conditions", kwargs={"urn": school.urn}))
        assert response.status_code == 200


class TestProviderClaims:
    @pytest.fixture
    def provider_client(self, client, claims):
        provider = Claim.objects.first().provider
        Claim.objects.update(status=Claim.Status.AUDIT_REQUESTED, audit_requested_at=timezone.now())
        client.force_login(ProviderMembershipFactory(provider=provider).user)
        return client, provider

    def test_list(self, provider_client, within_budget):
        client, provider = provider_client
        with within_budget("provider claims"):
            response = client.get(reverse("claims:provider-list", kwargs={"code": provider.code}))
        assert response.status_code == 200

    def test_an_audit(self, provider_client, claims, within_budget):
        client, provider = provider_client
        claim = claims[1][len(claims[1]) // 2]
        with within_budget("provider claim (audit)"):
            response = client.get(
                reverse("claims:provider-claim", kwargs={"code": provider.code, "claim_id": claim.pk})
            )
        assert response.status_code == 200


class TestAddingAClaim:
    def test_start(self, coordinator_client, school, claims, within_budget):
        with within_budget("add claim (start)"):
            response = coordinator_client.get(reverse("claims:add", kwargs={"urn": school.urn}))
        assert response.url.endswith("/provider/")

    @pytest.mark.parametrize("step", ["provider", "mentors", "hours", "confirm"])
    def test_question(self, coordinator_client, claim_journey, step, within_budget):
        url = claim_journey(answered_before=step)
        with within_budget(f"add claim: {step} (GET)"):
            response = coordinator_client.get(url(step))
        assert response.status_code == 200

    def test_the_mentors_page_lists_every_mentor_with_hours_left(self, coordinator_client, claim_journey, mentors):
        url = claim_journey(answered_before="mentors")
        form = coordinator_client.get(url("mentors")).context["form"]
        assert len(form.fields["mentors"].choices) + len(form.unlisted) == len(mentors)
        assert len(form.unlisted) == len(mentors[9::10])

    @pytest.mark.parametrize(
        "step, answer",
        [
            ("provider", lambda provider, mentor: {"provider": provider.name, "provider_code": provider.code}),
            ("mentors", lambda provider, mentor: {"mentors": [mentor.pk]}),
            ("hours", lambda provider, mentor: {"hours": "another", "other_hours": "5"}),
            ("confirm", lambda provider, mentor: {"confirmed": "confirmed"}),
        ],
    )
    def test_answer(self, coordinator_client, claim_journey, claims, mentor, step, answer, within_budget):
        url = claim_journey(answered_before=step)
        with within_budget(f"add claim: {step} (POST)"):
            response = coordinator_client.post(url(step), answer(claims[0], mentor))
        assert response.status_code == 302

    def test_check_your_answers(self, coordinator_client, claim_journey, within_budget):
        url = claim_journey()
        with within_budget("add claim: check your answers (GET)"):
            response = coordinator_client.get(url(CHECK_YOUR_ANSWERS))
        assert response.status_code == 200

    def test_submitting(self, coordinator_client, claim_journey, settings, within_budget):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        url = claim_journey()
        with within_budget("add claim: check your answers (POST)"):
            response = coordinator_client.post(url(CHECK_YOUR_ANSWERS))
        assert response.url == url("confirmation")

    def test_confirmation(self, coordinator_client, claim_journey, within_budget):
        url = claim_journey()
        coordinator_client.post(url(CHECK_YOUR_ANSWERS))
        with within_budget("add claim: confirmation"):
            response = coordinator_client.get(url("confirmation"))
        assert response.status_code == 200


class TestTrainees:
    @pytest.fixture
    def trainee(self, school, mentor):
        provider = ProviderFactory()
        PartnershipFactory(school=school, provider=provider)
        return TraineeAssignmentFactory(mentor=mentor, provider=provider)

    @pytest.mark.parametrize("page", ["add", "change", "end"])
    def test_trainee_pages(self, coordinator_client, trainee, page, within_budget):
        kwargs = {} if page == "add" else {"trainee_id": trainee.pk}
        with within_budget(f"{page} trainee (GET)"):
            response = coordinator_client.get(mentor_url(f"trainee-{page}", trainee.mentor, **kwargs))
        assert response.status_code == 200


def test_school_details(coordinator_client, school, mentors, within_budget):
    with within_budget("school details"):
        response = coordinator_client.get(reverse("schools:details", kwargs={"urn": school.urn}))
    assert response.status_code == 200


class TestProviderTraineesAndMentorSearch:
    """A provider whose partner school has the mentors: a trainee for every third, SEND support for every other."""

    @pytest.fixture
    def provider(self, school, mentors, coordinator):
        provider = ProviderFactory()
        PartnershipFactory(school=school, provider=provider)
        areas = list(SendArea.objects.all())
        for number, mentor in enumerate(mentors):
            if number % 3 == 0:
                TraineeAssignmentFactory(mentor=mentor, provider=provider)
            if number % 2 == 0:
                mentor.send_support.set(areas[: 1 + number % len(areas)])
        return provider

    @pytest.fixture
    def provider_client(self, client, provider):
        client.force_login(ProviderMembershipFactory(provider=provider).user)
        return client

    def test_trainees(self, provider_client, provider, within_budget):
        with within_budget("provider: trainees"):
            response = provider_client.get(reverse("mentors:provider-trainees", kwargs={"code": provider.code}))
        assert response.status_code == 200

    def test_find_mentors(self, provider_client, provider, mentors, within_budget):
        with within_budget("provider: find mentors"):
            response = provider_client.get(reverse("mentors:provider-search", kwargs={"code": provider.code}))
        assert response.context["page"].paginator.count == len(mentors)

    def test_find_mentors_filtered(self, provider_client, provider, within_budget):
        query = {
            "status": ["available", "mentoring"],
            "phase": "secondary",
            "send_support": SendArea.objects.first().pk,
        }
        with within_budget("provider: find mentors, filtered"):
            response = provider_client.get(reverse("mentors:provider-search", kwargs={"code": provider.code}), query)
        assert response.status_code == 200 and not response.context["search"].errors


@pytest.fixture
def provider_user(claims, school):
    provider, _ = claims
    PartnershipFactory(school=school, provider=provider)
    return ProviderMembershipFactory(provider=provider).user


class TestReports:
    def test_mentors(self, client, claims, within_budget):
        client.force_login(UserFactory(is_staff=True))
        refresh_summaries()
        with within_budget("reports: mentors"):
            assert client.get(reverse("reports:mentors")).status_code == 200

    def test_funding(self, client, claims, within_budget):
        client.force_login(UserFactory(is_staff=True))
        refresh_summaries()
        with within_budget("reports: funding"):
            assert client.get(reverse("reports:funding"), {"academic_year": "2025"}).status_code == 200

    def test_csv(self, client, claims, within_budget):
        client.force_login(UserFactory(is_staff=True))
        refresh_summaries()
        with within_budget("reports: mentors, CSV"):
            response = client.get(reverse("reports:mentors"), {"format": "csv", "table": "mentors-by-subject"})
            assert response.status_code == 200

    @pytest.mark.parametrize("kind", ["mentors", "funding"])
    def test_a_providers(self, client, claims, provider_user, kind, within_budget):
        client.force_login(provider_user)
        with within_budget(f"reports: a provider's {kind}"):
            url = reverse(f"reports:provider-{kind}", kwargs={"code": claims[0].code})
            assert client.get(url).status_code == 200


class TestApi:
    @pytest.mark.parametrize("kind", ["mentors", "claims"])
    def test_a_page(self, client, claims, provider_user, kind, within_budget, monkeypatch):
        # Both requests in one window of the limit, whatever the clock says.
        monkeypatch.setattr(
            "api.throttling.timezone", SimpleNamespace(now=lambda: datetime(2026, 11, 30, 9, tzinfo=UTC))
        )
        raw = issue_token(provider=claims[0], name="Budget", created_by=None)[1]
        client.get(reverse(f"api:{kind}"), HTTP_AUTHORIZATION=f"Bearer {raw}")  # noted as used
        with within_budget(f"api: {kind}"):
            response = client.get(reverse(f"api:{kind}"), HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(len(claims[1]), 100)
