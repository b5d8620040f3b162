"""Driving question journeys through the test client as a person would: by labels, not ids."""

from django.urls import reverse

from .html import radio_value, soup

VALID_PERSONAL_DETAILS = {
    "first_name": "Zoë",
    "last_name": "O'Brien",
    "trn": "0123456",
    "email": "zoe.obrien@example.com",
}


class JourneyDriver:
    """A journey started from start_url: its steps are under the address the start redirects to."""

    def __init__(self, client, start_url):
        self.client = client
        response = client.get(start_url)
        assert response.status_code == 302, response
        self.first_url = response.url
        self.base_url = response.url.rstrip("/").rsplit("/", 1)[0] + "/"

    def url(self, step):
        return f"{self.base_url}{step}/"

    def get(self, step, **params):
        return self.client.get(self.url(step), params)

    def post(self, step, data, query=""):
        return self.client.post(self.url(step) + query, data)

    def choose(self, step, field, label, query=""):
        value = radio_value(self.get(step), label)
        return self.post(step, {field: value}, query)


class ChoosingAProvider(JourneyDriver):
    """A journey that asks for an accredited provider (providers.journeys)."""

    def choose_provider(self, provider, autocomplete=True):
        """Choose the provider as the autocomplete does (its code filled in), or as a search without JavaScript
        followed by its page of results."""
        if autocomplete:
            return self.post("provider", {"provider": provider.name, "provider_code": provider.code})
        self.post("provider", {"provider": provider.name})
        return self.choose("provider-results", "provider", provider.name)


class AddMentorJourney(JourneyDriver):
    def __init__(self, client, school):
        super().__init__(client, reverse("mentors:add", kwargs={"urn": school.urn}))
        self.school = school
        self.personal_details_url = self.first_url

    def answer_all(self, *, subject, age_range, key_stage, **personal_details):
        self.post("personal-details", {**VALID_PERSONAL_DETAILS, **personal_details})
        self.choose("subject", "subject", subject)
        self.choose("age-range", "age_range", age_range)
        response = self.choose("key-stage", "key_stage", key_stage)
        assert response.url == self.url("check-your-answers"), response.url
        return response


def checkbox_values(response, field):
    """The values of a page's checkboxes, by their labels."""
    page = soup(response)
    return {
        item.label.get_text(strip=True): item.input["value"]
        for item in page.select(".govuk-checkboxes__item")
        if item.input["name"] == field
    }


class AddClaimJourney(ChoosingAProvider):
    """The add-claim journey, answered by the labels a coordinator reads."""

    def __init__(self, client, school):
        super().__init__(client, reverse("claims:add", kwargs={"urn": school.urn}))
        self.school = school

    def choose_mentors(self, *names):
        values = checkbox_values(self.get("mentors"), "mentors")
        return self.post("mentors", {"mentors": [values[name] for name in names]})

    def hours_step(self, mentor):
        return f"hours-{mentor.pk}"

    def claim_hours(self, mentor, hours=None):
        """All the hours left (None), or another amount."""
        step = self.hours_step(mentor)
        if hours is None:
            left = soup(self.get(step)).select_one("input[name=hours]")["value"]
            return self.post(step, {"hours": left})
        return self.post(step, {"hours": "another", "other_hours": str(hours)})

    def confirm(self):
        return self.post("confirm", {"confirmed": "confirmed"})

    def answer_all(self, provider, hours):
        """Every question, for the hours of each mentor (None for all that is left); returns the last response."""
        self.choose_provider(provider)
        self.choose_mentors(*[mentor.full_name for mentor in hours])
        for mentor, number in hours.items():
            self.claim_hours(mentor, number)
        response = self.confirm()
        assert response.url == self.url("check-your-answers"), response.url
        return response


class AddProviderJourney(ChoosingAProvider):
    """A school's add-provider journey."""

    def __init__(self, client, school):
        super().__init__(client, reverse("partnerships:add", kwargs={"urn": school.urn}))
        self.school = school
