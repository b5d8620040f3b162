"""What a provider's token may read: its partner schools' current mentors that the schools show to providers, and
the claims for training with it.

Each reads only the columns its serializer (api.serializers) writes: a page holds hundreds of objects, and making
each with every column of a mentor or a school took a third of the request."""

from django.db.models import Prefetch

from claims.models import Claim, ClaimMentor
from mentors.models import Mentor
from mentors.selectors import with_status


def mentors_for(provider):
    mentors = Mentor.objects.current().filter(shown_to_providers=True, school__partnerships__provider=provider)
    return (
        with_status(mentors)
        .select_related("school", "subject", "age_range", "key_stage")
        .only(
            *("first_name", "last_name", "trn", "created_at", "updated_at"),
            *("school__urn", "school__name", "subject__name", "age_range__name", "key_stage__name"),
        )
    )


def claims_for(provider):
    return (
        Claim.objects.submitted()
        .filter(provider=provider)
        .select_related("school", "academic_year", "funding_region")
        .only(
            *("reference", "status", "rate_pence", "total_hours", "amount_pence", "submitted_at"),
            *("school__urn", "school__name", "academic_year__start_year", "funding_region__name"),
        )
        .prefetch_related(
            Prefetch(
                "mentors",
                ClaimMentor.objects.select_related("mentor").only(
                    "claim_id", "trn", "hours", "mentor__first_name", "mentor__last_name"
                ),
            )
        )
    )
