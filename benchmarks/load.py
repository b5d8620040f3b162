"""Benchmark: the service under load on national-scale data, against the framework floor.

    .venv/bin/python benchmarks/load.py [--runs 3] [--users 20] [--run-time 60] [--soak-users 50] [--reseed]

Serves the service with gunicorn (production settings over plain HTTP: config.settings.benchmark) on
PostgreSQL, in a database of its own, manage_itt_mentors_volume, on the server of DATABASE_URL (default: the
local PostgreSQL). The first run fills it with seed_volume (50,000 schools, 150,000 mentors) and later runs
reuse it. Locust (benchmarks/locustfile.py) then drives every page at --users concurrent users, --runs times,
and reports requests per second and p50/p95/p99 latency per page, the medians over the runs, and each page's
p95 as a ratio to the framework floor's p95 in the same run. Then two users (a coordinator and a member of
support staff) give each page's own time with little else running, and a soak at --soak-users users for
--soak-time seconds counts errors. Signing in is not measured: each simulated user starts with a session.
"""

import argparse
import csv
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
DATABASE_NAME = "manage_itt_mentors_volume"
SUPPORT_EMAIL = "support@benchmark.example"
COORDINATOR_EMAIL = "coordinator@largest.volume.example"
FLOOR = "framework floor"
PER_PAGE = 25


def volume_database_url(name):
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    with psycopg.connect(urlunsplit(server._replace(path="/postgres")), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {name}")
    return urlunsplit(server._replace(path=f"/{name}"))


def manage(*arguments, env):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=PROJECT, env=env, check=True)


def remove_added_mentors(urn):
    """Mentors added by a run (through the add-mentor journey, unlike the seeded ones), so the school stays the
    same size from run to run."""
    from core.models import JourneySubmission
    from mentors.models import Mentor

    added = JourneySubmission.objects.filter(result_model="mentors.Mentor").values("result_id")
    Mentor.objects.filter(school__urn=urn, pk__in=added).delete()
    JourneySubmission.objects.filter(result_model="mentors.Mentor").delete()


def unused_trns(school):
    """The first of the longest run of TRNs that none of the school's mentors has, for the mentors added."""
    taken = sorted(int(trn) for trn in school.mentors.values_list("trn", flat=True))
    bounds = [-1, *taken, 10**7]
    gap, after = max((following - previous, previous) for previous, following in pairwise(bounds))
    return after + 1


def signed_in_sessions(user, count):
    from django.conf import settings
    from django.test import Client

    sessions = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return sessions


def prepare(env, args):
    """Migrate, seed the volume data if it is not there, and find what the simulated users will visit."""
    manage("migrate", "--verbosity", "0", env=env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db.models import Count

    from accounts.models import User
    from claims.demo import open_claim_window
    from claims.models import Claim
    from mentors.models import Mentor
    from schools.models import Membership

    if args.reseed or not (User.objects.filter(email=COORDINATOR_EMAIL).exists() and Claim.objects.exists()):
        manage("seed_volume", "--schools", str(args.schools), "--mentors", str(args.mentors), "--replace", env=env)
        # Fresh statistics, as autovacuum would gather in time, so the planner sees 150,000 mentors.
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    school = Membership.objects.get(user=coordinator).school
    remove_added_mentors(school.urn)
    support, _ = User.objects.get_or_create(email=SUPPORT_EMAIL, defaults={"is_staff": True, "is_superuser": True})
    users = max(args.users, args.soak_users)

    # A claim window open now (seed_volume opened one; it may have closed since), and the provider the school has
    # claimed the most with this year: its mentors page lists every mentor with what is left of their hours.
    window = open_claim_window()
    claim_provider = (
        Claim.objects.filter(school=school, academic_year=window.academic_year)
        .values("provider__name", "provider__code")
        .annotate(claims=Count("pk"))
        .order_by("-claims")
        .first()
    )
    mentors = Mentor.objects.current().filter(school=school).order_by("pk")
    count = mentors.count()
    some_mentor = mentors.first()
    return {
        "urn": school.urn,
        "mentor_count": count,
        "mentor_ids": list(mentors.values_list("pk", flat=True)[:100]),
        "first_trn": unused_trns(school),
        "later_page": max(1, -(-count // PER_PAGE) - 1),
        "search": some_mentor.last_name[:4],
        "admin_search": some_mentor.last_name[:5],
        "claim_provider": claim_provider
        and {"name": claim_provider["provider__name"], "code": claim_provider["provider__code"]},
        # Signing in is not measured (it hashes the password on purpose slowly): each simulated user starts
        # with a session of their own, made as signing in makes it.
        "coordinator_sessions": signed_in_sessions(coordinator, users),
        "support_sessions": signed_in_sessions(support, users),
    }


def serve(env, port, workers):
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=PROJECT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def locust(port, users, seconds, context, csv_prefix):
    remove_added_mentors(context["urn"])
    subprocess.run(
        [
            *(sys.executable, "-m", "locust", "-f", str(PROJECT / "benchmarks" / "locustfile.py")),
            *("--headless", "--only-summary", "--loglevel", "WARNING"),
            *("-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}"),
            *("--csv", csv_prefix),
        ],
        cwd=PROJECT,
        env={**os.environ, "BENCHMARK_CONTEXT": json.dumps(context)},
        check=False,  # locust exits 1 when any request failed: the table says which
        stdout=subprocess.DEVNULL,
    )
    with open(f"{csv_prefix}_stats.csv", newline="") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file) if row["Name"] != "Aggregated"}
    return {
        name: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
        }
        for name, row in rows.items()
    }


def median(runs, name, key):
    return statistics.median(run[name][key] for run in runs if name in run)


def report_load(runs, users):
    print(f"\n### {users} concurrent users: medians of {len(runs)} runs\n")
    print("| Page | Requests per second | p50 ms | p95 ms | p99 ms | p95 ÷ floor p95 | Failures |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ratios = {}
    for name in runs[0]:
        ratios[name] = statistics.median(run[name]["p95"] / run[FLOOR]["p95"] for run in runs if name in run)
        failures = sum(run[name]["failures"] for run in runs if name in run)
        print(
            f"| {name} | {median(runs, name, 'rps'):.1f} | {median(runs, name, 'p50'):.0f} "
            f"| {median(runs, name, 'p95'):.0f} | {median(runs, name, 'p99'):.0f} | {ratios[name]:.2f} | {failures} |"
        )
    worst = max((ratio, name) for name, ratio in ratios.items())
    print(f"\nHighest ratio: {worst[1]}, {worst[0]:.2f} × the floor's p95 (target: at most 2).")


def report_alone(run):
    print("\n### Two users (a coordinator and support staff), one request at a time each: each page's own time\n")
    print("| Page | p50 ms | p95 ms | p50 ÷ floor p50 |")
    print("| --- | --- | --- | --- |")
    for name, stats in run.items():
        print(f"| {name} | {stats['p50']:.0f} | {stats['p95']:.0f} | {stats['p50'] / run[FLOOR]['p50']:.1f} |")


def report_soak(run, users, seconds):
    requests = sum(stats["requests"] for stats in run.values())
    failures = sum(stats["failures"] for stats in run.values())
    print(f"\n### Soak: {users} users for {seconds} seconds\n")
    print(f"{requests} requests, {sum(s['rps'] for s in run.values()):.0f} per second, {failures} errors.")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--run-time", type=int, default=60, help="seconds of each measured run")
    parser.add_argument("--soak-users", type=int, default=50)
    parser.add_argument("--soak-time", type=int, default=60)
    parser.add_argument("--schools", type=int, default=50_000)
    parser.add_argument("--mentors", type=int, default=150_000)
    parser.add_argument("--reseed", action="store_true", help="make the volume data afresh")
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default=DATABASE_NAME, help="made if it does not exist")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.benchmark",
        "DATABASE_URL": volume_database_url(args.database),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    context = prepare(env, args)
    print(f"School {context['urn']}: {context['mentor_count']} mentors; gunicorn with {args.workers} workers.")
    server = serve(env, args.port, args.workers)
    try:
        with tempfile.TemporaryDirectory() as results:
            locust(args.port, args.users, 10, context, f"{results}/warm-up")
            runs = [
                locust(args.port, args.users, args.run_time, context, f"{results}/run-{number}")
                for number in range(args.runs)
            ]
            # Locust gives each kind of user one of the two: a coordinator and a member of support staff.
            alone = locust(args.port, 2, 30, context, f"{results}/alone")
            soak = locust(args.port, args.soak_users, args.soak_time, context, f"{results}/soak")
    finally:
        server.terminate()
        server.wait()
        remove_added_mentors(context["urn"])
    report_load(runs, args.users)
    report_alone(alone)
    failures = report_soak(soak, args.soak_users, args.soak_time)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
