"""The school's mentors: the table, sorting, search, the empty states, pagination, who may see the page,
and a number of SQL queries that does not grow with the number of mentors."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from reference_data.models import AgeRange, KeyStage, Subject
from tests.support.factories import MembershipFactory, MentorFactory, UserFactory
from tests.support.html import heading, soup
from tests.support.urls import mentor_url

pytestmark = pytest.mark.django_db

# The queries for one page of the list, whatever the number of mentors: the session, the user, their membership
# of the school, counting the school's mentors, the page of mentors (with their subjects, age ranges, key stages
# and statuses), counting those not reviewed this term, counting the user's schools (for the header), and saving
# the session (a savepoint, the update, its release). Measured with django_assert_num_queries; a query per row
# would push a page of mentors far past it.
LIST_QUERIES = 10


def list_url(school, **params):
    url = reverse("mentors:list", kwargs={"urn": school.urn})
    return f"{url}?{urlencode(params)}" if params else url


def header_cells(response):
    return [cell.get_text(strip=True) for cell in soup(response).select("table thead th")]


def table_rows(response):
    """Each row's cells, without the column headings that lead them on small screens (checked here too)."""
    rows = []
    for row in soup(response).select("table tbody tr"):
        cells = row.select("th, td")
        headings = [cell.select_one(".app-responsive-table__heading").extract().get_text() for cell in cells]
        assert headings == header_cells(response)
        rows.append([cell.get_text(strip=True) for cell in cells])
    return rows


def listed_names(response):
    return [row[0] for row in table_rows(response)]


def buttons(response):
    return [button.get_text(strip=True) for button in soup(response).select("main .govuk-button")]


def main_text(response):
    return soup(response).main.get_text(" ", strip=True)


def pagination(response):
    return soup(response).select_one(".govuk-pagination")


def page_links(response):
    """The pagination's links, by their text (Previous, 1, 2, Next), to their query parameters."""
    nav = pagination(response)
    assert nav is not None, "No pagination"
    links = {}
    for link in nav.select("a"):
        title = link.select_one(".govuk-pagination__link-title")
        text = title.find(string=True, recursive=False).strip() if title else link.get_text(strip=True)
        links[text] = parse_qs(urlsplit(link["href"]).query)
    return links


def title(response):
    return soup(response).title.get_text(strip=True)


def add_mentors(school, count, **kwargs):
    return [MentorFactory(school=school, last_name=f"Mentor {number:02d}", **kwargs) for number in range(count)]


@pytest.fixture
def remove():
    def remove(mentor):
        mentor.removed_at = timezone.now()
        mentor.save()
        return mentor

    return remove


class TestTable:
    def test_heading_caption_and_header_cells(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.get(list_url(primary_school))
        assert response.status_code == 200
        page = soup(response)
        assert heading(page) == "Mentors"
        assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Brookfield Primary School"
        assert page.select_one("table caption").get_text(strip=True) == "Mentors at Brookfield Primary School"
        assert header_cells(response) == ["Name", "TRN", "Subject", "Age range", "Key stage", "Status"]
        assert title(response) == "Mentors – Brookfield Primary School – Manage ITT mentors – GOV.UK"

    def test_a_row_shows_the_mentors_name_trn_subject_age_range_and_key_stage(
        self, coordinator_client, secondary_school
    ):
        MentorFactory(
            school=secondary_school,
            first_name="Priya",
            last_name="Shah",
            trn="7654321",
            subject=Subject.objects.get(name="Physics"),
            age_range=AgeRange.objects.get(name="11 to 18"),
            key_stage=KeyStage.objects.get(name="Key stage 4"),
        )
        response = coordinator_client.get(list_url(secondary_school))
        assert table_rows(response) == [["Priya Shah", "7654321", "Physics", "11 to 18", "Key stage 4", "Available"]]

    def test_the_name_links_to_the_mentors_details(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.get(list_url(primary_school))
        link = soup(response).select_one("table tbody tr a")
        assert link.get_text(strip=True) == "Zoë O'Brien"
        assert link["href"] == mentor_url("detail", mentor)
        assert coordinator_client.get(link["href"]).status_code == 200

    def test_a_coordinator_has_an_add_mentor_button(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.get(list_url(primary_school))
        add_mentor = soup(response).find("a", class_="govuk-button", string=lambda text: text and "Add mentor" in text)
        assert add_mentor["href"] == reverse("mentors:add", kwargs={"urn": primary_school.urn})

    def test_a_lead_mentor_sees_the_mentors_but_no_add_mentor_button(self, lead_mentor_client, primary_school, mentor):
        response = lead_mentor_client.get(list_url(primary_school))
        assert response.status_code == 200
        assert listed_names(response) == ["Zoë O'Brien"]
        assert "Add mentor" not in buttons(response)
        assert soup(response).find("a", href=reverse("mentors:add", kwargs={"urn": primary_school.urn})) is None

    def test_sorted_by_last_name_then_first_name(self, coordinator_client, primary_school):
        for first_name, last_name in [
            ("Bea", "Smith"),
            ("Zed", "Adams"),
            ("Al", "Smith"),
            ("Cleo", "Jones"),
            ("Amir", "Adams"),
        ]:
            MentorFactory(school=primary_school, first_name=first_name, last_name=last_name)
        response = coordinator_client.get(list_url(primary_school))
        assert listed_names(response) == ["Amir Adams", "Zed Adams", "Cleo Jones", "Al Smith", "Bea Smith"]

    def test_removed_mentors_and_other_schools_mentors_are_not_listed(
        self, coordinator_client, primary_school, secondary_school, other_school, mentor, remove
    ):
        remove(MentorFactory(school=primary_school, first_name="Rita", last_name="Removed"))
        MentorFactory(school=other_school, first_name="Otto", last_name="Elsewhere")
        MentorFactory(school=secondary_school, first_name="Sean", last_name="Secondary")
        response = coordinator_client.get(list_url(primary_school))
        assert listed_names(response) == ["Zoë O'Brien"]
        assert "Rita" not in main_text(response)
        assert "Otto" not in main_text(response)
        assert "Sean" not in main_text(response)


@pytest.fixture
def search(coordinator_client, primary_school):
    """The names found by a search of the primary school's mentors."""

    def search(query):
        response = coordinator_client.get(list_url(primary_school), {"q": query})
        assert response.status_code == 200
        return listed_names(response)

    return search


@pytest.fixture
def colleagues(primary_school, mentor):
    """`mentor` (Zoë O'Brien, 0123456, zoe.obrien@example.com) and two others at the primary school."""
    MentorFactory(school=primary_school, first_name="Brian", last_name="Zoeller", trn="7654321", email="bz@example.org")
    MentorFactory(
        school=primary_school, first_name="Olu", last_name="Adeyemi", trn="5550000", email="olu.a@school.example"
    )


class TestSearch:
    @pytest.mark.parametrize(
        "query, found",
        [
            pytest.param("Zoë", ["Zoë O'Brien"], id="first name"),
            pytest.param("O'Brien", ["Zoë O'Brien"], id="last name"),
            pytest.param("Zoë O'Brien", ["Zoë O'Brien"], id="full name"),
            pytest.param("Adeyemi", ["Olu Adeyemi"], id="another last name"),
            pytest.param("Brie", ["Zoë O'Brien"], id="part of a last name"),
            pytest.param("ë O'B", ["Zoë O'Brien"], id="part of the full name"),
            pytest.param("Bri", ["Zoë O'Brien", "Brian Zoeller"], id="part of several names, sorted"),
            pytest.param("0123456", ["Zoë O'Brien"], id="whole TRN"),
            pytest.param("2345", ["Zoë O'Brien"], id="part of a TRN"),
            pytest.param("555", ["Olu Adeyemi"], id="start of a TRN"),
            pytest.param("zoe.obrien@example.com", ["Zoë O'Brien"], id="whole email"),
            pytest.param("@school.example", ["Olu Adeyemi"], id="part of an email"),
            pytest.param("example", ["Olu Adeyemi", "Zoë O'Brien", "Brian Zoeller"], id="all by email"),
        ],
    )
    def test_finds_by_name_trn_or_email(self, search, colleagues, query, found):
        assert search(query) == found

    @pytest.mark.parametrize(
        "query",
        [
            pytest.param("zoë", id="lower case"),
            pytest.param("ZOË O'BRIEN", id="upper case"),
            pytest.param("zOë o'bRiEn", id="mixed case"),
            pytest.param("ZOE.OBRIEN@EXAMPLE.COM", id="email in capitals"),
            pytest.param("  Zoë O'Brien  ", id="surrounding spaces"),
            pytest.param("Zoë    O'Brien", id="extra spaces between names"),
            pytest.param("\tZoë \t O'Brien\n", id="tabs and new lines"),
            pytest.param(" 0123456 ", id="TRN with spaces around it"),
        ],
    )
    def test_ignores_case_and_extra_spaces(self, search, colleagues, query):
        assert search(query) == ["Zoë O'Brien"]

    def test_only_spaces_lists_everyone(self, search, colleagues):
        assert search("   ") == ["Olu Adeyemi", "Zoë O'Brien", "Brian Zoeller"]

    def test_does_not_find_removed_mentors_or_other_schools_mentors(
        self, search, primary_school, secondary_school, other_school, remove
    ):
        remove(
            MentorFactory(school=primary_school, first_name="Zoë", last_name="Gone", trn="1111111", email="gone@x.com")
        )
        for school in (secondary_school, other_school):
            MentorFactory(school=school, first_name="Zoë", last_name="Away", trn="2222222", email="away@x.com")
        for query in ("Zoë", "Gone", "Away", "1111111", "2222222", "gone@x.com", "away@x.com"):
            assert search(query) == [], query

    def test_the_search_box_keeps_the_query(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.get(list_url(primary_school), {"q": "Zoë"})
        page = soup(response)
        search_box = page.select_one("form[role=search] input[name=q]")
        assert search_box["value"] == "Zoë"
        assert page.find("label", attrs={"for": search_box["id"]}).get_text(strip=True) == (
            "Search by name, TRN or email address"
        )
        assert page.select_one("form[role=search]")["method"] == "get"
        assert "Search" in [button.get_text(strip=True) for button in page.select("form[role=search] button")]

    def test_results_are_counted_with_a_clear_search_link(self, coordinator_client, primary_school, colleagues):
        response = coordinator_client.get(list_url(primary_school), {"q": "  Bri "})
        assert "2 mentors found for ‘Bri’." in main_text(response)
        clear = soup(response).find("a", string="Clear search")
        assert clear["href"] == list_url(primary_school)

        response = coordinator_client.get(list_url(primary_school), {"q": "Adeyemi"})
        assert "1 mentor found for ‘Adeyemi’." in main_text(response)

    def test_no_count_line_without_a_search(self, coordinator_client, primary_school, colleagues):
        response = coordinator_client.get(list_url(primary_school))
        assert "found for" not in main_text(response)
        assert soup(response).find("a", string="Clear search") is None

    def test_no_results(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.get(list_url(primary_school), {"q": "  Nobody  "})
        page = soup(response)
        assert page.select_one("main h2").get_text(strip=True) == "No mentors found for ‘Nobody’"
        assert page.select_one("table") is None
        assert page.find("a", string="Clear search")["href"] == list_url(primary_school)
        # The search box stays, to try again, with what was searched for.
        assert page.select_one("form[role=search] input[name=q]")["value"].strip() == "Nobody"
        assert "There are no mentors" not in main_text(response)

    def test_the_query_is_shown_as_text_not_html(self, coordinator_client, primary_school, mentor):
        response = coordinator_client.get(list_url(primary_school), {"q": "<b>bold</b>"})
        assert soup(response).select_one("main h2").get_text(strip=True) == "No mentors found for ‘<b>bold</b>’"
        assert soup(response).select_one("main b") is None

    def test_searching_does_not_put_the_csrf_token_in_the_address(self, coordinator_client, primary_school):
        add_mentors(primary_school, 26)
        response = coordinator_client.get(list_url(primary_school))
        form = soup(response).select_one("form[role=search]")
        # What a browser sends when the Search button is pressed.
        submitted = {field["name"]: field.get("value", "") for field in form.select("input[name], button[name]")}
        submitted["q"] = "Mentor"
        assert "csrfmiddlewaretoken" not in submitted
        response = coordinator_client.get(list_url(primary_school), submitted)
        assert "csrfmiddlewaretoken" not in page_links(response)["Next"]


class TestEmptySchool:
    def test_a_coordinator_is_told_there_are_none_and_can_add_one(self, coordinator_client, primary_school):
        response = coordinator_client.get(list_url(primary_school))
        assert response.status_code == 200
        page = soup(response)
        assert heading(page) == "Mentors"
        assert "There are no mentors at Brookfield Primary School yet." in main_text(response)
        add_mentor = page.find("a", class_="govuk-button", string=lambda text: text and "Add mentor" in text)
        assert add_mentor["href"] == reverse("mentors:add", kwargs={"urn": primary_school.urn})
        assert page.select_one("table") is None
        assert pagination(response) is None
        # Nothing to search yet.
        assert page.select_one("form[role=search]") is None

    def test_a_lead_mentor_is_told_there_are_none_but_cannot_add_one(self, lead_mentor_client, primary_school):
        response = lead_mentor_client.get(list_url(primary_school))
        assert response.status_code == 200
        assert "There are no mentors at Brookfield Primary School yet." in main_text(response)
        assert "Your school’s ITT coordinator adds mentors." in main_text(response)
        assert "Add mentor" not in buttons(response)
        assert soup(response).select_one("table") is None

    def test_removed_mentors_and_other_schools_mentors_do_not_count(
        self, coordinator_client, primary_school, other_school, remove
    ):
        remove(MentorFactory(school=primary_school))
        MentorFactory(school=other_school)
        response = coordinator_client.get(list_url(primary_school))
        assert "There are no mentors at Brookfield Primary School yet." in main_text(response)
        assert soup(response).select_one("table") is None


class TestPagination:
    def test_25_a_page(self, coordinator_client, primary_school):
        add_mentors(primary_school, 26)
        first = coordinator_client.get(list_url(primary_school))
        assert len(table_rows(first)) == 25
        assert listed_names(first)[0] == "Ada Mentor 00"
        assert listed_names(first)[-1] == "Ada Mentor 24"

        second = coordinator_client.get(list_url(primary_school), {"page": 2})
        assert listed_names(second) == ["Ada Mentor 25"]

    def test_next_and_previous_links(self, coordinator_client, primary_school):
        add_mentors(primary_school, 26)
        first = coordinator_client.get(list_url(primary_school))
        links = page_links(first)
        assert list(links) == ["1", "2", "Next"]
        assert links["Next"] == {"page": ["2"]}
        assert pagination(first).select_one("[aria-current=page]").get_text(strip=True) == "1"

        second = coordinator_client.get(list_url(primary_school), {"page": 2})
        links = page_links(second)
        assert list(links) == ["Previous", "1", "2"]
        assert links["Previous"] == {"page": ["1"]}
        assert pagination(second).select_one("[aria-current=page]").get_text(strip=True) == "2"

    def test_the_title_says_which_page(self, coordinator_client, primary_school):
        add_mentors(primary_school, 26)
        assert title(coordinator_client.get(list_url(primary_school))) == (
            "Mentors – Brookfield Primary School – Manage ITT mentors – GOV.UK"
        )
        assert title(coordinator_client.get(list_url(primary_school), {"page": 2})) == (
            "Mentors (page 2 of 2) – Brookfield Primary School – Manage ITT mentors – GOV.UK"
        )

    def test_a_searchs_page_links_keep_the_search(self, coordinator_client, primary_school):
        add_mentors(primary_school, 30)
        add_mentors(primary_school, 5, first_name="Zed")
        response = coordinator_client.get(list_url(primary_school), {"q": "Ada"})
        assert "30 mentors found for ‘Ada’." in main_text(response)
        links = page_links(response)
        assert links["Next"] == {"q": ["Ada"], "page": ["2"]}
        assert links["2"] == {"q": ["Ada"], "page": ["2"]}

        # Following the link: the rest of the search, not the rest of the school.
        next_page = coordinator_client.get(
            list_url(primary_school) + pagination(response).select_one("a[rel=next]")["href"]
        )
        assert listed_names(next_page) == [f"Ada Mentor {number}" for number in range(25, 30)]
        assert page_links(next_page)["Previous"] == {"q": ["Ada"], "page": ["1"]}
        assert page_links(next_page)["1"] == {"q": ["Ada"], "page": ["1"]}

    @pytest.mark.parametrize(
        "page, shown",
        [
            pytest.param("99", 2, id="past the last page"),
            pytest.param("0", 2, id="zero"),
            pytest.param("-1", 2, id="negative"),
            pytest.param("abc", 1, id="not a number"),
            pytest.param("", 1, id="empty"),
            pytest.param("1.5", 1, id="not a whole number"),
        ],
    )
    def test_a_page_that_does_not_exist_shows_a_real_page(self, coordinator_client, primary_school, page, shown):
        add_mentors(primary_school, 26)
        response = coordinator_client.get(list_url(primary_school), {"page": page})
        assert response.status_code == 200
        rows = table_rows(response)
        assert len(rows) == (1 if shown == 2 else 25)
        assert pagination(response).select_one("[aria-current=page]").get_text(strip=True) == str(shown)

    def test_a_search_with_a_page_past_its_results_shows_its_last_page(self, coordinator_client, primary_school):
        add_mentors(primary_school, 3)
        response = coordinator_client.get(list_url(primary_school), {"q": "Mentor 01", "page": "5"})
        assert listed_names(response) == ["Ada Mentor 01"]

    @pytest.mark.parametrize("count", [1, 25])
    def test_no_pagination_when_all_fit_on_one_page(self, coordinator_client, primary_school, count):
        add_mentors(primary_school, count)
        response = coordinator_client.get(list_url(primary_school))
        assert len(table_rows(response)) == count
        assert pagination(response) is None

    def test_no_pagination_when_a_search_fits_on_one_page(self, coordinator_client, primary_school):
        add_mentors(primary_school, 30)
        response = coordinator_client.get(list_url(primary_school), {"q": "Mentor 1"})
        assert len(table_rows(response)) == 10
        assert pagination(response) is None

    def test_page_number_links_are_labelled_for_screen_readers(self, coordinator_client, primary_school):
        add_mentors(primary_school, 26)
        response = coordinator_client.get(list_url(primary_school))
        labels = [link["aria-label"] for link in pagination(response).select(".govuk-pagination__item a")]
        assert labels == ["Page 1", "Page 2"]


class TestQueries:
    def test_the_number_of_queries_is_exact(self, coordinator_client, primary_school, django_assert_num_queries):
        add_mentors(primary_school, 3)
        url = list_url(primary_school)
        with django_assert_num_queries(LIST_QUERIES):
            coordinator_client.get(url)

    @pytest.mark.parametrize("count", [1, 60])
    def test_the_same_number_of_queries_whatever_the_number_of_mentors(
        self, coordinator_client, primary_school, django_assert_max_num_queries, count
    ):
        add_mentors(primary_school, count)
        url = list_url(primary_school)
        with django_assert_max_num_queries(LIST_QUERIES):
            response = coordinator_client.get(url)
        assert len(table_rows(response)) == min(count, 25)

    @pytest.mark.parametrize("params", [{"page": "3"}, {"q": "Mentor", "page": "2"}], ids=["last page", "search"])
    def test_the_same_number_of_queries_on_other_pages_and_for_a_search(
        self, coordinator_client, primary_school, django_assert_max_num_queries, params
    ):
        add_mentors(primary_school, 60)
        url = list_url(primary_school, **params)
        with django_assert_max_num_queries(LIST_QUERIES):
            response = coordinator_client.get(url)
        assert len(table_rows(response)) in (10, 25)


class TestAccess:
    def test_the_schools_home_is_its_list_of_mentors(self, coordinator_client, primary_school):
        response = coordinator_client.get(reverse("schools:home", kwargs={"urn": primary_school.urn}))
        assert response.status_code == 302
        assert response.url == list_url(primary_school)

    def test_each_of_the_coordinators_schools_has_its_own_list(
        self, coordinator_client, primary_school, secondary_school, mentor
    ):
        MentorFactory(school=secondary_school, first_name="Sean", last_name="Secondary")
        response = coordinator_client.get(list_url(secondary_school))
        assert soup(response).select_one(".govuk-caption-l").get_text(strip=True) == "Oakwood Academy"
        assert listed_names(response) == ["Sean Secondary"]

    def test_a_user_of_another_school_gets_not_found(self, client, primary_school, other_school, mentor):
        user = UserFactory()
        MembershipFactory(user=user, school=other_school)
        client.force_login(user)
        assert client.get(list_url(primary_school)).status_code == 404
        assert client.get(list_url(primary_school), {"q": "Zoë"}).status_code == 404
        assert client.get(reverse("schools:home", kwargs={"urn": primary_school.urn})).status_code == 404

    def test_a_school_that_does_not_exist_is_not_found(self, coordinator_client):
        assert coordinator_client.get(reverse("mentors:list", kwargs={"urn": 999999})).status_code == 404

    def test_signed_out_users_are_sent_to_sign_in(self, client, primary_school, mentor):
        url = list_url(primary_school)
        response = client.get(url)
        assert response.status_code == 302
        assert urlsplit(response.url).path == reverse("accounts:sign-in")
        assert parse_qs(urlsplit(response.url).query)["next"] == [url]
        assert "Zoë" not in response.content.decode()


def test_last_names_sort_alphabetically_whatever_their_case_or_accents(coordinator_client, primary_school):
    for last_name in ["Zhang", "de Souza", "Evans", "Ögren", "Davies", "Nowak"]:
        MentorFactory(school=primary_school, first_name="Sam", last_name=last_name)
    response = coordinator_client.get(list_url(primary_school))
    assert listed_names(response) == [
        "Sam Davies",
        "Sam de Souza",
        "Sam Evans",
        "Sam Nowak",
        "Sam Ögren",
        "Sam Zhang",
    ]
