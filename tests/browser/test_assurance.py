"""Audits in a real browser: a provider's claims and its audit of one, with its errors, and the school's response
to a rejection, with its errors, each checked against WCAG 2.2 AA; the payer's expired link page too."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from claims.models import Claim, FundingRegion, PayerBatch
from claims.payments import download_link
from tests.support.factories import (
    MembershipFactory,
    MentorFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    UserFactory,
    make_claim,
)


@pytest.fixture
def claim(browser_db):
    school = SchoolFactory(
        name="Brookfield Primary School", urn=999001, funding_region=FundingRegion.objects.get(name="Inner London")
    )
    claim = make_claim(
        hours={
            MentorFactory(school=school, first_name="Zoë", last_name="O'Brien", trn="7000001"): 10,
            MentorFactory(school=school, first_name="Siân", last_name="Evans", trn="7000002"): 6,
        },
        provider=ProviderFactory(name="Northshire SCITT", code="N1S"),
        reference="27182818",
        status=Claim.Status.AUDIT_REQUESTED,
    )
    Claim.objects.filter(pk=claim.pk).update(audit_requested_at=timezone.now())
    return claim


def test_a_providers_audit_and_the_schools_response(new_page, check, claim):
    provider_user = ProviderMembershipFactory(provider=claim.provider).user
    page = new_page(provider_user)
    page.goto("/providers/N1S/claims/")
    check(page, "provider-claims")
    page.get_by_role("link", name="27182818").click()
    page.get_by_role("heading", name="Claim 27182818").wait_for()
    check(page, "provider-audit")
    page.get_by_role("button", name="Send your answers").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "provider-audit-errors")
    page.get_by_role("group", name="Did Zoë O'Brien do 10 hours of training with you?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Why are you not confirming Zoë O'Brien's hours?").fill("No record of her at our sessions")
    page.get_by_role("group", name="Did Siân Evans do 6 hours of training with you?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_role("button", name="Send your answers").click()
    page.get_by_text("Your answers about claim 27182818 have been sent").wait_for()
    check(page, "provider-claims-after-audit")
    page.get_by_role("link", name="27182818").click()
    page.get_by_role("heading", name="Claim 27182818").wait_for()
    check(page, "provider-claim-audited")

    coordinator = UserFactory(first_name="Amira", last_name="Khan")
    MembershipFactory(user=coordinator, school=claim.school)
    page = new_page(coordinator)
    page.goto(f"/schools/{claim.school.urn}/claims/{claim.pk}/")
    check(page, "claim-rejected-by-provider")
    page.get_by_role("button", name="Respond to the provider").click()
    page.get_by_role("heading", name="Respond to Northshire SCITT").wait_for()
    check(page, "respond")
    page.get_by_label("No, the training took place").check()
    page.get_by_role("button", name="Send your response").click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, "respond-errors")
    page.get_by_label("Tell us why the training took place").fill("Zoë signed the register on 3 May")
    page.get_by_role("button", name="Send your response").click()
    page.get_by_text("We have your explanation").wait_for()
    check(page, "claim-rejected-by-school")


def test_the_payers_expired_link(new_page, check, browser_db, settings):
    settings.PAYER_LINK_MAX_AGE_SECONDS = -1
    batch = PayerBatch.objects.create(kind=PayerBatch.Kind.PAYMENT, file="", sent_by=UserFactory())
    page = new_page()
    page.goto(urlsplit(download_link(batch)).path)
    page.get_by_role("heading", name="This link has expired").wait_for()
    check(page, "payer-link-expired")
