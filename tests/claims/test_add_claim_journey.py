"""The add-claim journey through its pages, as a coordinator answers it: every question's words, each error
message, who is offered and why others are not, check your answers, submitting, and what happens when another
school claims the same mentor's hours meanwhile."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimWindow, FundingRate
from schools.models import Membership
from tests.support.factories import MembershipFactory, MentorFactory, ProviderFactory, SchoolFactory, make_claim
from tests.support.html import (
    caption,
    checked_radio,
    error_summary,
    heading,
    inline_errors,
    radio_labels,
    soup,
    summary_rows,
    title,
)
from tests.support.journeys import AddClaimJourney, checkbox_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoe(school):
    return MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn="7000001")


@pytest.fixture
def sian(school):
    return MentorFactory(school=school, first_name="Siân", last_name="Evans", trn="7000002")


@pytest.fixture
def journey(client, coordinator, school, window, accepted, zoe, sian):
    client.force_login(coordinator)
    return AddClaimJourney(client, school)


def text(response):
    return " ".join(soup(response).main.get_text(" ").split())


def claimed_elsewhere(mentor, provider, hours, window, school=None, **fields):
    """Another school's claim for the same person (TRN) with the provider this academic year."""
    elsewhere = MentorFactory(school=school or SchoolFactory(), trn=mentor.trn, first_name=mentor.first_name)
    return make_claim(hours={elsewhere: hours}, provider=provider, start_year=window.academic_year.start_year, **fields)


class TestStarting:
    def test_a_coordinator_starts_at_the_provider(self, client, coordinator, school, window, accepted):
        client.force_login(coordinator)
        response = client.get(reverse("claims:add", kwargs={"urn": school.urn}))
        assert response.url.endswith("/provider/")

    def test_a_lead_mentor_may_not(self, client, school, window, accepted):
        client.force_login(MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR).user)
        assert client.get(reverse("claims:add", kwargs={"urn": school.urn})).status_code == 403

    def test_before_the_grant_conditions_are_accepted_they_are_asked_for(self, client, coordinator, school, window):
        client.force_login(coordinator)
        response = client.get(reverse("claims:add", kwargs={"urn": school.urn}))
        assert response.url == reverse("claims:grant-conditions", kwargs={"urn": school.urn})

    def test_without_an_open_window_the_claims_page_says_why(self, client, coordinator, school, accepted):
        client.force_login(coordinator)
        response = client.get(reverse("claims:add", kwargs={"urn": school.urn}))
        assert response.url == reverse("claims:list", kwargs={"urn": school.urn})

    def test_without_a_rate_for_the_schools_region(self, client, coordinator, school, window, accepted):
        FundingRate.objects.filter(academic_year=window.academic_year, region=school.funding_region).delete()
        client.force_login(coordinator)
        response = client.get(reverse("claims:add", kwargs={"urn": school.urn}))
        assert response.url == reverse("claims:list", kwargs={"urn": school.urn})

    def test_a_window_that_closes_during_the_journey_sends_the_school_back_to_its_claims(
        self, journey, provider, window
    ):
        journey.choose_provider(provider)
        ClaimWindow.objects.filter(pk=window.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
        assert journey.get("mentors").url == reverse("claims:list", kwargs={"urn": journey.school.urn})

    def test_a_window_that_closes_as_the_claim_is_submitted_saves_nothing(self, journey, provider, zoe, monkeypatch):
        journey.answer_all(provider, {zoe: 4})

        def closed(**kwargs):
            raise services.ClaimWindowClosed

        monkeypatch.setattr(services, "submit_once", closed)
        response = journey.post("check-your-answers", {})
        assert response.url == reverse("claims:list", kwargs={"urn": journey.school.urn})
        assert not Claim.objects.exists()


class TestTheProvider:
    def test_is_asked_by_a_field_labelled_accredited_provider(self, journey):
        response = journey.get("provider")
        assert heading(response) == "Accredited provider"
        assert caption(response) == "Add claim"
        assert title(response) == "Accredited provider – Manage ITT mentors – GOV.UK"

    def test_chosen_from_the_autocomplete_goes_straight_to_the_mentors(self, journey, provider):
        response = journey.choose_provider(provider)
        assert response.url == journey.url("mentors")

    def test_without_javascript_the_search_finds_radios_labelled_with_each_providers_name(self, journey, provider):
        ProviderFactory(name="Northshire University")
        journey.post("provider", {"provider": "Northshire"})
        results = journey.get("provider-results")
        assert sorted(radio_labels(results)) == ["Northshire SCITT", "Northshire University"]
        assert journey.choose("provider-results", "provider", "Northshire SCITT").url == journey.url("mentors")

    def test_a_provider_no_longer_accredited_cannot_be_chosen(self, journey, provider):
        ProviderFactory(name="Westshire SCITT", code="W1S", accredited=False)
        response = journey.post("provider", {"provider": "Westshire SCITT", "provider_code": "W1S"})
        assert error_summary(response) == [
            "No accredited provider matches ‘Westshire SCITT’. Check the spelling, or search by name, code, UKPRN, "
            "URN or postcode"
        ]

    def test_a_provider_whose_hours_are_all_claimed_is_refused(self, journey, provider, zoe, sian, window):
        for mentor in (zoe, sian):
            claimed_elsewhere(mentor, provider, 16, window)
        response = journey.choose_provider(provider)
        assert error_summary(response) == [
            "No mentor at Brookfield Primary School has hours left to claim with Northshire SCITT in 2026 to 2027"
        ]


class TestTheMentors:
    def test_are_the_schools_current_mentors_by_name_with_their_trn(self, journey, provider, school):
        removed = MentorFactory(school=school, first_name="Ada", last_name="Gone", removed_at=timezone.now())
        MentorFactory(first_name="Elsewhere")  # at another school
        journey.choose_provider(provider)
        response = journey.get("mentors")
        assert heading(response) == "Which mentors trained with Northshire SCITT?"
        assert list(checkbox_values(response, "mentors")) == ["Siân Evans", "Zoë O'Brien"]
        hints = [hint.get_text(strip=True) for hint in soup(response).select(".govuk-checkboxes__hint")]
        assert hints == ["TRN 7000002", "TRN 7000001"]
        assert removed.full_name not in text(response)
        assert "Why are some mentors not listed?" not in text(response)

    def test_say_why_a_mentor_is_not_listed(self, journey, provider, school, zoe, sian, window):
        ada = MentorFactory(school=school, first_name="Ada", last_name="Lovelace", trn="7000003")
        grace = MentorFactory(school=school, first_name="Grace", last_name="Hopper", trn="7000004")
        claimed_elsewhere(zoe, provider, 16, window)
        make_claim(hours={sian: 16}, provider=provider, start_year=2026)
        claimed_elsewhere(ada, provider, 6, window, status=Claim.Status.DRAFT)
        make_claim(hours={ada: 10}, provider=provider, start_year=2026)
        make_claim(hours={grace: 20}, provider=provider, start_year=2024)  # a refresher this year
        make_claim(hours={grace: 6}, provider=provider, start_year=2026)
        make_claim(hours={MentorFactory(school=school, first_name="Mary", last_name="Seacole"): 16})  # another provider
        journey.choose_provider(provider)
        response = journey.get("mentors")
        assert list(checkbox_values(response, "mentors")) == ["Mary Seacole"]
        reasons = [item.get_text(" ", strip=True) for item in soup(response).select(".govuk-details__text li")]
        assert reasons == [
            "Siân Evans (TRN 7000002): all 16 hours of training with Northshire SCITT in 2026 to 2027 have been "
            "claimed by Brookfield Primary School",
            "Grace Hopper (TRN 7000004): all 6 hours of refresher training with Northshire SCITT in 2026 to 2027 "
            "have been claimed by Brookfield Primary School",
            "Ada Lovelace (TRN 7000003): all 16 hours of training with Northshire SCITT in 2026 to 2027 have been "
            "claimed by Brookfield Primary School and another school",
            "Zoë O'Brien (TRN 7000001): all 16 hours of training with Northshire SCITT in 2026 to 2027 have been "
            "claimed by another school",
        ]

    def test_none_chosen(self, journey, provider):
        journey.choose_provider(provider)
        response = journey.post("mentors", {})
        assert error_summary(response) == ["Select the mentors who trained with Northshire SCITT"]
        assert title(response).startswith("Error: ")

    def test_one_that_is_not_offered(self, journey, provider):
        journey.choose_provider(provider)
        response = journey.post("mentors", {"mentors": [str(MentorFactory().pk)]})
        assert error_summary(response) == ["Select the mentors who trained with Northshire SCITT"]

    def test_one_whose_hours_were_claimed_meanwhile_is_named(self, journey, provider, zoe, window):
        journey.choose_provider(provider)
        claimed_elsewhere(zoe, provider, 16, window)
        response = journey.post("mentors", {"mentors": [str(zoe.pk)]})
        assert error_summary(response) == [
            "Zoë O'Brien has no hours left to claim with Northshire SCITT in 2026 to 2027"
        ]


NOW_LEFT = (
    "Zoë O'Brien now has 16 hours left to claim with Northshire SCITT: select how many hours of training they completed"
)


class TestTheHours:
    @pytest.fixture
    def asked(self, journey, provider, zoe):
        journey.choose_provider(provider)
        journey.choose_mentors("Zoë O'Brien")
        return journey.hours_step(zoe)

    def test_are_asked_for_each_mentor_with_what_is_left(self, journey, provider, zoe, sian, window):
        claimed_elsewhere(sian, provider, 10, window)
        journey.choose_provider(provider)
        response = journey.choose_mentors("Zoë O'Brien", "Siân Evans")
        # In the list's order: Siân Evans, then Zoë O'Brien.
        assert response.url == journey.url(journey.hours_step(sian))
        page = journey.get(journey.hours_step(sian))
        assert heading(page) == "How many hours of training did Siân Evans complete?"
        assert radio_labels(page) == ["6 hours", "Another amount"]
        assert "Siân has 6 hours left to claim with Northshire SCITT in 2026 to 2027." in text(page)
        assert soup(page).select_one("label[for=id_other_hours]").get_text(strip=True) == "Number of hours"
        assert journey.claim_hours(sian).url == journey.url(journey.hours_step(zoe))
        assert radio_labels(journey.get(journey.hours_step(zoe))) == ["16 hours", "Another amount"]

    @pytest.mark.parametrize(
        "answer, message",
        [
            ({}, "Select how many hours of training Zoë O'Brien completed"),
            ({"hours": "another"}, "Enter the number of hours"),
            ({"hours": "another", "other_hours": "  "}, "Enter the number of hours"),
            ({"hours": "another", "other_hours": "ten"}, "Number of hours must be a whole number"),
            ({"hours": "another", "other_hours": "1.5"}, "Number of hours must be a whole number"),
            ({"hours": "another", "other_hours": "٣"}, "Number of hours must be a whole number"),
            ({"hours": "another", "other_hours": "0"}, "Number of hours must be between 1 and 16"),
            ({"hours": "another", "other_hours": "17"}, "Number of hours must be between 1 and 16"),
            ({"hours": "another", "other_hours": "-3"}, "Number of hours must be between 1 and 16"),
            ({"hours": "another", "other_hours": "9" * 30}, "Number of hours must be between 1 and 16"),
            ({"hours": "20"}, NOW_LEFT),
        ],
    )
    def test_errors(self, journey, asked, answer, message):
        response = journey.post(asked, answer)
        assert error_summary(response) == [message]
        assert inline_errors(response) == [message]

    def test_another_amount(self, journey, asked):
        assert journey.post(asked, {"hours": "another", "other_hours": " 12 "}).url == journey.url("confirm")
        page = journey.get(asked)
        assert checked_radio(page) == "Another amount"
        assert soup(page).select_one("#id_other_hours")["value"] == "12"

    def test_a_number_left_in_the_hidden_box_is_ignored(self, journey, asked):
        assert journey.post(asked, {"hours": "16", "other_hours": "not even a number"}).url == journey.url("confirm")


class TestConfirming:
    def test_the_hours_with_the_provider(self, journey, provider, zoe):
        journey.choose_provider(provider)
        journey.choose_mentors("Zoë O'Brien")
        journey.claim_hours(zoe)
        page = journey.get("confirm")
        assert heading(page) == "Confirm the training hours"
        assert list(checkbox_values(page, "confirmed")) == [
            "I have confirmed these training hours with Northshire SCITT"
        ]
        response = journey.post("confirm", {})
        assert error_summary(response) == ["Confirm that you have checked these training hours with Northshire SCITT"]
        assert journey.confirm().url == journey.url("check-your-answers")


class TestCheckYourAnswers:
    @pytest.fixture
    def answered(self, journey, provider, zoe, sian):
        journey.answer_all(provider, {sian: 10, zoe: None})
        return journey.get("check-your-answers")

    def test_shows_the_claim_and_what_it_comes_to(self, journey, answered, zoe, sian):
        assert heading(answered) == "Check your answers"
        assert summary_rows(answered) == [
            ("Accredited provider", "Northshire SCITT", "Change accredited provider"),
            ("Mentors", "Siân Evans Zoë O'Brien", "Change mentors"),
            ("Siân Evans", "10 hours: £536.00", "Change hours of training for Siân Evans"),
            ("Zoë O'Brien", "16 hours: £857.60", "Change hours of training for Zoë O'Brien"),
            ("Total hours", "26 hours", None),
            ("Hourly rate", "£53.60 (Inner London)", None),
            ("Total amount", "£1,393.60", None),
        ]
        page = text(answered)
        for point in [
            "the claim is only for general ITT mentors, not for mentors of early career teachers (ECTs)",
            "I am authorised to claim for Brookfield Primary School",
            "Brookfield Primary School has read and accepted the grant conditions",
            "the information in this claim is accurate, and the funding has been or will be spent on the mentors’ "
            "training",
            "Brookfield Primary School will provide evidence to support this claim if the Department for Education "
            "asks for it",
        ]:
            assert point in page
        assert soup(answered).find("button", string=lambda found: found.strip() == "Submit claim")

    def test_change_links_return_here(self, journey, answered, zoe):
        links = {
            link.get_text(" ", strip=True): link["href"]
            for link in soup(answered).select(".govuk-summary-list__actions a")
        }
        change = links["Change hours of training for Zoë O'Brien"]
        assert change == journey.url(journey.hours_step(zoe)) + "?change"
        response = journey.client.post(change, {"hours": "another", "other_hours": "3"})
        assert response.url == journey.url("check-your-answers")
        assert ("Zoë O'Brien", "3 hours: £160.80", "Change hours of training for Zoë O'Brien") in summary_rows(
            journey.get("check-your-answers")
        )

    def test_choosing_another_mentor_asks_their_hours_then_returns(self, journey, answered, school):
        ada = MentorFactory(school=school, first_name="Ada", last_name="Lovelace")
        chosen = [str(ada.pk), *checkbox_values(journey.get("mentors"), "mentors").values()]
        response = journey.post("mentors", {"mentors": chosen}, "?change")
        assert response.url == journey.url(journey.hours_step(ada)) + "?change"
        response = journey.client.post(response.url, {"hours": "another", "other_hours": "2"})
        assert response.url == journey.url("check-your-answers")
        rows = summary_rows(journey.get("check-your-answers"))
        assert ("Total hours", "28 hours", None) in rows

    def test_submitting_makes_the_claim_and_shows_its_reference(self, journey, answered, coordinator, zoe, sian):
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url("confirmation")
        claim = Claim.objects.get()
        page = journey.get("confirmation")
        panel = soup(page).select_one(".govuk-panel")
        assert panel.select_one(".govuk-panel__title").get_text(strip=True) == "Claim submitted"
        assert " ".join(panel.select_one(".govuk-panel__body").get_text(" ").split()) == (
            f"Your reference number {claim.reference}"
        )
        assert (claim.total_hours, claim.amount_pence, claim.status) == (26, 139_360, Claim.Status.SUBMITTED)
        assert dict(claim.mentors.values_list("mentor", "hours")) == {sian.pk: 10, zoe.pk: 16}

    def test_a_submitted_claim_cannot_be_changed_through_the_journey(self, journey, answered):
        journey.post("check-your-answers", {})
        for step in ["provider", "mentors", "check-your-answers"]:
            assert journey.get(step).url == journey.url("confirmation")
        assert journey.post("mentors", {"mentors": []}).url == journey.url("confirmation")
        assert journey.post("check-your-answers", {}).url == journey.url("confirmation")
        assert Claim.objects.count() == 1

    def test_emails_are_sent_once_the_claim_is_saved(
        self, journey, answered, coordinator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            journey.post("check-your-answers", {})
        claim = Claim.objects.get()
        assert [(message.to, message.subject) for message in mail.outbox] == [
            ([coordinator.email], f"Claim {claim.reference} submitted for Brookfield Primary School")
        ]


class TestAnotherSchoolClaimingMeanwhile:
    """Hours another school claims for the same mentor and provider are counted on the next page, and when this
    school submits: it can never claim more than is left."""

    @pytest.fixture
    def claimed_while_submitting(self, monkeypatch, window):
        """Makes another school's claim at the moment this school's claim is submitted: after check your answers
        has checked every answer (tests/claims/test_concurrent_claims.py races two real requests)."""

        def claim(mentor, provider, hours):
            submit_once = services.submit_once

            def other_school_first(**kwargs):
                claimed_elsewhere(mentor, provider, hours, window)
                monkeypatch.setattr(services, "submit_once", submit_once)  # once
                return submit_once(**kwargs)

            monkeypatch.setattr(services, "submit_once", other_school_first)

        return claim

    def test_while_submitting_the_hours_are_asked_again(self, journey, provider, zoe, claimed_while_submitting):
        journey.answer_all(provider, {zoe: None})
        claimed_while_submitting(zoe, provider, 10)
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url(journey.hours_step(zoe)) + "?change"
        page = journey.client.get(response.url)
        assert error_summary(page) == [
            "Zoë O'Brien now has 6 hours left to claim with Northshire SCITT: select how many hours of training "
            "they completed"
        ]
        assert not Claim.objects.filter(school=journey.school).exists()
        assert journey.client.post(response.url, {"hours": "6"}).url == journey.url("check-your-answers")
        assert journey.post("check-your-answers", {}).url == journey.url("confirmation")
        assert Claim.objects.get(school=journey.school).total_hours == 6

    def test_while_submitting_another_amount_now_too_many(self, journey, provider, zoe, claimed_while_submitting):
        journey.answer_all(provider, {zoe: 8})
        claimed_while_submitting(zoe, provider, 10)
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url(journey.hours_step(zoe)) + "?change"
        assert error_summary(journey.client.get(response.url)) == ["Number of hours must be between 1 and 6"]

    def test_while_submitting_all_of_their_hours_taken(self, journey, provider, zoe, sian, claimed_while_submitting):
        journey.answer_all(provider, {sian: 4, zoe: 4})
        claimed_while_submitting(zoe, provider, 16)
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url("mentors") + "?change"
        assert error_summary(journey.client.get(response.url)) == [
            "Zoë O'Brien has no hours left to claim with Northshire SCITT in 2026 to 2027"
        ]

    def test_before_check_your_answers_is_submitted(self, journey, provider, zoe, window):
        journey.answer_all(provider, {zoe: None})
        claimed_elsewhere(zoe, provider, 10, window)
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url(journey.hours_step(zoe))
        assert "now has 6 hours left" in error_summary(journey.client.get(response.url))[0]
        assert not Claim.objects.filter(school=journey.school).exists()

    def test_the_provider_no_longer_accredited_asks_for_the_provider_again(self, journey, provider, zoe):
        journey.answer_all(provider, {zoe: 4})
        provider.accredited = False
        provider.save()
        response = journey.post("check-your-answers", {})
        assert response.url == journey.url("provider")
        assert not Claim.objects.exists()

    def test_a_second_school_can_claim_only_what_is_left(self, client, journey, provider, zoe, window):
        journey.answer_all(provider, {zoe: 10})
        journey.post("check-your-answers", {})
        other_school = SchoolFactory(name="Oakwood Academy")
        same_teacher = MentorFactory(school=other_school, first_name="Zoë", last_name="O'Brien", trn=zoe.trn)
        other_coordinator = MembershipFactory(school=other_school).user
        from claims.services import accept_grant_conditions

        accept_grant_conditions(school=other_school, accepted_by=other_coordinator)
        client.force_login(other_coordinator)
        second = AddClaimJourney(client, other_school)
        second.choose_provider(provider)
        second.choose_mentors("Zoë O'Brien")
        page = second.get(second.hours_step(same_teacher))
        assert radio_labels(page) == ["6 hours", "Another amount"]
        response = second.post(second.hours_step(same_teacher), {"hours": "another", "other_hours": "7"})
        assert error_summary(response) == ["Number of hours must be between 1 and 6"]
        second.claim_hours(same_teacher)
        second.confirm()
        second.post("check-your-answers", {})
        assert sorted(Claim.objects.values_list("total_hours", flat=True)) == [6, 10]
