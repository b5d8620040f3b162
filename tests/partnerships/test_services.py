import pytest

from emails.models import Email
from partnerships import services
from partnerships.models import Partnership
from tests.support.factories import PartnershipFactory, ProviderFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_adding_a_provider_records_who_and_emails_its_users(coordinator, primary_school, provider, provider_user):
    ProviderMembershipFactory(provider=provider, user=UserFactory(is_active=False))
    ProviderMembershipFactory(user=UserFactory(email="elsewhere@example.com"))

    partnership = services.add_partnership(school=primary_school, provider=provider, added_by=coordinator)

    assert partnership.created_by == coordinator
    assert partnership.history.get().history_user == coordinator
    email = Email.objects.get()
    assert (email.kind, email.recipient) == (Email.Kind.PARTNERSHIP_ADDED, "provider@example.com")
    assert email.subject == "Brookfield Primary School has added Northshire SCITT as a partner provider"
    assert f"Brookfield Primary School (URN {primary_school.urn}) has added Northshire SCITT" in email.body


@pytest.mark.parametrize(
    ("already", "accredited", "refusal", "message"),
    [
        (
            True,
            True,
            services.AlreadyPartners,
            "Northshire SCITT is already one of Brookfield Primary School’s providers",
        ),
        (False, False, services.ProviderNotAccredited, "Northshire SCITT is not an accredited provider"),
    ],
)
def test_adding_is_refused(coordinator, primary_school, provider, already, accredited, refusal, message):
    if already:
        PartnershipFactory(school=primary_school, provider=provider)
    provider.accredited = accredited
    provider.save()
    with pytest.raises(refusal, match=message):
        services.add_partnership(school=primary_school, provider=provider, added_by=coordinator)
    assert Partnership.objects.count() == (1 if already else 0)
    assert not Email.objects.exists()


def test_a_journey_submitted_twice_adds_once(coordinator, primary_school, provider):
    journey_id = "7d3f1c1e-0000-4000-8000-000000000001"
    first = services.add_partnership(
        school=primary_school, provider=provider, added_by=coordinator, journey_id=journey_id
    )
    again = services.add_partnership(
        school=primary_school, provider=provider, added_by=coordinator, journey_id=journey_id
    )
    assert first == again
    assert Partnership.objects.count() == 1


def test_removing_a_provider_is_in_history_and_emails_its_users(coordinator, primary_school, provider, provider_user):
    PartnershipFactory(school=primary_school, provider=provider)

    services.remove_partnership(school=primary_school, provider=provider, removed_by=coordinator)

    assert not Partnership.objects.exists()
    removal = Partnership.history.filter(history_type="-").get()
    assert removal.history_user == coordinator
    email = Email.objects.get()
    assert (email.kind, email.recipient) == (Email.Kind.PARTNERSHIP_REMOVED, "provider@example.com")
    assert email.subject == "Brookfield Primary School has removed Northshire SCITT as a partner provider"


def test_removing_a_provider_that_is_not_a_partner_is_refused(coordinator, primary_school):
    with pytest.raises(services.NotPartners):
        services.remove_partnership(school=primary_school, provider=ProviderFactory(), removed_by=coordinator)
    assert not Email.objects.exists()
