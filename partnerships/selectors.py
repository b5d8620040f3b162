"""Reads about partnerships: which providers a school works with, and which schools a provider works with."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from mentors.models import Mentor
from providers.models import Provider
from schools.models import School


def partner_providers(school):
    """The providers the school works with, by name."""
    return Provider.objects.filter(partnerships__school=school).order_by("name")


def partner_schools(provider):
    """The schools the provider works with, by name."""
    return School.objects.filter(partnerships__provider=provider).order_by("name")


def partner_schools_with_mentors(provider):
    """The provider's partner schools, each with `mentor_count`: how many of its mentors the provider sees."""
    counted = (
        Mentor.objects.shown_to_providers()
        .filter(school=OuterRef("pk"))
        .order_by()
        .values("school")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return partner_schools(provider).annotate(mentor_count=Coalesce(Subquery(counted), 0))


def partner_school(provider, urn):
    """One of the provider's partner schools; 404 for any other school."""
    return get_object_or_404(partner_schools(provider), urn=urn)


def are_partners(*, school, provider):
    return school.partnerships.filter(provider=provider).exists()
