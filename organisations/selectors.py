"""Reads about the organisations a user works in: their schools and their providers, in one list."""

from dataclasses import dataclass

from django.urls import reverse

from providers import selectors as provider_selectors
from providers.models import ProviderMembership
from schools import selectors as school_selectors
from schools.models import Membership

SCHOOLS = "Schools"
PROVIDERS = "Providers"


@dataclass(frozen=True)
class Organisation:
    """A school or a provider a user works in, as the organisation chooser lists it."""

    key: str  # "school:<URN>" or "provider:<code>": how the session and the chooser's form name it
    name: str
    group: str  # SCHOOLS or PROVIDERS
    url: str  # its home


def key_of(organisation):
    """The key of a School or a Provider (Organisation.key)."""
    if organisation._meta.model_name == "school":
        return f"school:{organisation.urn}"
    return f"provider:{organisation.code}"


def organisations_of(user):
    """The user's schools, then their providers, each by name."""
    schools = [
        Organisation(key_of(m.school), m.school.name, SCHOOLS, reverse("schools:home", kwargs={"urn": m.school.urn}))
        for m in school_selectors.memberships_for(user)
    ]
    providers = [
        Organisation(
            key_of(m.provider), m.provider.name, PROVIDERS, reverse("providers:home", kwargs={"code": m.provider.code})
        )
        for m in provider_selectors.memberships_for(user)
    ]
    return schools + providers


def belongs_to_several(user):
    """Whether the user works in more than one organisation (so has a choice to make): one query, reading two rows
    at most."""
    # Unordered: SQLite (make run) refuses an ORDER BY, such as the memberships' by name, inside a UNION.
    schools = Membership.objects.filter(user=user).order_by().values("user")
    providers = ProviderMembership.objects.filter(user=user).order_by().values("user")
    return len(schools.union(providers, all=True)[:2]) > 1
