"""A school's claims in a real browser: every page and error state checked against WCAG 2.2 AA, and a claim for two
mentors made with the keyboard alone, with the amounts of the facts DfE publishes, to the penny."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from claims.models import AcademicYear, Claim, ClaimWindow
from claims.services import accept_grant_conditions, create_draft_claim
from schools.models import Membership
from tests.support.browser import coordinator_of, tab_to, tab_to_button
from tests.support.factories import (
    ClaimWindowFactory,
    MembershipFactory,
    MentorFactory,
    ProviderFactory,
    SchoolFactory,
    UserFactory,
    make_claim,
)


@pytest.fixture
def school(brookfield):
    return brookfield


@pytest.fixture
def coordinator(school):
    return coordinator_of(school)


@pytest.fixture
def provider(northshire):
    ProviderFactory(name="Northshire University", code="N2U")
    return northshire


@pytest.fixture
def mentors(school):
    return [
        MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn="7000001"),
        MentorFactory(school=school, first_name="Siân", last_name="Evans", trn="7000002"),
        MentorFactory(school=school, first_name="Łukasz", last_name="Nowak", trn="7000003"),
    ]


def test_claims_pages_and_their_states(new_page, check, school, coordinator, provider, mentors):
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/claims/")
    check(page, "claims-no-window-planned")
    today = timezone.localdate()
    later = ClaimWindow.objects.create(
        academic_year=AcademicYear.objects.get(start_year=AcademicYear.start_year_of(today)),
        opens_on=today + timedelta(days=40),
        closes_on=today + timedelta(days=60),
    )
    page.reload()
    page.get_by_text("The next claim window opens on").wait_for()
    check(page, "claims-next-window")
    ClaimWindowFactory()
    page.reload()
    check(page, "claims-before-grant-conditions")

    page.get_by_role("button", name="Read the grant conditions").click()
    page.get_by_role("heading", name="Grant conditions").wait_for()
    check(page, "grant-conditions")
    page.get_by_role("button", name="Accept grant conditions").click()
    page.get_by_text("You have accepted the grant conditions for Brookfield Primary School").wait_for()
    check(page, "claims-empty")

    # Another school has claimed all of Łukasz's hours with the provider, so he is not listed.
    elsewhere = MentorFactory(school=SchoolFactory(), trn=mentors[2].trn)
    make_claim(hours={elsewhere: 16}, provider=provider, start_year=later.academic_year.start_year)

    page.get_by_role("button", name="Add claim").click()
    page.get_by_label("Accredited provider").wait_for()
    check(page, "provider")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "provider-errors")
    page.get_by_label("Accredited provider").fill("Northshire")
    page.get_by_role("option", name="Northshire SCITT (N1S, Newcastle upon Tyne)").wait_for()
    check(page, "provider-suggestions")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Accredited provider").wait_for()
    check(page, "provider-results")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "provider-results-errors")
    page.get_by_label("Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Which mentors trained with Northshire SCITT?").wait_for()
    page.get_by_text("Why are some mentors not listed?").click()
    check(page, "mentors")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "mentors-errors")
    page.get_by_label("Siân Evans").check()
    page.get_by_label("Zoë O'Brien").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="How many hours of training did Siân Evans complete?").wait_for()
    check(page, "hours")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "hours-errors")
    page.get_by_label("Another amount").check()
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "hours-another-amount-errors")
    page.get_by_label("Number of hours").fill("17")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Number of hours must be between 1 and 16").first.wait_for()
    check(page, "hours-out-of-range")
    page.get_by_label("Number of hours").fill("10")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="How many hours of training did Zoë O'Brien complete?").wait_for()
    page.get_by_label("16 hours").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Confirm the training hours").wait_for()
    check(page, "confirm")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "confirm-errors")
    page.get_by_label("I have confirmed these training hours with Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Check your answers").wait_for()
    check(page, "check-your-answers")
    page.get_by_role("button", name="Submit claim").click()
    page.get_by_role("heading", name="Claim submitted").wait_for()
    check(page, "confirmation")

    for number in range(26):
        make_claim(hours={mentors[number % 2]: 1}, provider=provider, start_year=2025, reference=f"{number:08d}")
    page.goto(f"/schools/{school.urn}/claims/")
    check(page, "claims")
    page.get_by_role("link", name="Next").click()
    check(page, "claims-second-page")
    claim = Claim.objects.filter(total_hours=26).get()
    page.goto(f"/schools/{school.urn}/claims/{claim.pk}/")
    check(page, "claim")


def test_a_lead_mentor_sees_the_claims_and_the_grant_conditions(new_page, check, school, provider, mentors):
    lead_mentor = MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR, user__first_name="Tomasz").user
    ClaimWindowFactory()
    make_claim(hours={mentors[0]: 6}, provider=provider)
    page = new_page(lead_mentor)
    page.goto(f"/schools/{school.urn}/claims/")
    check(page, "claims-lead-mentor")
    page.get_by_role("link", name="Read the grant conditions").click()
    page.get_by_role("heading", name="Grant conditions").wait_for()
    check(page, "grant-conditions-lead-mentor")


def test_a_provider_whose_hours_are_all_claimed(new_page, check, school, coordinator, provider, mentors):
    window = ClaimWindowFactory()
    accept_grant_conditions(school=school, accepted_by=coordinator)
    for mentor in mentors:
        make_claim(hours={mentor: 16}, provider=provider, start_year=window.academic_year.start_year)
    page = new_page(coordinator, javascript=False)
    page.goto(f"/schools/{school.urn}/claims/add/")
    page.get_by_label("Accredited provider").fill("Northshire SCITT")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("No mentor at Brookfield Primary School has hours left to claim").first.wait_for()
    check(page, "provider-refused")


def test_the_provider_suggestions_are_those_for_the_latest_letters_typed(new_page, school, coordinator, provider):
    ClaimWindowFactory()
    accept_grant_conditions(school=school, accepted_by=coordinator)
    page = new_page(coordinator)
    held = []  # the request for "Northshire", answered only after the one for "Northshire S"

    def for_northshire(request):
        return parse_qs(urlsplit(request.url).query).get("q") == ["Northshire"]

    def answer(route):
        if for_northshire(route.request):
            held.append(route)
        else:
            route.continue_()

    page.route("**/providers/search/**", answer)
    page.goto(f"/schools/{school.urn}/claims/add/")
    page.get_by_label("Accredited provider").press_sequentially("Northshire S")
    options = page.get_by_role("option")
    options.get_by_text("Northshire SCITT").wait_for()
    assert held, "the slow request was not made"
    with page.expect_response(for_northshire):
        held[0].continue_()
    page.wait_for_timeout(200)  # for the page to have shown the late answer, if it were going to

    assert options.all_inner_texts() == ["Northshire SCITT (N1S, Newcastle upon Tyne)"]


def test_accept_the_grant_conditions_and_claim_for_two_mentors_with_the_keyboard_only(
    new_page, check, school, coordinator, provider, mentors
):
    ClaimWindowFactory()
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/claims/")
    tab_to_button(page, "Read the grant conditions")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Grant conditions").wait_for()
    tab_to_button(page, "Accept grant conditions")
    page.keyboard.press("Enter")
    page.get_by_text("You have accepted the grant conditions").wait_for()
    tab_to_button(page, "Add claim")
    page.keyboard.press("Enter")

    # The accessible autocomplete: type, arrow down to the suggestion, and Enter chooses it.
    page.get_by_label("Accredited provider").wait_for()
    tab_to(page, "id_provider")
    page.keyboard.type("Northshire S")
    page.get_by_role("option", name="Northshire SCITT (N1S, Newcastle upon Tyne)").wait_for()
    page.wait_for_load_state("networkidle")  # the suggestions for the last letter typed, as a person would see them
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Which mentors trained with Northshire SCITT?").wait_for()
    for checkbox in ("id_mentors_1", "id_mentors_2"):  # Siân Evans, then Łukasz Nowak
        tab_to(page, checkbox)
        page.keyboard.press("Space")
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="How many hours of training did Siân Evans complete?").wait_for()
    tab_to(page, "id_hours_1")
    page.keyboard.press("Space")  # 16 hours
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="How many hours of training did Łukasz Nowak complete?").wait_for()
    tab_to(page, "id_hours_1")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # Another amount, which reveals the number of hours
    tab_to(page, "id_other_hours")
    page.keyboard.type("10")
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Confirm the training hours").wait_for()
    tab_to(page, "id_confirmed_1")
    page.keyboard.press("Space")
    tab_to_button(page, "Continue")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Check your answers").wait_for()
    summary = page.locator("main").inner_text()
    for amount in ["16 hours: £857.60", "10 hours: £536.00", "26 hours", "£53.60 (Inner London)", "£1,393.60"]:
        assert amount in summary
    check(page, "check-your-answers")
    tab_to_button(page, "Submit claim")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Claim submitted").wait_for()

    claim = Claim.objects.get()
    assert page.locator(".govuk-panel__body").inner_text().split() == ["Your", "reference", "number", claim.reference]
    assert (claim.total_hours, claim.rate_pence, claim.amount_pence) == (26, 5360, 139_360)
    assert sorted(claim.mentors.values_list("mentor__first_name", "hours")) == [("Siân", 16), ("Łukasz", 10)]


def test_claiming_without_javascript_at_320_pixels_wide(new_page, check, school, coordinator, provider, mentors):
    window = ClaimWindowFactory()
    accept_grant_conditions(school=school, accepted_by=coordinator)
    page = new_page(coordinator, javascript=False, width=320, height=640)
    page.goto(f"/schools/{school.urn}/claims/add/")
    page.get_by_label("Accredited provider").fill("N1S")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Zoë O'Brien").check()
    page.get_by_role("button", name="Continue").click()
    # Without JavaScript the number of hours is always shown, and used only with Another amount.
    page.get_by_label("Another amount").check()
    page.get_by_label("Number of hours").fill("10")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I have confirmed these training hours with Northshire SCITT").check()
    page.get_by_role("button", name="Continue").click()
    check(page, "check-your-answers")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Submit claim").click()
    page.get_by_role("heading", name="Claim submitted").wait_for()
    assert Claim.objects.get().amount_pence == 53_600
    assert window.academic_year == Claim.objects.get().academic_year


def test_a_draft_claim_support_staff_made(new_page, check, school, coordinator, provider, mentors):
    """The draft's page, its check-and-submit page with the declaration, its error (grant conditions not yet
    accepted), and the claim once submitted."""
    ClaimWindowFactory()
    support = UserFactory(email="support@example.com", is_staff=True, is_superuser=True)
    draft = create_draft_claim(
        school=school, provider=provider, hours={mentors[0]: 16, mentors[1]: 10}, created_by=support
    )
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/claims/{draft.pk}/")
    check(page, "draft")
    page.get_by_role("button", name="Check and submit").click()
    page.get_by_role("heading", name=f"Check and submit claim {draft.reference}").wait_for()
    check(page, "check-and-submit")
    page.get_by_role("button", name="Submit claim").click()
    page.get_by_text("Accept the grant conditions before you submit the claim").first.wait_for()
    check(page, "check-and-submit-errors")
    accept_grant_conditions(school=school, accepted_by=coordinator)
    page.get_by_role("button", name="Submit claim").click()
    page.get_by_text(f"Claim {draft.reference} submitted").first.wait_for()
    check(page, "draft-submitted")
