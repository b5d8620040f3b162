import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from providers.decorators import provider_view
from tests.support.factories import ProviderFactory, ProviderMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@provider_view
def page(request):
    return HttpResponse(request.provider.code)


@provider_view(permission=lambda user, provider: False)
def forbidden_page(request):
    return HttpResponse()


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    return request


def test_a_member_of_the_provider_sees_its_page():
    membership = ProviderMembershipFactory(provider=ProviderFactory(code="N1S"))
    request = request_by(membership.user)

    assert page(request, code="N1S").content == b"N1S"
    assert request.provider_membership == membership


@pytest.mark.parametrize("code", ["N1S", "ZZZ"])
def test_anyone_else_finds_no_such_page(code):
    ProviderMembershipFactory(provider=ProviderFactory(code="N1S"))
    ProviderMembershipFactory(provider=ProviderFactory(code="OTH"), user=(outsider := UserFactory()))

    with pytest.raises(Http404):
        page(request_by(outsider), code=code)


def test_a_member_without_the_permission_may_not_use_the_page():
    membership = ProviderMembershipFactory()

    with pytest.raises(PermissionDenied):
        forbidden_page(request_by(membership.user), code=membership.provider.code)
