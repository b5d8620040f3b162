"""Reads about partnerships: which providers a school works with, and which schools a provider works with."""

from providers.models import Provider
from schools.models import School


def partner_providers(school):
    """The providers the school works with, by name."""
    return Provider.objects.filter(partnerships__school=school).order_by("name")


def partner_schools(provider):
    """The schools the provider works with, by name."""
    return School.objects.filter(partnerships__provider=provider).order_by("name")


def are_partners(*, school, provider):
    return school.partnerships.filter(provider=provider).exists()
