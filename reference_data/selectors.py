"""Reads of the reference lists: the one place forms and pages get the choices a school is offered."""

from django.db.models import Q

from .models import AgeRange, KeyStage, SendArea, Subject


def subjects_for(phases):
    return Subject.objects.filter(phase__code__in=phases)


def age_ranges_for(phases):
    return AgeRange.objects.filter(phases__code__in=phases).distinct()


def key_stages_for(phases, age_range=None):
    offered = Q(phase__code__in=phases)
    if age_range is not None:
        offered |= Q(age_ranges_offering=age_range)
    return KeyStage.objects.filter(offered).distinct()


def send_areas():
    return SendArea.objects.all()
