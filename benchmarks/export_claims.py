"""Benchmark: support staff's CSV export of claims, streamed, for 10,000 claims and for every claim.

    .venv/bin/python benchmarks/export_claims.py [--database manage_itt_mentors_volume]

On the volume database of benchmarks/load.py (made by benchmarks/wrk_pages.py or load.py on first use), it streams
the export admin sends (claims.exports.export_response) for the first 10,000 claims and for all of them, in-process,
reading every line as a browser would, and reports the lines, bytes, seconds and the peak Python memory of each:
the peak must not grow with the number of claims.
"""

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import DATABASE_NAME, volume_database_url  # noqa: E402


def stream(response):
    """Read the response line by line; returns (lines, bytes, seconds, peak Python memory in MiB)."""
    tracemalloc.start()
    started = time.perf_counter()
    lines = size = 0
    for line in response.streaming_content:
        lines += 1
        size += len(line)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return lines, size, seconds, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DATABASE_NAME)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = volume_database_url(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.db import transaction

    from claims.exports import export_response
    from claims.models import Claim

    every = Claim.objects.all()
    first = every.filter(pk__in=every.order_by("pk").values("pk")[:10_000])
    print("| Claims | Lines | MB | Seconds | Peak Python memory (MiB) |")
    print("| --- | --- | --- | --- | --- |")
    for claims in (first, every):
        with transaction.atomic():  # a server-side cursor lives in a transaction, as in a request on PostgreSQL
            lines, size, seconds, peak = stream(export_response(claims))
        print(f"| {claims.count():,} | {lines:,} | {size / 1e6:.1f} | {seconds:.1f} | {peak:.1f} |")


if __name__ == "__main__":
    main()
