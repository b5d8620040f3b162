"""Driving question journeys through the test client as a person would: by labels, not ids."""

from django.urls import reverse

from .html import radio_value

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
