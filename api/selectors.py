"""What a provider's token may read: its partner schools' current mentors that the schools show to providers, and
the claims for training with it."""

from django.db.models import Prefetch

from claims.models import Claim, ClaimMentor
from mentors.models import Mentor
from mentors.selectors import with_status


def mentors_for(provider):
    mentors = Mentor.objects.current().filter(shown_to_providers=True, school__partnerships__provider=provider)
    return with_status(mentors).select_related("school", "subject", "age_range", "key_stage")


def claims_for(provider):
    return (
        Claim.objects.submitted()
        .filter(provider=provider)
        .select_related("school", "academic_year", "funding_region")
        .prefetch_related(Prefetch("mentors", ClaimMentor.objects.select_related("mentor")))
    )
