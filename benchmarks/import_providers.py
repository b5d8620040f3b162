"""Benchmark: import_providers reading 250 providers in 10 pages from a local stand-in for Publish.

    .venv/bin/python benchmarks/import_providers.py [--runs 5]

Serves the pages in tests/fixtures/publish/providers-2026 over HTTP on this machine, and times the whole command
(reading every page, then writing) into an empty table, again with nothing changed, and again with 30 providers
changed and an accredited one gone from the list: the median of --runs runs of each. Uses a scratch database,
manage_itt_mentors_benchmark_providers, on the server of DATABASE_URL (default: the local PostgreSQL), made afresh
and dropped at the end. Publish's own response time is not in it: over the internet, add its time for each page.
"""

import argparse
import copy
import io
import json
import os
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
PAGES = PROJECT / "tests" / "fixtures" / "publish" / "providers-2026"
GENERATED_AT = "http://127.0.0.1:8765"
DATABASE_NAME = "manage_itt_mentors_benchmark_providers"


class StandIn:
    """Serves the fixture's pages, by page[page], with their links pointed at itself."""

    def __init__(self):
        self.reset()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                number = int(parse_qs(urlsplit(self.path).query).get("page[page]", ["1"])[0])
                page = copy.deepcopy(stand_in.pages[number - 1])
                page["links"] = {name: link.replace(GENERATED_AT, stand_in.url) for name, link in page["links"].items()}
                body = json.dumps(page).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.api+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self):
        self.pages = [json.loads((PAGES / f"page-{n}.json").read_text(encoding="utf-8")) for n in range(1, 11)]

    def change_30_and_drop_an_accredited_one(self, run):
        for page in self.pages:
            for provider in page["data"][::10]:
                provider["attributes"]["name"] += f" (run {run})"
        last = self.pages[-1]["data"]
        last.remove(next(p for p in reversed(last) if p["attributes"]["accredited_body"]))


def scratch_database_url():
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME}")
        connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
    return admin_url, urlunsplit(server._replace(path=f"/{DATABASE_NAME}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    admin_url, database_url = scratch_database_url()
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from providers.models import Provider

    stand_in = StandIn()

    def timed():
        out = io.StringIO()
        started = time.perf_counter()
        call_command("import_providers", "--url", stand_in.url, "--year", "2026", stdout=out)
        seconds = time.perf_counter() - started
        return seconds, " ".join(line for line in out.getvalue().splitlines()[1:] if not line.startswith(" "))

    try:
        call_command("migrate", verbosity=0)
        print(f"{'run':<42} {'median s':>8}  {'fastest':>7}  {'slowest':>7}  result")
        times = {"into an empty table": [], "again (nothing changes)": [], "30 changed, an accredited one gone": []}
        for run in range(args.runs):
            Provider.objects.all().delete()
            Provider.history.all().delete()
            stand_in.reset()
            for name in times:
                if name == "30 changed, an accredited one gone":
                    stand_in.change_30_and_drop_an_accredited_one(run)
                seconds, result = timed()
                times[name].append((seconds, result))
        for name, runs in times.items():
            seconds = [s for s, _ in runs]
            print(
                f"{name:<42} {statistics.median(seconds):>8.2f}  {min(seconds):>7.2f}  {max(seconds):>7.2f}  "
                f"{runs[-1][1]}"
            )
    finally:
        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME}")


if __name__ == "__main__":
    main()
