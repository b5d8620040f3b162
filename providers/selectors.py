"""Reads about providers: finding an accredited provider by what a person knows of it."""

import re

from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.models import User

from .models import Provider, ProviderMembership

# A search shows at most this many providers; a wider one asks for more of the name.
SEARCH_LIMIT = 25


def search_accredited(query):
    """Accredited providers whose name contains the query, or whose code, UKPRN, URN or postcode is it (any case or
    spacing), in order of name. An empty query finds none."""
    query = " ".join(query.split())
    if not query:
        return Provider.objects.none()
    compact = re.sub(r"\s+", "", query).upper()
    return Provider.objects.accredited().filter(
        Q(name__icontains=query)
        | Q(code__iexact=compact)
        | Q(ukprn=compact)
        | Q(urn=compact)
        | Q(postcode__iexact=query)
        | Q(postcode__iexact=f"{compact[:-3]} {compact[-3:]}")
    )


def accredited_with_code(code):
    """The accredited provider with this Publish code (any case), or None."""
    if not code:
        return None
    return Provider.objects.accredited().filter(code__iexact=code.strip()).first()


def users_of(provider):
    """The provider's users who may sign in: whom the service emails about the provider."""
    return User.objects.filter(provider_memberships__provider=provider, is_active=True).order_by("email")


def membership_for(user, code):
    """The user's membership of the provider with this code; 404 for a provider the user does not belong to."""
    return get_object_or_404(ProviderMembership.objects.select_related("provider"), user=user, provider__code=code)


def memberships_for(user):
    """The user's provider memberships, with their providers, by provider name."""
    return ProviderMembership.objects.filter(user=user).select_related("provider").order_by("provider__name")
