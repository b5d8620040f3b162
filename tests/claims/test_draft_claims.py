"""Support staff's draft claims: made in admin by the add-claim rules, checked and submitted by one of the school's
ITT coordinators with the declaration, through the same rules as a claim the school adds."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from claims import services
from claims.models import Claim, FundingRate, GrantConditionsAcceptance, TrainingAllowance
from emails.models import Email
from schools.models import Membership
from tests.support.factories import MembershipFactory, MentorFactory, SchoolFactory, UserFactory, make_claim
from tests.support.html import soup

pytestmark = pytest.mark.django_db

DRAFT_URL = reverse("admin:claims_claim_draft")


@pytest.fixture
def mentors(school):
    return [
        MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn="7000001"),
        MentorFactory(school=school, first_name="Siân", last_name="Evans", trn="7000002"),
    ]


@pytest.fixture
def support(db):
    return UserFactory(email="support@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def draft(window, school, provider, mentors, support):
    return services.create_draft_claim(
        school=school, provider=provider, hours={mentors[0]: 16, mentors[1]: 10}, created_by=support
    )


def submit_url(claim):
    return reverse("claims:submit-draft", kwargs={"urn": claim.school.urn, "claim_id": claim.pk})


def detail_url(claim):
    return reverse("claims:detail", kwargs={"urn": claim.school.urn, "claim_id": claim.pk})


def text(response):
    return " ".join(soup(response).main.get_text(" ").split())


def error_summary(response):
    return [item.get_text(" ", strip=True) for item in soup(response).select(".govuk-error-summary__list li")]


class TestMakingADraft:
    def test_saves_a_draft_with_the_amounts_the_service_works_out(self, draft, school, provider, window, support):
        assert draft.status == Claim.Status.DRAFT
        assert (draft.school, draft.provider, draft.academic_year) == (school, provider, window.academic_year)
        assert (draft.rate_pence, draft.total_hours, draft.amount_pence) == (5360, 26, 139_360)
        assert (draft.created_by, draft.submitted_by, draft.submitted_at) == (support, None, None)
        assert sorted(draft.mentors.values_list("trn", "hours")) == [("7000001", 16), ("7000002", 10)]
        assert not draft.activities.exists()
        assert not Email.objects.exists()

    def test_needs_no_acceptance_of_the_grant_conditions_yet(self, draft):
        assert not GrantConditionsAcceptance.objects.filter(school=draft.school).exists()

    @pytest.mark.parametrize(
        "change, refusal",
        [
            ("no_window", services.ClaimWindowClosed),
            ("not_accredited", services.ProviderNotAccredited),
            ("mentor_removed", services.MentorNotAtSchool),
            ("no_rate", services.NoFundingRate),
            ("over_allowance", services.AllowanceExceeded),
        ],
    )
    def test_refused_by_each_add_claim_rule(self, change, refusal, window, school, provider, mentors, support):
        hours = {mentors[0]: 16}
        if change == "no_window":
            window.delete()
        elif change == "not_accredited":
            provider.accredited = False
            provider.save()
        elif change == "mentor_removed":
            hours = {MentorFactory(trn="7000009"): 4}
        elif change == "no_rate":
            FundingRate.objects.filter(region=school.funding_region).delete()
        else:
            hours = {mentors[0]: 1000}
        with pytest.raises(refusal):
            services.create_draft_claim(school=school, provider=provider, hours=hours, created_by=support)
        assert not Claim.objects.exists()

    def test_its_hours_count_towards_the_allowance(self, draft, school, provider, mentors, support):
        allowed = draft.academic_year.initial_hours
        with pytest.raises(services.AllowanceExceeded) as refused:
            services.create_draft_claim(
                school=school, provider=provider, hours={mentors[0]: allowed - 15}, created_by=support
            )
        assert refused.value.left == allowed - 16


class TestAdminForm:
    def post(self, client, **fields):
        return client.post(DRAFT_URL, {"urn": "", "provider_code": "", "mentors": "", **fields})

    def errors(self, response):
        return [error.get_text(" ", strip=True) for error in soup(response).select(".errorlist li")]

    def test_makes_the_draft_and_shows_it(self, client, window, school, provider, mentors, support):
        client.force_login(support)
        response = self.post(client, urn=school.urn, provider_code="n1s", mentors="7000001 16\n\n7000002, 10\n")
        claim = Claim.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("admin:claims_claim_change", args=[claim.pk])
        assert (claim.status, claim.total_hours, claim.amount_pence, claim.created_by) == (
            "draft",
            26,
            139_360,
            support,
        )

    @pytest.mark.parametrize(
        "fields, error",
        [
            ({"urn": "999999"}, "No school has this URN"),
            ({"provider_code": "ZZZ"}, "No accredited provider has this code"),
            ({"mentors": "7000001"}, "Line 1: enter a TRN of 7 digits, then whole hours of at least 1"),
            ({"mentors": "7000001 0"}, "Line 1: enter a TRN of 7 digits, then whole hours of at least 1"),
            ({"mentors": "7000001 4\n7000001 5"}, "Line 2: 7000001 is on an earlier line"),
            ({"mentors": "7000001 4\n7999999 5"}, "Not a current mentor at Brookfield Primary School: 7999999"),
            ({"mentors": "7000001 1000"}, "Zoë O'Brien has 16 hours left with the provider this academic year"),
        ],
    )
    def test_refuses_with_a_reason(self, fields, error, client, window, school, provider, mentors, support):
        client.force_login(support)
        response = self.post(client, **{"urn": school.urn, "provider_code": "N1S", "mentors": "7000001 4", **fields})
        assert response.status_code == 200
        assert error in self.errors(response)
        assert not Claim.objects.exists()

    def test_refused_when_no_window_is_open(self, client, school, provider, mentors, support):
        client.force_login(support)
        response = self.post(client, urn=school.urn, provider_code="N1S", mentors="7000001 4")
        assert self.errors(response) == ["No claim window is open: a claim is for the open window's academic year"]

    def test_fuzzed_it_never_fails_and_saves_only_what_holds(self, client, window, school, provider, mentors, support):
        client.force_login(support)
        junk = st.one_of(st.text(), st.sampled_from(["", "0", "-1", "9" * 25, "\x00", "７０００００１ 4"]))
        lines = st.lists(
            st.tuples(st.sampled_from(["7000001", "7000002", "7999999", "700000", "x"]), st.integers(-2, 40)),
            max_size=4,
        ).map(lambda pairs: "\n".join(f"{trn} {number}" for trn, number in pairs))

        @hypothesis_settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(
            urn=st.one_of(st.just(str(school.urn)), junk),
            code=st.one_of(st.sampled_from(["N1S", "n1s", " N1S "]), junk),
            mentors=st.one_of(lines, junk),
        )
        def post(urn, code, mentors):
            with transaction.atomic():
                response = self.post(client, urn=urn, provider_code=code, mentors=mentors)
                assert response.status_code in (200, 302)
                if response.status_code == 200:
                    assert self.errors(response) and not Claim.objects.exists()
                else:
                    claim = Claim.objects.get()
                    assert claim.status == Claim.Status.DRAFT
                    assert claim.amount_pence == claim.total_hours * claim.rate_pence
                transaction.set_rollback(True)

        post()

    def test_staff_without_the_permission_are_refused(self, client, window):
        client.force_login(UserFactory(is_staff=True))
        assert client.get(DRAFT_URL).status_code == 403

    def test_the_claims_list_links_to_it(self, client, support):
        client.force_login(support)
        assert soup(client.get(reverse("admin:claims_claim_changelist"))).find("a", href=DRAFT_URL)


class TestSchoolPages:
    @pytest.fixture
    def coordinator_client(self, client, coordinator):
        client.force_login(coordinator)
        return client

    def test_the_list_shows_it_as_a_draft(self, coordinator_client, draft):
        page = text(coordinator_client.get(reverse("claims:list", kwargs={"urn": draft.school.urn})))
        assert (
            f"Reference {draft.reference} Accredited provider Northshire SCITT Date submitted Not submitted "
            "Status Draft Amount £1,393.60"
        ) in page

    def test_its_page_offers_check_and_submit_to_a_coordinator(self, coordinator_client, draft):
        button = soup(coordinator_client.get(detail_url(draft))).find("a", class_="govuk-button")
        assert (button.get_text(strip=True), button["href"]) == ("Check and submit", submit_url(draft))

    def test_a_lead_mentor_sees_it_but_cannot_submit_it(self, client, draft, accepted):
        client.force_login(MembershipFactory(school=draft.school, role=Membership.Role.LEAD_MENTOR).user)
        response = client.get(detail_url(draft))
        assert response.status_code == 200 and not soup(response).find("a", string="Check and submit")
        assert client.get(submit_url(draft)).status_code == 403
        assert client.post(submit_url(draft)).status_code == 403
        draft.refresh_from_db()
        assert draft.status == Claim.Status.DRAFT

    def test_check_and_submit_shows_the_claim_and_the_declaration(self, coordinator_client, draft):
        response = coordinator_client.get(submit_url(draft))
        page = text(response)
        assert soup(response).h1.get_text(" ", strip=True) == "Brookfield Primary School Check and submit claim " + (
            draft.reference
        )
        for shown in [
            "Zoë O'Brien 16 hours: £857.60",
            "Total amount £1,393.60",
            "By submitting this claim, I confirm that:",
            "I am authorised to claim for Brookfield Primary School",
            "We will share the claim with Northshire SCITT",
        ]:
            assert shown in page
        assert soup(response).find("button", string=lambda found: found and found.strip() == "Submit claim")

    def test_submitting_runs_submit_claims_rules_and_emails(
        self, coordinator_client, coordinator, draft, accepted, django_capture_on_commit_callbacks
    ):
        FundingRate.objects.filter(region=draft.school.funding_region).update(pence_per_hour=6000)
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(submit_url(draft))
        assert response.url == detail_url(draft)
        draft.refresh_from_db()
        assert draft.status == Claim.Status.SUBMITTED
        assert (draft.submitted_by, draft.rate_pence, draft.amount_pence) == (coordinator, 6000, 156_000)
        assert list(draft.activities.values_list("transition", "from_status", "to_status", "by")) == [
            ("submit", "draft", "submitted", coordinator.pk)
        ]
        assert Email.objects.filter(kind=Email.Kind.CLAIM_SUBMITTED, recipient=coordinator.email).exists()
        assert set(TrainingAllowance.objects.values_list("trn", flat=True)) == {"7000001", "7000002"}

    def test_a_submitted_claim_redirects_to_its_page(self, coordinator_client, draft, accepted):
        coordinator_client.post(submit_url(draft))
        assert coordinator_client.get(submit_url(draft)).url == detail_url(draft)
        assert coordinator_client.post(submit_url(draft)).url == detail_url(draft)
        assert draft.activities.count() == 1

    @pytest.mark.parametrize(
        "change, error",
        [
            ("not_accepted", "Accept the grant conditions before you submit the claim"),
            ("no_window", "You cannot submit the claim: no claim window is open for its academic year"),
            (
                "not_accredited",
                "Northshire SCITT is no longer accredited: contact us at {support}, quoting the claim's reference",
            ),
            (
                "mentor_removed",
                "A mentor in the claim is no longer one of your mentors: contact us at {support}, quoting the "
                "claim's reference",
            ),
            (
                "no_rate",
                "We have not set an hourly rate for your school yet: contact us at {support}, quoting the claim's "
                "reference",
            ),
            (
                "over_allowance",
                "Zoë O'Brien has 15 hours left with Northshire SCITT: contact us at {support}, quoting the claim's "
                "reference",
            ),
        ],
    )
    def test_refused_with_the_reason_and_nothing_changed(
        self, change, error, coordinator_client, coordinator, draft, mentors, window, settings
    ):
        if change != "not_accepted":
            services.accept_grant_conditions(school=draft.school, accepted_by=coordinator)
        if change == "no_window":
            window.delete()
        elif change == "not_accredited":
            draft.provider.accredited = False
            draft.provider.save()
        elif change == "mentor_removed":
            mentors[0].removed_at = window.opens_at
            mentors[0].save()
        elif change == "no_rate":
            FundingRate.objects.filter(region=draft.school.funding_region).delete()
        elif change == "over_allowance":
            other = SchoolFactory()
            moved = MentorFactory(school=other, trn="7000001")
            make_claim(
                hours={moved: 1},
                provider=draft.provider,
                start_year=draft.academic_year.start_year,
            )
        response = coordinator_client.post(submit_url(draft))
        assert response.status_code == 200
        assert error_summary(response) == [error.format(support=settings.SUPPORT_EMAIL)]
        assert soup(response).title.get_text().startswith("Error: ")
        draft.refresh_from_db()
        assert draft.status == Claim.Status.DRAFT and not draft.activities.exists()
        assert not Email.objects.exists()


@pytest.mark.usefixtures("committed_db")  # the two submits run in threads of their own
def test_a_double_submit_makes_one_submission(window, school, provider, mentors, support, coordinator):
    services.accept_grant_conditions(school=school, accepted_by=coordinator)
    draft = services.create_draft_claim(school=school, provider=provider, hours={mentors[0]: 4}, created_by=support)

    def submit(_):
        try:
            return services.submit_draft_claim(claim=Claim.objects.get(pk=draft.pk), submitted_by=coordinator)
        except services.TransitionRefused:
            return None

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(submit, range(2)))
    assert sum(result is not None for result in results) == 1
    draft.refresh_from_db()
    assert draft.status == Claim.Status.SUBMITTED and draft.activities.count() == 1
    assert Email.objects.filter(kind=Email.Kind.CLAIM_SUBMITTED).count() == 1
