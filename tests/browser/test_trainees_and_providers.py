"""The trainee pages, the provider's pages and the school's details, with their error states, in a real browser:
screenshotted, and checked against WCAG 2.2 AA, valid HTML and title = h1."""

import datetime

from django.utils import timezone

from reference_data.models import SendArea
from tests.support.factories import (
    MembershipFactory,
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    TraineeAssignmentFactory,
    UserFactory,
)


def test_trainee_pages_and_their_errors(new_page, check, browser_db):
    school = SchoolFactory(name="Brookfield Primary School", urn=999001)
    coordinator = UserFactory(email="coordinator@example.com", first_name="Amira", last_name="Khan")
    MembershipFactory(user=coordinator, school=school)
    mentor = MentorFactory(school=school, first_name="Zoë", last_name="O'Brien")
    page = new_page(coordinator)
    page.goto(f"/schools/{school.urn}/mentors/{mentor.pk}/trainees/add/")
    check(page, "add-trainee-no-partner-providers")

    provider = ProviderFactory(name="Northshire SCITT", code="N1S")
    PartnershipFactory(school=school, provider=provider)
    today = timezone.localdate()
    TraineeAssignmentFactory(
        mentor=mentor,
        provider=provider,
        first_name="Maya",
        last_name="Chen",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=10),
    )
    page.goto(f"/schools/{school.urn}/mentors/{mentor.pk}/trainees/add/")
    check(page, "add-trainee")
    page.get_by_role("button", name="Add trainee").click()
    check(page, "add-trainee-errors")
    page.get_by_label("First name").fill("Leo")
    page.get_by_label("Last name").fill("Fischer")
    page.get_by_label("Northshire SCITT").check()
    for legend, day in (("Start date", today), ("End date", today - datetime.timedelta(days=1))):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Add trainee").click()
    check(page, "add-trainee-end-before-start")
    group = page.get_by_role("group", name="End date")
    group.get_by_label("Year").fill(str(today.year + 1))
    page.get_by_role("button", name="Add trainee").click()
    check(page, "details-with-trainees")

    page.get_by_role("link", name="Change Leo Fischer’s details").click()
    check(page, "change-trainee")
    page.go_back()
    page.get_by_role("link", name="End Leo Fischer’s mentoring").click()
    check(page, "end-trainee")
    page.get_by_label("Another date").check()
    page.get_by_role("button", name="End mentoring").click()
    check(page, "end-trainee-errors")


def test_provider_pages_and_school_details(new_page, check, browser_db):
    primary = SchoolFactory(
        name="Brookfield Primary School",
        urn=999001,
        sen_types=["SpLD - Specific Learning Difficulty"],
        resourced_provision_type="Resourced provision",
    )
    secondary = SchoolFactory(name="Oakwood Academy", urn=999002, secondary=True)
    provider = ProviderFactory(name="Northshire SCITT", code="N1S")
    coordinator = UserFactory(email="coordinator@example.com", first_name="Amira", last_name="Khan")
    for school in (primary, secondary):
        PartnershipFactory(school=school, provider=provider)
        MembershipFactory(user=coordinator, school=school)
    grace = MentorFactory(
        school=primary, first_name="Grace", last_name="Adeyemi", date_qualified=datetime.date(2012, 7, 20)
    )
    grace.send_support.set(SendArea.objects.all()[:2])
    MentorFactory(school=primary, first_name="Priya", last_name="Shah", unavailable=True)
    MentorFactory(school=secondary, first_name="Daniel", last_name="Murphy")
    TraineeAssignmentFactory(mentor=grace, provider=provider, first_name="Leo", last_name="Fischer")

    page = new_page(coordinator)
    page.goto(f"/schools/{primary.urn}/details/")
    check(page, "school-details")

    page = new_page(ProviderMembershipFactory(provider=provider, user__first_name="Nia").user)
    page.goto("/providers/N1S/trainees/")
    check(page, "provider-trainees")
    page.goto("/providers/N1S/mentors/")
    check(page, "provider-find-mentors")
    page.get_by_label("Available", exact=True).check()
    page.get_by_label("Primary", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    check(page, "provider-find-mentors-filtered")
    page.goto("/providers/N1S/mentors/?status=available&send_support=4&phase=secondary&subject=1")
    check(page, "provider-find-mentors-none-found")
    page.goto("/providers/N1S/mentors/?status=asleep&subject=nope")
    check(page, "provider-find-mentors-errors")
