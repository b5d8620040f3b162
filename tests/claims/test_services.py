"""Submitting a claim (claims.services): what it saves and sends, and every rule that refuses it."""

import uuid

import pytest
from django.utils import timezone

from claims import services
from claims.models import AcademicYear, Claim, FundingRate, FundingRegion, GrantConditionsAcceptance
from emails.models import Email
from schools.models import Membership
from tests.support.factories import (
    MembershipFactory,
    MentorFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    UserFactory,
    make_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentors(school):
    return [
        MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn="7000001"),
        MentorFactory(school=school, first_name="Siân", last_name="Evans", trn="7000002"),
    ]


def submit(school, provider, hours, user, journey_id=None):
    return services.submit_claim(
        school=school, provider=provider, hours=hours, submitted_by=user, journey_id=journey_id or uuid.uuid4()
    )


class TestSubmitting:
    @pytest.fixture
    def claim(self, window, accepted, school, coordinator, provider, mentors, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            return submit(school, provider, {mentors[0]: 16, mentors[1]: 10}, coordinator)

    def test_saves_the_claim_at_the_schools_rate_in_the_windows_year(self, claim, school, provider, window):
        assert claim.status == Claim.Status.SUBMITTED
        assert (claim.school, claim.provider, claim.academic_year) == (school, provider, window.academic_year)
        assert claim.funding_region.name == "Inner London"
        assert (claim.rate_pence, claim.total_hours, claim.amount_pence) == (5360, 26, 139_360)
        assert claim.submitted_by == claim.created_by == school.memberships.get().user
        assert claim.submitted_at <= timezone.now()
        assert sorted(claim.mentors.values_list("trn", "hours")) == [("7000001", 16), ("7000002", 10)]
        assert len(claim.reference) == 8 and claim.reference.isdigit()

    def test_its_history_starts_with_the_submission(self, claim, coordinator):
        assert list(claim.activities.values_list("transition", "from_status", "to_status", "by", "at")) == [
            ("submit", "draft", "submitted", coordinator.pk, claim.submitted_at)
        ]

    def test_a_later_change_of_rate_or_region_does_not_change_it(self, claim, school):
        FundingRate.objects.filter(academic_year=claim.academic_year).update(pence_per_hour=9999)
        school.funding_region = FundingRegion.objects.get(name="Fringe")
        school.save()
        claim.refresh_from_db()
        assert (claim.funding_region.name, claim.rate_pence, claim.amount_pence) == ("Inner London", 5360, 139_360)

    def test_emails_the_submitter(self, claim, coordinator):
        email = Email.objects.get(recipient=coordinator.email)
        assert email.kind == Email.Kind.CLAIM_SUBMITTED
        assert email.subject == f"Claim {claim.reference} submitted for Brookfield Primary School"
        for text in [
            f"Reference: {claim.reference}",
            "Accredited provider: Northshire SCITT",
            "Amount: £1,393.60 (26 hours at £53.60 an hour)",
            "- Zoë O'Brien: 16 hours, £857.60",
            "- Siân Evans: 10 hours, £536.00",
        ]:
            assert text in email.body

    def test_emails_the_providers_users_that_the_school_has_claimed(
        self, window, accepted, school, coordinator, provider, mentors, django_capture_on_commit_callbacks
    ):
        users = [ProviderMembershipFactory(provider=provider).user for _ in range(2)]
        ProviderMembershipFactory(provider=provider, user__is_active=False)
        ProviderMembershipFactory()  # of another provider
        with django_capture_on_commit_callbacks(execute=True):
            claim = submit(school, provider, {mentors[0]: 6}, coordinator)
        emails = Email.objects.filter(kind=Email.Kind.CLAIM_SUBMITTED_TO_PROVIDER)
        assert sorted(email.recipient for email in emails) == sorted(user.email for user in users)
        email = emails.first()
        assert (
            email.subject == "Brookfield Primary School has claimed funding for mentor training with Northshire SCITT"
        )
        assert f"Reference: {claim.reference}" in email.body
        assert "- Zoë O'Brien (TRN 7000001): 6 hours" in email.body

    def test_emails_the_schools_other_itt_coordinators_and_nobody_else(
        self, window, accepted, school, coordinator, provider, mentors
    ):
        colleague = MembershipFactory(school=school).user
        MembershipFactory(school=school, user__is_active=False)
        MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR)
        MembershipFactory()  # at another school
        submit(school, provider, {mentors[0]: 6}, coordinator)
        assert sorted(Email.objects.values_list("recipient", flat=True)) == sorted([coordinator.email, colleague.email])

    def test_the_same_journey_submitted_twice_makes_one_claim(
        self, window, accepted, school, coordinator, provider, mentors
    ):
        journey_id = uuid.uuid4()
        first = submit(school, provider, {mentors[0]: 6}, coordinator, journey_id)
        again = submit(school, provider, {mentors[0]: 6}, coordinator, journey_id)
        assert first == again
        assert Claim.objects.count() == 1
        assert Email.objects.count() == 1

    def test_a_reference_another_claim_has_is_drawn_again(
        self, window, accepted, school, coordinator, provider, mentors, monkeypatch
    ):
        make_claim(hours={MentorFactory(): 1}, reference="00000042")
        draws = iter([42, 42, 271828])
        monkeypatch.setattr(services.secrets, "randbelow", lambda limit: next(draws))
        claim = submit(school, provider, {mentors[0]: 6}, coordinator)
        assert claim.reference == "00271828"


class TestRefusing:
    """Each rule refuses the claim, and nothing is saved or sent."""

    def refused(self, exception, school, provider, hours, user):
        with pytest.raises(exception) as refusal:
            submit(school, provider, hours, user)
        assert not Claim.objects.filter(school=school).exists()
        assert not Email.objects.exists()
        return refusal.value

    def test_without_an_open_claim_window(self, accepted, school, coordinator, provider, mentors):
        self.refused(services.ClaimWindowClosed, school, provider, {mentors[0]: 6}, coordinator)

    def test_before_the_grant_conditions_are_accepted(self, window, school, coordinator, provider, mentors):
        self.refused(services.GrantConditionsNotAccepted, school, provider, {mentors[0]: 6}, coordinator)

    def test_a_provider_no_longer_accredited(self, window, accepted, school, coordinator, provider, mentors):
        provider.accredited = False
        provider.save()
        self.refused(services.ProviderNotAccredited, school, provider, {mentors[0]: 6}, coordinator)

    def test_a_mentor_removed_from_the_school(self, window, accepted, school, coordinator, provider, mentors):
        mentors[1].removed_at = timezone.now()
        mentors[1].save()
        self.refused(services.MentorNotAtSchool, school, provider, {mentors[0]: 6, mentors[1]: 6}, coordinator)

    def test_another_schools_mentor(self, window, accepted, school, coordinator, provider):
        self.refused(services.MentorNotAtSchool, school, provider, {MentorFactory(): 6}, coordinator)

    def test_no_rate_for_the_schools_region(self, window, accepted, school, coordinator, provider, mentors):
        FundingRate.objects.filter(academic_year=window.academic_year, region=school.funding_region).delete()
        self.refused(services.NoFundingRate, school, provider, {mentors[0]: 6}, coordinator)

    @pytest.mark.parametrize("hours", [None, 0, -1, 1.5, "6", True])
    def test_hours_that_are_not_whole_hours_of_at_least_one(
        self, window, accepted, school, coordinator, provider, mentors, hours
    ):
        claimed = {} if hours is None else {mentors[0]: hours}
        self.refused(ValueError, school, provider, claimed, coordinator)

    def test_more_hours_than_another_school_left(self, window, accepted, school, coordinator, provider, mentors):
        elsewhere = MentorFactory(school=SchoolFactory(), trn=mentors[0].trn)
        make_claim(hours={elsewhere: 10}, provider=provider, start_year=window.academic_year.start_year)
        refusal = self.refused(
            services.AllowanceExceeded, school, provider, {mentors[0]: 7, mentors[1]: 16}, coordinator
        )
        assert (refusal.mentor, refusal.left) == (mentors[0], 6)


def test_the_last_hour_of_an_allowance_may_be_claimed_and_no_more(
    window, accepted, school, coordinator, provider, mentors
):
    make_claim(hours={mentors[0]: 15}, provider=provider, start_year=window.academic_year.start_year)
    assert submit(school, provider, {mentors[0]: 1}, coordinator).total_hours == 1
    with pytest.raises(services.AllowanceExceeded):
        submit(school, provider, {mentors[0]: 1}, coordinator)


class TestAcceptingTheGrantConditions:
    def test_is_recorded_once_with_who_and_when(self, school, coordinator):
        acceptance = services.accept_grant_conditions(school=school, accepted_by=coordinator)
        assert (acceptance.school, acceptance.accepted_by) == (school, coordinator)
        later = services.accept_grant_conditions(school=school, accepted_by=UserFactory())
        assert later == acceptance
        assert later.accepted_by == coordinator
        assert GrantConditionsAcceptance.objects.count() == 1


def test_the_rule_data_decides_the_years_allowance(window, accepted, school, coordinator, provider, mentors):
    """A change of policy is a change of data: support staff give 2026 to 2027 twelve hours."""
    AcademicYear.objects.filter(pk=window.academic_year.pk).update(initial_hours=12)
    with pytest.raises(services.AllowanceExceeded):
        submit(school, provider, {mentors[0]: 13}, coordinator)
    assert submit(school, provider, {mentors[0]: 12}, coordinator).total_hours == 12
