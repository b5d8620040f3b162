import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import hash_of, issue_token, revoke_tokens
from claims.models import Claim
from mentors.models import Mentor
from tests.support.admin import admin_history
from tests.support.factories import (
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    SchoolFactory,
    UserFactory,
    make_claim,
)

MENTORS = reverse("api:mentors")
CLAIMS = reverse("api:claims")


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Northshire SCITT", code="N1S")


@pytest.fixture
def token(provider):
    return issue_token(provider=provider, name="Student records", created_by=None)


def get(client, url, raw, **params):
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {raw}")


def pull_all(client, url, raw, **params):
    """Every page, following next to the end; the ids of what came, in order."""
    pages, results, response = 0, [], get(client, url, raw, **params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        pages += 1
        if body["next"] is None:
            return pages, results
        response = client.get(body["next"], HTTP_AUTHORIZATION=f"Bearer {raw}")


class TestMentors:
    def test_a_token_pulls_exactly_its_partner_schools_mentors_page_by_page(self, client, provider, token):
        partners = [SchoolFactory(), SchoolFactory(secondary=True)]
        for school in partners:
            PartnershipFactory(school=school, provider=provider)
        expected = {m.pk for school in partners for m in MentorFactory.create_batch(5, school=school)}
        MentorFactory(school=partners[0], shown_to_providers=False)
        MentorFactory(school=partners[0], removed_at=timezone.now())
        MentorFactory.create_batch(3, school=SchoolFactory())  # not a partner
        other_partner = SchoolFactory()
        PartnershipFactory(school=other_partner, provider=ProviderFactory())
        MentorFactory(school=other_partner)
        pages, results = pull_all(client, MENTORS, token[1], page_size=3)
        ids = [mentor["id"] for mentor in results]
        assert len(ids) == len(set(ids))
        assert set(ids) == expected
        assert pages == 4

    def test_no_email_addresses(self, client, provider, token):
        school = SchoolFactory()
        PartnershipFactory(school=school, provider=provider)
        mentor = MentorFactory(school=school, email="kept.private@example.com")
        body = get(client, MENTORS, token[1]).json()
        (shown,) = body["results"]
        assert "email" not in shown
        assert "kept.private" not in str(body)
        assert shown["trn"] == mentor.trn
        assert shown["school_urn"] == school.urn
        assert shown["status"] == "available"

    def test_updated_since(self, client, provider, token):
        school = SchoolFactory()
        PartnershipFactory(school=school, provider=provider)
        old, new = MentorFactory.create_batch(2, school=school)
        Mentor.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=10))
        since = (timezone.now() - timedelta(days=1)).isoformat()
        assert [m["id"] for m in get(client, MENTORS, token[1], updated_since=since).json()["results"]] == [new.pk]

    @pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "\x00"])
    def test_updated_since_not_a_time(self, client, token, value):
        response = get(client, MENTORS, token[1], updated_since=value)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["status"] == 400
        assert error["code"] == "invalid"
        assert "updated_since" in error["fields"]


class TestClaims:
    def test_only_submitted_claims_for_training_with_the_provider(self, client, provider, token):
        school = SchoolFactory()
        mentors = MentorFactory.create_batch(4, school=school)
        mine = make_claim(hours={mentors[0]: 6, mentors[1]: 4}, provider=provider)
        make_claim(hours={mentors[2]: 6}, provider=provider, status=Claim.Status.DRAFT)
        make_claim(hours={mentors[3]: 6}, provider=ProviderFactory())
        (claim,) = get(client, CLAIMS, token[1]).json()["results"]
        assert claim["reference"] == mine.reference
        assert claim["amount_pence"] == mine.amount_pence
        assert sorted(m["hours"] for m in claim["mentors"]) == [4, 6]
        assert claim["academic_year"] == "2025 to 2026"


class TestTokens:
    @pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Bearer a b", "Token abc"])
    def test_refused_without_a_valid_token(self, client, token, header):
        extra = {"HTTP_AUTHORIZATION": header} if header else {}
        response = client.get(MENTORS, **extra)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
        assert set(response.json()["error"]) == {"status", "code", "message"}

    def test_a_signed_in_person_is_not_a_token(self, client, token):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        assert client.get(MENTORS).status_code == 401

    def test_a_revoked_token(self, client, token):
        revoke_tokens(tokens=ApiToken.objects.all())
        assert get(client, MENTORS, token[1]).status_code == 401

    def test_only_the_hash_is_kept(self, token):
        saved, raw = token
        assert saved.token_hash == hash_of(raw) != raw
        assert saved.prefix == raw[:8]
        assert raw not in str(list(ApiToken.objects.values()))

    def test_last_used(self, client, token):
        saved, raw = token
        assert saved.last_used_at is None
        get(client, MENTORS, raw)
        saved.refresh_from_db()
        assert saved.last_used_at is not None

    def test_throttled_per_token(self, client, provider, token, settings):
        from rest_framework.settings import api_settings

        rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_token": "3/min"}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        from api.throttling import TokenRateThrottle

        TokenRateThrottle.THROTTLE_RATES = rates
        try:
            assert [get(client, MENTORS, token[1]).status_code for _ in range(3)] == [200, 200, 200]
            refused = get(client, MENTORS, token[1])
            assert refused.status_code == 429
            assert refused.json()["error"]["code"] == "throttled"
            assert int(refused["Retry-After"]) > 0
            # Counted in the database, not in a process's memory: another worker process refuses it too.
            cache.clear()
            assert get(client, MENTORS, token[1]).status_code == 429
            # Another token has its own count.
            other = issue_token(provider=provider, name="Other", created_by=None)[1]
            assert get(client, MENTORS, other).status_code == 200
        finally:
            TokenRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES

    def test_each_use_is_logged_without_personal_data(self, client, provider, token, caplog):
        school = SchoolFactory()
        PartnershipFactory(school=school, provider=provider)
        mentor = MentorFactory(school=school, first_name="Zainab", last_name="Okafor")
        with caplog.at_level(logging.INFO, logger="api"):
            get(client, MENTORS, token[1])
        (record,) = [r for r in caplog.records if r.name == "api.views"]
        message = record.getMessage()
        assert message == f"API GET {MENTORS} answered 200 for token {token[0].pk} ({token[0].prefix})"
        for personal in (mentor.trn, "Zainab", "Okafor", mentor.email, token[1]):
            assert personal not in message


class TestDescription:
    def test_openapi_schema(self, client):
        response = client.get(reverse("api:schema"), {"format": "json"})
        assert response.status_code == 200
        schema = response.json()
        assert set(schema["paths"]) == {MENTORS, CLAIMS}
        assert schema["components"]["securitySchemes"]["token"] == {"type": "http", "scheme": "bearer"}
        parameters = {p["name"] for p in schema["paths"][MENTORS]["get"]["parameters"]}
        assert {"cursor", "page_size", "updated_since"} <= parameters

    def test_docs_page(self, client):
        response = client.get(reverse("api:docs"))
        assert response.status_code == 200
        assert f"GET {MENTORS}" in response.content.decode()


class TestAdmin:
    def test_a_new_token_is_shown_once(self, client, provider):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.post(
            reverse("admin:api_apitoken_add"), {"provider": provider.pk, "name": "Student records"}, follow=True
        )
        token = ApiToken.objects.get()
        (message,) = [str(m) for m in response.context["messages"] if "<code>" in str(m)]
        raw = message.split("<code>")[1].split("</code>")[0]
        assert hash_of(raw) == token.token_hash
        assert token.name == "Student records"
        page = client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
        assert raw not in page

    def test_revoking(self, client, token):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        client.post(reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token[0].pk]})
        token[0].refresh_from_db()
        assert token[0].revoked_at is not None
        assert admin_history(token[0]) == ["Revoked."]
