"""The API's authorisation, as a table: what each kind of token gets from each API URL, and whose records. The
service's own actors (signed in or not, without a token) are in tests/test_authorisation_matrix.py: all 401."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import issue_token, revoke_tokens
from tests.support.factories import MentorFactory, PartnershipFactory, ProviderFactory, SchoolFactory, make_claim

TOKENS = ("none", "partner_provider", "other_provider", "revoked", "malformed")
OK, UNAUTHORISED = 200, 401

# url name: {token: (status, sees the partner school's records)}
TABLE = {
    "api:mentors": {
        "none": (UNAUTHORISED, False),
        "partner_provider": (OK, True),
        "other_provider": (OK, False),
        "revoked": (UNAUTHORISED, False),
        "malformed": (UNAUTHORISED, False),
    },
    "api:claims": {
        "none": (UNAUTHORISED, False),
        "partner_provider": (OK, True),
        "other_provider": (OK, False),
        "revoked": (UNAUTHORISED, False),
        "malformed": (UNAUTHORISED, False),
    },
}


def test_the_table_covers_every_api_url_that_needs_a_token():
    from tests.test_authorisation_matrix import PATTERNS

    needing_tokens = {p.key for p in PATTERNS if p.key.startswith("api:") and p.key not in ("api:schema", "api:docs")}
    assert needing_tokens == set(TABLE)
    assert all(set(row) == set(TOKENS) for row in TABLE.values())


@pytest.fixture
def world(db):
    provider, other = ProviderFactory(), ProviderFactory()
    school = SchoolFactory()
    PartnershipFactory(school=school, provider=provider)
    PartnershipFactory(school=SchoolFactory(), provider=other)
    mentor = MentorFactory(school=school, trn="3141592")
    make_claim(hours={mentor: 5}, provider=provider)
    revoked = issue_token(provider=provider, name="Old", created_by=None)
    revoke_tokens(tokens=ApiToken.objects.filter(pk=revoked[0].pk))
    return {
        "none": None,
        "partner_provider": issue_token(provider=provider, name="Records", created_by=None)[1],
        "other_provider": issue_token(provider=other, name="Records", created_by=None)[1],
        "revoked": revoked[1],
        "malformed": "two words",
    }


@pytest.mark.parametrize(("name", "token"), [(name, token) for name in TABLE for token in TOKENS])
def test_what_each_token_gets(client, world, name, token):
    status, sees = TABLE[name][token]
    raw = world[token]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    response = client.get(reverse(name), **headers)
    assert response.status_code == status
    body = response.json()
    if status == OK:
        assert ("3141592" in str(body["results"])) == sees
    else:
        assert body["error"]["status"] == status
        assert "3141592" not in response.content.decode()
    # Only reading: any other method is refused, with or without a token.
    refused = client.post(reverse(name), **headers)
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD"
