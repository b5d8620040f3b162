"""The API's limit per token, counted in the database (api.services.count_request) so that every worker process
counts the same requests."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from api.models import TokenRequestCount
from api.services import count_request, issue_token
from tests.support.factories import ProviderFactory

WINDOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.mark.usefixtures("committed_db")  # each request is counted in a thread of its own, with its own connection
def test_requests_at_the_same_moment_each_count_once():
    token, _ = issue_token(provider=ProviderFactory(), name="Student records", created_by=None)

    def count(_):
        try:
            return count_request(token=token, window_start=WINDOW)
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        counted = sorted(pool.map(count, range(40)))
    assert counted == list(range(1, 41))
    assert TokenRequestCount.objects.get(token=token).requests == 40


@pytest.mark.django_db
def test_a_tokens_first_request_in_a_window_clears_its_earlier_windows_only():
    provider = ProviderFactory()
    token, other = (issue_token(provider=provider, name=name, created_by=None)[0] for name in ("One", "Two"))
    earlier = WINDOW - timedelta(minutes=1)
    for _ in range(3):
        count_request(token=token, window_start=earlier)
    count_request(token=other, window_start=earlier)
    assert count_request(token=token, window_start=WINDOW) == 1
    assert count_request(token=token, window_start=WINDOW) == 2
    assert set(TokenRequestCount.objects.values_list("token", "window_start", "requests")) == {
        (token.pk, WINDOW, 2),
        (other.pk, earlier, 1),
    }
