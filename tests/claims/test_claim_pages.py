"""A school's claims pages: the list, a claim's details and the grant conditions, as coordinators and lead mentors
see them."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import AcademicYear, Claim, ClaimActivity, ClaimWindow, GrantConditionsAcceptance, Transition
from claims.services import move
from schools.models import Membership
from tests.support.factories import (
    MembershipFactory,
    MentorFactory,
    ProviderFactory,
    SchoolFactory,
    UserFactory,
    make_claim,
)
from tests.support.html import heading, soup, summary_rows

pytestmark = pytest.mark.django_db


def list_url(school):
    return reverse("claims:list", kwargs={"urn": school.urn})


def grant_conditions_url(school):
    return reverse("claims:grant-conditions", kwargs={"urn": school.urn})


def text(response):
    return " ".join(soup(response).main.get_text(" ").split())


@pytest.fixture
def lead_mentor_client(client, school):
    client.force_login(MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR).user)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def cell_text(cell):
    """A table cell's text, without the column heading that small screens show in it."""
    for small_screen_heading in cell.select(".app-responsive-table__heading"):
        small_screen_heading.extract()
    return " ".join(cell.get_text(" ").split())


def add_claim_button(response):
    return soup(response).find("a", class_="govuk-button", string=lambda found: found and found.strip() == "Add claim")


class TestTheList:
    def test_is_in_the_schools_navigation(self, coordinator_client, school):
        page = soup(coordinator_client.get(reverse("mentors:list", kwargs={"urn": school.urn})))
        links = {link.get_text(strip=True): link["href"] for link in page.select("a.govuk-service-navigation__link")}
        assert links["Claims"] == list_url(school)
        page = soup(coordinator_client.get(list_url(school)))
        active = page.select_one(".govuk-service-navigation__item--active")
        assert active.get_text(strip=True) == "Claims"

    def test_lists_the_schools_claims_newest_first(self, coordinator_client, school, window, accepted):
        provider = ProviderFactory(name="Northshire SCITT")
        mentor = MentorFactory(school=school)
        older = make_claim(hours={mentor: 4}, provider=provider, reference="11111111", rate_pence=4380)
        newer = make_claim(hours={mentor: 10}, provider=provider, reference="22222222", rate_pence=5360)
        Claim.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
        rejected = make_claim(hours={mentor: 1}, provider=provider, reference="33333333", status=Claim.Status.NOT_PAID)
        Claim.objects.filter(pk=rejected.pk).update(created_at=timezone.now() - timedelta(days=9))
        make_claim(hours={MentorFactory(): 16})  # another school's
        page = soup(coordinator_client.get(list_url(school)))
        assert [cell.get_text(strip=True) for cell in page.select("thead th")] == [
            "Reference",
            "Accredited provider",
            "Date submitted",
            "Status",
            "Amount",
        ]
        rows = [[cell_text(cell) for cell in row.select("td")] for row in page.select("tbody tr")]
        today = f"{timezone.localdate():%-d %B %Y}"
        assert [row[0] for row in rows] == ["22222222", "11111111", "33333333"]
        assert rows[0][1:] == ["Northshire SCITT", today, "Submitted", "£536.00"]
        assert rows[2][3:] == ["Not paid", "£43.80"]
        link = page.select_one("tbody a")
        assert link["href"] == reverse("claims:detail", kwargs={"urn": school.urn, "claim_id": newer.pk})

    def test_shows_25_claims_a_page(self, coordinator_client, school):
        mentor = MentorFactory(school=school)
        for number in range(26):
            make_claim(hours={mentor: 1}, reference=f"{number:08d}")
        first = soup(coordinator_client.get(list_url(school)))
        assert len(first.select("tbody tr")) == 25
        second = coordinator_client.get(list_url(school), {"page": 2})
        assert len(soup(second).select("tbody tr")) == 1

    def test_without_claims(self, coordinator_client, school):
        assert "Brookfield Primary School has not made any claims yet." in text(
            coordinator_client.get(list_url(school))
        )

    def test_says_the_schools_region_and_rate(self, coordinator_client, school, window, accepted):
        response = coordinator_client.get(list_url(school))
        assert (
            "Brookfield Primary School is in the Inner London funding region: each hour of training in 2026 to 2027 "
            "is paid at £53.60."
        ) in text(response)

    def test_while_a_window_is_open_a_coordinator_may_add_a_claim(self, coordinator_client, school, window, accepted):
        response = coordinator_client.get(list_url(school))
        assert add_claim_button(response)["href"] == reverse("claims:add", kwargs={"urn": school.urn})
        closes = f"{window.closes_on:%-d %B %Y}"
        assert f"You can claim for training in 2026 to 2027 until 11:59pm on {closes}." in text(response)

    def test_a_lead_mentor_sees_the_claims_but_may_not_add_one(self, lead_mentor_client, school, window, accepted):
        make_claim(hours={MentorFactory(school=school): 5}, reference="44444444")
        response = lead_mentor_client.get(list_url(school))
        assert response.status_code == 200
        assert "44444444" in text(response)
        assert add_claim_button(response) is None
        assert "Your school’s ITT coordinator adds claims." in text(response)

    def test_without_an_open_window_says_when_the_next_opens(self, coordinator_client, school, accepted):
        today = timezone.localdate()
        ClaimWindow.objects.create(
            academic_year=AcademicYear.objects.get(start_year=2026),
            opens_on=today + timedelta(days=30),
            closes_on=today + timedelta(days=60),
        )
        ClaimWindow.objects.create(
            academic_year=AcademicYear.objects.get(start_year=2026),
            opens_on=today + timedelta(days=90),
            closes_on=today + timedelta(days=100),
        )
        response = coordinator_client.get(list_url(school))
        opens, closes = (f"{today + timedelta(days=days):%-d %B %Y}" for days in (30, 60))
        assert (
            f"You cannot add claims at the moment. The next claim window opens on {opens}, for training in "
            f"2026 to 2027, and closes at 11:59pm on {closes}."
        ) in text(response)
        assert add_claim_button(response) is None

    def test_without_a_window_planned_says_so(self, coordinator_client, school, accepted):
        yesterday = timezone.localdate() - timedelta(days=1)
        ClaimWindow.objects.create(
            academic_year=AcademicYear.objects.get(start_year=2026), opens_on=yesterday, closes_on=yesterday
        )
        response = coordinator_client.get(list_url(school))
        assert "No claim window is planned yet" in text(response)
        assert add_claim_button(response) is None

    def test_before_the_grant_conditions_are_accepted_asks_for_them(self, coordinator_client, school, window):
        response = coordinator_client.get(list_url(school))
        assert add_claim_button(response) is None
        assert "Before Brookfield Primary School can claim, one of its ITT coordinators must accept the grant " in (
            text(response)
        )
        button = soup(response).find("a", class_="govuk-button", string=lambda found: "grant conditions" in found)
        assert button["href"] == grant_conditions_url(school)

    def test_says_who_accepted_the_grant_conditions_and_when(self, coordinator_client, school, window, accepted):
        day = f"{timezone.localdate(accepted.accepted_at):%-d %B %Y}"
        response = coordinator_client.get(list_url(school))
        assert f"Amira Khan accepted the grant conditions for Brookfield Primary School on {day}." in text(response)

    def test_another_schools_claims_are_not_found(self, coordinator_client):
        assert coordinator_client.get(list_url(SchoolFactory())).status_code == 404


class TestAClaim:
    @pytest.fixture
    def claim(self, school):
        zoe = MentorFactory(school=school, first_name="Zoë", last_name="O'Brien")
        sian = MentorFactory(school=school, first_name="Siân", last_name="Evans")
        claim = make_claim(
            hours={zoe: 16, sian: 10},
            provider=ProviderFactory(name="Northshire SCITT"),
            reference="27182818",
            rate_pence=5360,
            funding_region=school.funding_region,
            submitted_at=timezone.make_aware(datetime(2026, 11, 2, 9, 30)),
            submitted_by=MembershipFactory(school=school, user__first_name="Amira", user__last_name="Khan").user,
        )
        return claim

    def url(self, claim):
        return reverse("claims:detail", kwargs={"urn": claim.school.urn, "claim_id": claim.pk})

    def test_shows_everything_in_it(self, coordinator_client, claim):
        response = coordinator_client.get(self.url(claim))
        assert heading(response) == "Claim 27182818"
        rows = summary_rows(response)
        assert rows == [
            ("Reference", "27182818", None),
            ("Status", "Submitted", None),
            ("Academic year", "2025 to 2026", None),
            ("Accredited provider", "Northshire SCITT", None),
            ("Submitted", "2 November 2026 by Amira Khan", None),
            ("Siân Evans", "10 hours: £536.00", None),
            ("Zoë O'Brien", "16 hours: £857.60", None),
            ("Total hours", "26 hours", None),
            ("Hourly rate", "£53.60 (Inner London)", None),
            ("Total amount", "£1,393.60", None),
        ]
        assert "A submitted claim cannot be changed." in text(response)

    def test_shows_its_history_in_plain_words(self, coordinator_client, claim):
        support = UserFactory(is_staff=True)
        at = timezone.make_aware(datetime(2026, 11, 20, 14, 5))
        move(claim, transition=Transition.SEND_TO_PAYER, by=support)
        move(claim, transition=Transition.PAYER_REFUSES, by=None, note="The school's bank details are wrong")
        ClaimActivity.objects.update(at=at)
        rows = summary_rows(coordinator_client.get(self.url(claim)))
        assert rows[-3:] == [
            ("Total amount", "£1,393.60", None),
            ("20 November 2026, 2:05pm", "Sent to the payer for payment", None),
            ("20 November 2026, 2:05pm", "Not paid by the payer: The school's bank details are wrong", None),
        ]
        assert support.email not in text(coordinator_client.get(self.url(claim)))

    def test_a_lead_mentor_sees_it(self, lead_mentor_client, claim):
        assert lead_mentor_client.get(self.url(claim)).status_code == 200

    def test_another_schools_claim_is_not_found(self, coordinator_client, school, claim):
        other = make_claim(hours={MentorFactory(): 3})
        url = reverse("claims:detail", kwargs={"urn": school.urn, "claim_id": other.pk})
        assert coordinator_client.get(url).status_code == 404


class TestTheGrantConditions:
    def test_a_coordinator_reads_and_accepts_them(self, coordinator_client, school, coordinator, window):
        response = coordinator_client.get(grant_conditions_url(school))
        assert heading(response) == "Grant conditions"
        page = text(response)
        assert "In 2026 to 2027, you can claim up to 16 hours for a mentor’s initial training with a provider." in page
        assert "Inner London £53.60 Outer London £48.25 Fringe £45.10 Rest of England £43.80" in page
        assert "you confirm that you have read these grant conditions and accept them for Brookfield Primary" in page
        assert soup(response).find("button", string=lambda found: found.strip() == "Accept grant conditions")

        response = coordinator_client.post(grant_conditions_url(school), follow=True)
        assert response.redirect_chain == [(list_url(school), 302)]
        assert "You have accepted the grant conditions for Brookfield Primary School" in text(response)
        acceptance = GrantConditionsAcceptance.objects.get(school=school)
        assert acceptance.accepted_by == coordinator
        assert add_claim_button(response)

    def test_once_accepted_they_say_by_whom_and_when_and_are_not_accepted_again(self, client, school, accepted, window):
        colleague = MembershipFactory(school=school).user
        client.force_login(colleague)
        response = client.get(grant_conditions_url(school))
        when = timezone.localtime(accepted.accepted_at)
        assert f"Amira Khan accepted these grant conditions for Brookfield Primary School on {when:%-d %B %Y}" in (
            text(response)
        )
        assert not soup(response).find("button", string=lambda found: found and "Accept" in found)
        assert client.post(grant_conditions_url(school)).url == list_url(school)
        assert GrantConditionsAcceptance.objects.get().accepted_by == accepted.accepted_by

    def test_a_lead_mentor_reads_them_but_may_not_accept_them(self, lead_mentor_client, school):
        response = lead_mentor_client.get(grant_conditions_url(school))
        assert "One of Brookfield Primary School’s ITT coordinators must accept these grant conditions" in text(
            response
        )
        assert not soup(response).find("button", string=lambda found: found and "Accept" in found)
        assert lead_mentor_client.post(grant_conditions_url(school)).status_code == 403
        assert not GrantConditionsAcceptance.objects.exists()
