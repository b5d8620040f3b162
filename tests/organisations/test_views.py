import pytest
from django.urls import reverse

from organisations.services import CURRENT_ORGANISATION_SESSION_KEY
from schools.models import Membership
from tests.support.factories import MembershipFactory, ProviderMembershipFactory
from tests.support.html import heading, soup

pytestmark = pytest.mark.django_db


def home_url(school):
    return reverse("schools:home", kwargs={"urn": school.urn})


@pytest.fixture
def coordinator_of_two(coordinator, secondary_school):
    MembershipFactory(user=coordinator, school=secondary_school)
    return coordinator


def test_start_opens_the_only_school(coordinator_client, primary_school):
    response = coordinator_client.get("/")
    assert response.status_code == 302
    assert response.url == home_url(primary_school)


def test_start_asks_which_school_when_there_are_several(client, coordinator_of_two):
    client.force_login(coordinator_of_two)
    response = client.get("/")
    assert response.url == reverse("organisations:change")


def test_start_opens_the_school_last_worked_in(client, coordinator_of_two, secondary_school):
    client.force_login(coordinator_of_two)
    client.get(home_url(secondary_school))
    assert client.get("/").url == home_url(secondary_school)


def test_start_without_a_school_says_so(client, django_user_model):
    user = django_user_model.objects.create_user("nobody@example.com", "a-long-test-password")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert heading(response) == "You do not have access to an organisation"


def test_home_page_is_the_schools_mentor_list(coordinator_client, primary_school):
    response = coordinator_client.get(home_url(primary_school), follow=True)
    assert response.redirect_chain == [(reverse("mentors:list", kwargs={"urn": primary_school.urn}), 302)]
    page = soup(response)
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == primary_school.name
    assert f"There are no mentors at {primary_school.name} yet." in page.main.get_text()
    assert coordinator_client.session[CURRENT_ORGANISATION_SESSION_KEY] == f"school:{primary_school.urn}"


def test_home_page_of_a_school_the_user_does_not_belong_to_is_not_found(coordinator_client, other_school):
    assert coordinator_client.get(home_url(other_school)).status_code == 404


def test_home_page_of_a_school_that_does_not_exist_is_not_found(coordinator_client):
    assert coordinator_client.get("/schools/987654321/").status_code == 404


def test_a_lead_mentor_opens_their_school(client, primary_school):
    membership = MembershipFactory(school=primary_school, role=Membership.Role.LEAD_MENTOR)
    client.force_login(membership.user)
    assert client.get("/").url == home_url(primary_school)
    page = soup(client.get(home_url(primary_school), follow=True))
    assert heading(page) == "Mentors"


class TestChangeOrganisation:
    def test_lists_the_users_schools_only(self, client, coordinator_of_two, other_school):
        client.force_login(coordinator_of_two)
        page = soup(client.get(reverse("organisations:change")))
        assert page.legend.get_text(strip=True) == "Which organisation are you working in?"
        labels = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
        assert labels == ["Brookfield Primary School", "Oakwood Academy"]

    def test_choosing_a_school_opens_it_and_remembers_it(self, client, coordinator_of_two, secondary_school):
        client.force_login(coordinator_of_two)
        response = client.post(
            reverse("organisations:change"), {"organisation": f"school:{secondary_school.urn}"}, follow=True
        )
        assert response.redirect_chain[0][0] == home_url(secondary_school)
        assert soup(response).select_one(".govuk-caption-l").get_text(strip=True) == "Oakwood Academy"
        assert client.get("/").url == home_url(secondary_school)

    def test_the_current_school_is_selected(self, client, coordinator_of_two, secondary_school):
        client.force_login(coordinator_of_two)
        client.get(home_url(secondary_school))
        checked = soup(client.get(reverse("organisations:change"))).select_one("input[checked]")
        assert checked["value"] == f"school:{secondary_school.urn}"

    def test_nothing_chosen(self, client, coordinator_of_two):
        client.force_login(coordinator_of_two)
        response = client.post(reverse("organisations:change"), {})
        page = soup(response)
        assert page.title.get_text().startswith("Error: Which organisation are you working in?")
        assert page.select_one(".govuk-error-summary a").get_text(strip=True) == "Select an organisation"
        assert page.select_one(".govuk-error-summary a")["href"] == "#id_organisation_1"
        assert page.select_one("#id_organisation_1") is not None
        assert "Select an organisation" in page.select_one(".govuk-error-message").get_text()

    def test_a_school_the_user_does_not_belong_to_cannot_be_chosen(self, client, coordinator_of_two, other_school):
        client.force_login(coordinator_of_two)
        response = client.post(reverse("organisations:change"), {"organisation": f"school:{other_school.urn}"})
        assert response.status_code == 200
        assert "Select an organisation" in soup(response).select_one(".govuk-error-summary").get_text()
        assert client.session.get(CURRENT_ORGANISATION_SESSION_KEY) is None

    def test_tampered_value(self, client, coordinator_of_two):
        client.force_login(coordinator_of_two)
        response = client.post(reverse("organisations:change"), {"organisation": "not-a-number\x00"})
        assert response.status_code == 200
        assert "Select an organisation" in soup(response).select_one(".govuk-error-summary").get_text()

    def test_navigation_offers_change_organisation_only_with_several(self, client, coordinator, secondary_school):
        client.force_login(coordinator)
        home = reverse("mentors:list", kwargs={"urn": coordinator.memberships.get().school.urn})
        assert "Change organisation" not in soup(client.get(home)).select_one(".govuk-service-navigation").get_text()
        MembershipFactory(user=coordinator, school=secondary_school)
        assert "Change organisation" in soup(client.get(home)).select_one(".govuk-service-navigation").get_text()


def test_a_member_of_one_school_is_not_asked_to_choose_it(coordinator_client, primary_school):
    for method in (coordinator_client.get, coordinator_client.post):
        response = method(reverse("organisations:change"))
        assert response.status_code == 302
        assert response.url == reverse("schools:home", kwargs={"urn": primary_school.urn})


def provider_home(provider):
    return reverse("providers:home", kwargs={"code": provider.code})


def test_start_opens_the_only_provider(client, provider_user, provider):
    client.force_login(provider_user)
    assert client.get("/").url == provider_home(provider)
    assert client.get(reverse("organisations:change")).url == provider_home(provider)


class TestSchoolsAndProviders:
    @pytest.fixture
    def user(self, coordinator, provider):
        ProviderMembershipFactory(user=coordinator, provider=provider)
        return coordinator

    def test_a_member_of_a_school_and_a_provider_chooses_among_both_grouped(self, client, user, provider):
        client.force_login(user)
        assert client.get("/").url == reverse("organisations:change")
        page = soup(client.get(reverse("organisations:change")))
        assert [h2.get_text(strip=True) for h2 in page.select("fieldset h2")] == ["Schools", "Providers"]
        groups = [
            [label.get_text(strip=True) for label in group.select(".govuk-radios__label")]
            for group in page.select("fieldset .govuk-radios")
        ]
        assert groups == [["Brookfield Primary School"], [provider.name]]
        ids = [radio["id"] for radio in page.select("input[type=radio]")]
        assert ids == ["id_organisation_1", "id_organisation_2"]

    def test_choosing_the_provider_opens_it_and_remembers_it(self, client, user, provider):
        client.force_login(user)
        response = client.post(reverse("organisations:change"), {"organisation": f"provider:{provider.code}"})
        assert response.url == provider_home(provider)
        assert client.get(provider_home(provider)).status_code == 200
        assert client.get("/").url == provider_home(provider)
        checked = soup(client.get(reverse("organisations:change"))).select_one("input[checked]")
        assert checked["value"] == f"provider:{provider.code}"

    def test_a_provider_the_user_does_not_belong_to_cannot_be_chosen(self, client, user):
        client.force_login(user)
        other = ProviderMembershipFactory().provider
        response = client.post(reverse("organisations:change"), {"organisation": f"provider:{other.code}"})
        assert response.status_code == 200
        assert "Select an organisation" in soup(response).select_one(".govuk-error-summary").get_text()

    def test_navigation_offers_change_organisation_on_the_provider_s_pages(self, client, user, provider):
        client.force_login(user)
        navigation = soup(client.get(provider_home(provider))).select_one(".govuk-service-navigation").get_text()
        assert "Schools" in navigation
        assert "Change organisation" in navigation
        assert "Mentors" not in navigation
