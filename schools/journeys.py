"""The journeys a school's users take for their school: adding a mentor, a provider or a claim."""

from typing import ClassVar

from django.urls import reverse

from core.journeys import Journey


class SchoolJourney(Journey):
    """A journey that belongs to a school (its owner): its URLs carry the school's URN, it starts at the URL its
    kind names, and its first question's back link goes to the school's page named by exit_route."""

    exit_route: ClassVar[str]

    @property
    def school(self):
        return self.owner

    @classmethod
    def owner_key(cls, school):
        return school.urn

    @classmethod
    def start_url(cls, school):
        return reverse(cls.kind, kwargs={"urn": school.urn})

    def url_kwargs(self):
        return {"urn": self.school.urn}

    def exit_url(self):
        return reverse(self.exit_route, kwargs={"urn": self.school.urn})
