import pytest
from django.db import IntegrityError

from partnerships import selectors
from tests.support.factories import PartnershipFactory, ProviderFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_a_school_s_partners_and_a_provider_s_schools_are_each_other_s_by_name():
    school, other_school = SchoolFactory(name="Oakwood"), SchoolFactory(name="Ashby")
    zeta, alpha, stranger = ProviderFactory(name="Zeta SCITT"), ProviderFactory(name="Alpha SCITT"), ProviderFactory()
    for provider in (zeta, alpha):
        PartnershipFactory(school=school, provider=provider)
    PartnershipFactory(school=other_school, provider=zeta)

    assert list(selectors.partner_providers(school)) == [alpha, zeta]
    assert list(selectors.partner_schools(zeta)) == [other_school, school]
    assert list(selectors.partner_schools(stranger)) == []
    assert selectors.are_partners(school=school, provider=alpha)
    assert not selectors.are_partners(school=other_school, provider=alpha)


def test_a_school_works_with_a_provider_once():
    partnership = PartnershipFactory()
    with pytest.raises(IntegrityError):
        PartnershipFactory(school=partnership.school, provider=partnership.provider)
