"""Reads about schools: which phases a school teaches, and which schools a user may work in."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from reference_data.models import Phase

from .models import Membership, School

PRIMARY = Phase.Code.PRIMARY
SECONDARY = Phase.Code.SECONDARY

_PHASES_BY_GIAS_PHASE = {
    School.GiasPhase.NURSERY: (PRIMARY,),
    School.GiasPhase.PRIMARY: (PRIMARY,),
    School.GiasPhase.MIDDLE_DEEMED_PRIMARY: (PRIMARY,),
    School.GiasPhase.SECONDARY: (SECONDARY,),
    School.GiasPhase.MIDDLE_DEEMED_SECONDARY: (SECONDARY,),
    School.GiasPhase.SIXTEEN_PLUS: (SECONDARY,),
    School.GiasPhase.ALL_THROUGH: (PRIMARY, SECONDARY),
}

# Pupils move to secondary education at 11.
SECONDARY_STARTING_AGE = 11


def service_phases(school):
    """The service's phases (primary, secondary or both) whose lists the school is offered.

    GIAS says "Not applicable" for special and independent schools, so their statutory ages decide:
    a school whose pupils leave by 11 is primary, one whose pupils start at 11 or later is secondary,
    and one spanning 11 (or with unknown ages) teaches both.
    """
    phases = _PHASES_BY_GIAS_PHASE.get(school.phase_of_education_code)
    if phases:
        return phases
    low, high = school.statutory_low_age, school.statutory_high_age
    if high is not None and high <= SECONDARY_STARTING_AGE:
        return (PRIMARY,)
    if low is not None and low >= SECONDARY_STARTING_AGE:
        return (SECONDARY,)
    return (PRIMARY, SECONDARY)


def memberships_for(user):
    return Membership.objects.filter(user=user).select_related("school").order_by("school__name")


def membership_for(user, urn):
    """The user's membership of the school with this URN; 404 for a school the user does not belong to."""
    return get_object_or_404(Membership.objects.select_related("school"), user=user, school__urn=urn)


def lead_mentors_of(school):
    return (
        Membership.objects.filter(school=school, role=Membership.Role.LEAD_MENTOR)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


def memberships_to_remind(mentors):
    """The coordinators and lead mentors of the schools of these mentors, with their users and schools."""
    return (
        Membership.objects.filter(school__in=mentors.values("school"), user__is_active=True)
        .select_related("user", "school")
        .order_by("school__name", "user__email")
    )


def teaching(phase_code, prefix=""):
    """A filter (Q) of the schools whose service_phases include this phase; prefix is the path to the school, such as
    "school__". The same rules as service_phases, in the database."""

    def q(lookup, value):
        return Q(**{f"{prefix}{lookup}": value})

    named = [gias_phase for gias_phase, phases in _PHASES_BY_GIAS_PHASE.items() if phase_code in phases]
    by_ages = ~q("phase_of_education_code__in", list(_PHASES_BY_GIAS_PHASE))
    if phase_code == PRIMARY:
        # Primary unless its pupils start at 11 or later (and stay past 11).
        by_ages &= (
            q("statutory_high_age__lte", SECONDARY_STARTING_AGE)
            | q("statutory_low_age__isnull", True)
            | q("statutory_low_age__lt", SECONDARY_STARTING_AGE)
        )
    else:
        # Secondary unless its pupils leave by 11.
        by_ages &= q("statutory_high_age__isnull", True) | q("statutory_high_age__gt", SECONDARY_STARTING_AGE)
    return q("phase_of_education_code__in", named) | by_ages


def itt_coordinators_of(school_ids):
    """The ITT coordinators of these schools, with their users, by name: whom a provider contacts about mentors."""
    return (
        Membership.objects.filter(school_id__in=school_ids, role=Membership.Role.ITT_COORDINATOR, user__is_active=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )
