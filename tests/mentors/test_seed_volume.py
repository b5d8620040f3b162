"""seed_volume: national-scale volume data for benchmarks, made small here (60 schools, 500 mentors)."""

import random
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db.models import Count

from accounts.models import User
from emails.models import Email
from mentors.management.commands.seed_volume import (
    FIRST_URN,
    LARGE_SCHOOL_MENTORS,
    LARGEST_SCHOOL_COORDINATOR_EMAIL,
    email_part,
    mentors_per_school,
)
from mentors.models import Mentor
from reference_data import selectors as reference_lists
from schools.models import Membership, School
from schools.selectors import service_phases
from tests.support.factories import MembershipFactory, MentorFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-volume-password"


def seed_volume(*args, schools=60, mentors=500, **options):
    out = StringIO()
    call_command("seed_volume", *args, schools=schools, mentors=mentors, password=PASSWORD, stdout=out, **options)
    return out.getvalue()


def volume_schools():
    return School.objects.filter(urn__gte=FIRST_URN)


def volume_mentors():
    return Mentor.objects.filter(school__urn__gte=FIRST_URN)


def snapshot():
    """What the volume data says, without what differs from run to run: primary keys and timestamps."""
    schools = list(
        volume_schools()
        .order_by("urn")
        .values_list("urn", "name", "phase_of_education_code", "statutory_low_age", "postcode", "is_open")
    )
    mentors = list(
        volume_mentors()
        .order_by("school__urn", "trn")
        .values_list(
            "school__urn",
            "first_name",
            "last_name",
            "trn",
            "email",
            "subject__name",
            "age_range__name",
            "key_stage__name",
            "date_qualified",
            "dqt_status",
            "removal_reason",
            "lead_mentor__user__email",
            "added_by__email",
        )
    )
    return schools, mentors


def test_mentors_per_school_at_national_scale():
    counts = mentors_per_school(50_000, 150_000, random.Random(1))

    assert len(counts) == 50_000
    assert sum(counts) == 150_000
    assert counts == sorted(counts, reverse=True)
    assert sum(count <= 10 for count in counts) / len(counts) > 0.95
    assert sum(count == 0 for count in counts) > 5_000
    assert sum(11 <= count <= 100 for count in counts) > 100
    assert sum(count >= LARGE_SCHOOL_MENTORS for count in counts) == 5


@pytest.mark.parametrize(("schools", "mentors"), [(60, 500), (5, 200), (1, 3), (3, 0), (0, 0)])
def test_mentors_per_school_adds_up_whatever_the_numbers(schools, mentors):
    counts = mentors_per_school(schools, mentors, random.Random(1))

    assert len(counts) == schools
    assert sum(counts) == mentors
    assert (max(counts, default=0) >= LARGE_SCHOOL_MENTORS) == (mentors >= LARGE_SCHOOL_MENTORS)


def test_creates_the_schools_mentors_and_users_asked_for():
    output = seed_volume()

    schools = volume_schools()
    assert schools.count() == 60
    assert volume_mentors().count() == 500
    assert {school.phase_of_education_code for school in schools} == set(School.GiasPhase)
    assert all(
        school.phase_of_education_name == School.GiasPhase(school.phase_of_education_code).label for school in schools
    )
    assert schools.filter(is_open=False).exists()
    assert not schools.filter(local_authority="").exists()
    # One ITT coordinator at each school with mentors, and none at the others.
    with_mentors = schools.filter(mentors__isnull=False).distinct()
    coordinators = Membership.objects.filter(role=Membership.Role.ITT_COORDINATOR)
    assert sorted(coordinators.values_list("school__urn", flat=True)) == sorted(
        with_mentors.values_list("urn", flat=True)
    )
    assert Membership.objects.filter(role=Membership.Role.LEAD_MENTOR).exists()
    assert volume_mentors().filter(lead_mentor__isnull=False).exists()
    assert volume_mentors().filter(removed_at__isnull=False).exclude(removal_reason="").exists()
    assert volume_mentors().filter(dqt_status="found", dqt_date_qualified__isnull=False).exists()
    assert volume_mentors().filter(date_qualified__isnull=False).exists()
    assert "Schools: 60" in output
    assert "Mentors: 500" in output


def test_the_largest_school_has_300_mentors_and_a_coordinator_to_sign_in_as():
    output = seed_volume()

    coordinator = User.objects.get(email=LARGEST_SCHOOL_COORDINATOR_EMAIL)
    assert coordinator.check_password(PASSWORD)
    (membership,) = coordinator.memberships.all()
    assert membership.role == Membership.Role.ITT_COORDINATOR
    school = membership.school
    assert school.mentors.filter(removed_at__isnull=True).count() >= LARGE_SCHOOL_MENTORS
    assert school.mentors.count() == max(
        volume_schools().annotate(mentors_count=Count("mentors")).values_list("mentors_count", flat=True)
    )
    assert LARGEST_SCHOOL_COORDINATOR_EMAIL in output
    assert f"URN {school.urn}" in output
    assert PASSWORD in output


def test_every_mentor_has_a_subject_age_range_and_key_stage_their_school_is_offered():
    seed_volume()

    offered = {}
    for mentor in volume_mentors().select_related("school"):
        phases = service_phases(mentor.school)
        if phases not in offered:
            age_ranges = list(reference_lists.age_ranges_for(phases))
            offered[phases] = (
                set(reference_lists.subjects_for(phases).values_list("pk", flat=True)),
                {age_range.pk for age_range in age_ranges},
                {
                    age_range.pk: set(reference_lists.key_stages_for(phases, age_range).values_list("pk", flat=True))
                    for age_range in age_ranges
                },
            )
        subjects, age_ranges, key_stages = offered[phases]
        assert mentor.subject_id in subjects, mentor
        assert mentor.age_range_id in age_ranges, mentor
        assert mentor.key_stage_id in key_stages[mentor.age_range_id], mentor
    assert len(offered) == 3  # primary, secondary, and both


def test_names_go_beyond_ascii_and_emails_and_trns_are_valid():
    seed_volume()

    names = list(volume_mentors().values_list("first_name", "last_name", "email", "trn", "school_id"))
    assert any(not (first + last).isascii() for first, last, *_ in names)
    assert all(email.isascii() and email.endswith(".volume.example") for *_, email, _, _ in names)
    assert all(len(trn) == 7 and trn.isdigit() for *_, trn, _ in names)
    assert len({(school, trn) for *_, trn, school in names}) == len(names)
    assert all(email == email.lower() for email in User.objects.values_list("email", flat=True))


def test_email_part_leaves_only_ascii():
    assert [email_part(name) for name in ["Zoë", "Łukasz", "O'Brien", "de Souza", "Søren", "Smith-Jones"]] == [
        "zoe",
        "lukasz",
        "obrien",
        "desouza",
        "soren",
        "smith-jones",
    ]


def test_the_same_seed_makes_the_same_data():
    seed_volume(seed=7)
    first = snapshot()
    seed_volume("--replace", seed=7)
    again = snapshot()
    seed_volume("--replace", seed=8)
    other_seed = snapshot()

    assert first == again
    assert first != other_seed


def test_each_mentor_and_membership_has_its_history():
    seed_volume()

    for mentor in volume_mentors().select_related("added_by"):
        records = list(mentor.history.all())
        added = records[-1]
        assert added.history_type == "+"
        assert added.history_user == mentor.added_by
        assert added.removed_at is None
        if mentor.removed_at:
            assert [record.history_type for record in records] == ["~", "+"]
            assert records[0].removed_at == mentor.removed_at
        else:
            assert len(records) == 1
    memberships = Membership.objects.filter(school__urn__gte=FIRST_URN)
    assert Membership.history.filter(history_type="+").count() == memberships.count() > 0


def test_seeding_queues_no_email():
    seed_volume()

    assert Email.objects.count() == 0
    assert mail.outbox == []


def test_refuses_to_run_again_without_replace():
    seed_volume()

    with pytest.raises(CommandError, match="--replace"):
        seed_volume(schools=10, mentors=20)

    assert volume_schools().count() == 60
    assert volume_mentors().count() == 500


def test_replace_deletes_only_the_earlier_volume_data():
    school = SchoolFactory(urn=999001, name="Brookfield Primary School")
    user = UserFactory(email="coordinator@example.com")
    MembershipFactory(user=user, school=school)
    lead = MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR)
    mentor = MentorFactory(school=school, lead_mentor=lead, added_by=user)
    seed_volume()

    seed_volume("--replace", schools=30, mentors=400, seed=2)

    assert volume_schools().count() == 30
    assert volume_mentors().count() == 400
    assert Mentor.history.filter(school__urn__gte=FIRST_URN, history_type="+").count() == 400
    assert not Mentor.history.filter(history_type="-").exists()
    volume_memberships = Membership.objects.filter(school__urn__gte=FIRST_URN)
    assert Membership.history.filter(school__urn__gte=FIRST_URN).count() == volume_memberships.count()
    assert School.objects.count() == 31
    assert Membership.objects.filter(school=school).count() == 2
    mentor.refresh_from_db()
    assert (mentor.lead_mentor, mentor.added_by) == (lead, user)
    assert mentor.history.count() == 1
    assert set(User.objects.exclude(email__endswith=".volume.example")) == {user, lead.user}
    assert User.objects.filter(email__endswith=".volume.example").count() == volume_memberships.count()
