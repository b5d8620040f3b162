"""Demo mentors (seed_demo): at Brookfield and Oakwood, a mentor in every status, with SEND support, and trainees
from the demo partner provider. Made by TRN, so running it again makes nothing twice."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from reference_data.models import AgeRange, KeyStage, SendArea, Subject

from .models import Mentor, TraineeAssignment

# By school phase: each mentor's TRN, name, email, list choices, dates, availability, SEND support and trainee
# (first and last name, started days ago, ending days from now; a negative ending is in the past).
MENTORS = {
    "primary": [
        {
            "trn": "9100001",
            "first_name": "Grace",
            "last_name": "Adeyemi",
            "subject": "Primary with mathematics",
            "age_range": "5 to 11",
            "key_stage": "Key stage 2",
            "date_qualified": date(2012, 7, 20),
            "date_started_mentoring": date(2016, 9, 1),
            "send_support": ["Communication and interaction", "Cognition and learning"],
            "trainee": ("Leo", "Fischer", 60, 120),
            "led": True,
        },
        {
            "trn": "9100002",
            "first_name": "Owen",
            "last_name": "Price",
            "subject": "Primary",
            "age_range": "3 to 7",
            "key_stage": "Key stage 1",
            "date_qualified": date(2018, 7, 15),
            "date_started_mentoring": date(2022, 9, 1),
            "offers_no_send_support": True,
            "past_trainee": ("Maya", "Chen", 400, -100),
        },
        {
            "trn": "9100003",
            "first_name": "Priya",
            "last_name": "Shah",
            "subject": "Primary with science",
            "age_range": "7 to 11",
            "key_stage": "Key stage 2",
            "date_qualified": date(2009, 7, 10),
            "unavailable": True,
            "unavailable_reason": "On maternity leave",
            "available_again_on": 200,
            "send_support": ["Sensory and/or physical needs"],
        },
    ],
    "secondary": [
        {
            "trn": "9200001",
            "first_name": "Daniel",
            "last_name": "Murphy",
            "subject": "Mathematics",
            "age_range": "11 to 16",
            "key_stage": "Key stage 3",
            "date_qualified": date(2014, 7, 18),
            "date_started_mentoring": date(2019, 9, 2),
            "send_support": ["Social, emotional and mental health"],
            "trainee": ("Aisha", "Bello", 30, 150),
        },
        {
            "trn": "9200002",
            "first_name": "Hannah",
            "last_name": "Kowalski",
            "subject": "English",
            "age_range": "11 to 18",
            "key_stage": "Key stage 4",
            "date_qualified": date(2016, 7, 22),
            "send_support": ["Cognition and learning"],
        },
    ],
}


@transaction.atomic
def make_mentors(*, primary, secondary, coordinator, lead_mentor, provider):
    """Each school's demo mentors, with their trainees from the provider (a partner of both schools)."""
    today = timezone.localdate()
    for school, mentors in ((primary, MENTORS["primary"]), (secondary, MENTORS["secondary"])):
        for details in mentors:
            _make_mentor(school, details, coordinator, lead_mentor, provider, today)


def _make_mentor(school, details, coordinator, lead_mentor, provider, today):
    details = dict(details)
    trainees = [(details.pop(key, None)) for key in ("trainee", "past_trainee")]
    send_support = details.pop("send_support", [])
    led = details.pop("led", False)
    if isinstance(details.get("available_again_on"), int):
        details["available_again_on"] = today + timedelta(days=details["available_again_on"])
    fields = {
        **details,
        "email": f"{details['first_name']}.{details['last_name']}@example.com".lower(),
        "subject": Subject.objects.get(name=details["subject"]),
        "age_range": AgeRange.objects.get(name=details["age_range"]),
        "key_stage": KeyStage.objects.get(name=details["key_stage"]),
        "added_by": coordinator,
        "lead_mentor": lead_mentor if led and lead_mentor.school_id == school.pk else None,
    }
    mentor, _ = Mentor.objects.current().update_or_create(school=school, trn=details["trn"], defaults=fields)
    mentor.send_support.set(SendArea.objects.filter(name__in=send_support))
    for trainee in filter(None, trainees):
        first_name, last_name, started_days_ago, ends_in_days = trainee
        TraineeAssignment.objects.update_or_create(
            mentor=mentor,
            first_name=first_name,
            last_name=last_name,
            defaults={
                "provider": provider,
                "starts_on": today - timedelta(days=started_days_ago),
                "ends_on": today + timedelta(days=ends_in_days),
            },
        )
