"""Benchmark: one request of each DfE staff report, live (grouping every school's rows) and from the summaries.

    .venv/bin/python benchmarks/report_views.py [--database manage_itt_mentors_volume] [--runs 3]

On the volume database of benchmarks/load.py (made by benchmarks/wrk_pages.py or load.py on first use), it refreshes
the summaries (timed), then times each staff report page in-process (Django's test client, no HTTP), best of --runs,
first with the figures grouped live and then read from the summaries.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import DATABASE_NAME, volume_database_url  # noqa: E402

PAGES = {"mentors": {}, "funding": {}, "funding, one year": {"academic_year": None}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DATABASE_NAME)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = volume_database_url(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from claims.selectors import current_academic_year
    from reports import reports, selectors, services

    started = time.monotonic()
    services.refresh_summaries()
    print(f"Refreshed the summaries in {time.monotonic() - started:.1f} s.")
    staff, _ = get_user_model().objects.get_or_create(email="report-benchmark@example.com", defaults={"is_staff": True})
    client = Client(SERVER_NAME="localhost")
    client.force_login(staff)
    year = current_academic_year().start_year

    def best(url, query):
        times = []
        for _ in range(args.runs):
            started = time.monotonic()
            assert client.get(url, query).status_code == 200
            times.append(time.monotonic() - started)
        return min(times)

    print("\n| Page | Live s | Summaries s |\n| --- | --- | --- |")
    for name, query in PAGES.items():
        query = {key: value or year for key, value in query.items()}
        url = reverse(f"reports:{name.split(',')[0]}")
        summarised = best(url, query)
        with mock.patch.object(reports, "source", lambda scope: selectors):
            live = best(url, query)
        print(f"| {name} | {live:.2f} | {summarised:.3f} |")


if __name__ == "__main__":
    main()
