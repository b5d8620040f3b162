"""Benchmark: import a generated 50,000-row GIAS file into PostgreSQL, into an empty table and then again.

    .venv/bin/python benchmarks/import_gias.py [--rows 50000] [--seed 1]

Uses a scratch database, manage_itt_mentors_benchmark, on the server of DATABASE_URL (default: the local
PostgreSQL), made afresh and dropped at the end. Reports seconds and rows per second for a file of a fifth of
the size and for the full one, and peak Python memory (tracemalloc, in a further run, since tracing slows the
import down) to show that memory stays flat as files grow.
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
HEADER_SOURCE = PROJECT / "tests" / "fixtures" / "gias" / "edubasealldata-sample.csv"
DATABASE_NAME = "manage_itt_mentors_benchmark"

# (code, name, weight, low ages, high ages), as GIAS spreads its establishments
PHASES = [
    (0, "Not applicable", 24, (2, 5, 11), (16, 18, 19)),
    (1, "Nursery", 2, (2, 3), (4, 5)),
    (2, "Primary", 42, (3, 4, 5, 7), (7, 11)),
    (3, "Middle deemed primary", 1, (8, 9), (12, 13)),
    (4, "Secondary", 12, (11,), (16, 18, 19)),
    (5, "Middle deemed secondary", 1, (9, 10), (13, 14)),
    (6, "16 plus", 5, (16,), (18, 19)),
    (7, "All-through", 2, (3, 4), (16, 18, 19)),
]
STATUSES = [(1, "Open", 60), (2, "Closed", 34), (3, "Open, but proposed to close", 3), (4, "Proposed to open", 3)]
TYPES = [(1, "Community school", 40), (34, "Academy converter", 35), (11, "Other independent school", 10),
         (30, "Welsh establishment", 4), (25, "Offshore schools", 1), (37, "British schools overseas", 2)]  # fmt: skip
NAMES = ["St Mary’s", "Holy Trinity", "Oakfield", "Chêne Vert", "Bishop’s Stortford", "Our Lady of Lourdes",
         "Ysgol Gymraeg", "The Héritage", "Willow, Meadow and Brook"]  # fmt: skip
REGIONS = [("H", "London"), ("G", "Yorkshire and the Humber"), ("F", "West Midlands"), ("W", "Wales (pseudo)")]


def write_gias_file(path, rows, seed):
    with open(HEADER_SOURCE, encoding="cp1252", newline="") as sample:
        header = next(csv.reader(sample))
    rng = random.Random(seed)
    with open(path, "w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(header)
        for urn in rng.sample(range(100000, 100000 + rows * 3), rows):
            phase, phase_name, _, lows, highs = rng.choices(PHASES, [p[2] for p in PHASES])[0]
            status, status_name, _ = rng.choices(STATUSES, [s[2] for s in STATUSES])[0]
            type_code, type_name, _ = rng.choices(TYPES, [t[2] for t in TYPES])[0]
            region_code, region = rng.choice(REGIONS)
            row = dict.fromkeys(header, "")
            row.update({
                "URN": str(urn), "EstablishmentName": f"{rng.choice(NAMES)} School", "LA (name)": "Leeds",
                "PhaseOfEducation (code)": str(phase), "PhaseOfEducation (name)": phase_name,
                "StatutoryLowAge": str(rng.choice(lows)), "StatutoryHighAge": str(rng.choice(highs)),
                "EstablishmentStatus (code)": str(status), "EstablishmentStatus (name)": status_name,
                "TypeOfEstablishment (code)": str(type_code), "TypeOfEstablishment (name)": type_name,
                "GOR (code)": region_code, "GOR (name)": region, "Town": "Leeds",
                "Postcode": f"LS{rng.randint(1, 29)} {rng.randint(1, 9)}AB", "OpenDate": "01-09-1998",
            })  # fmt: skip
            writer.writerow([row[column] for column in header])


def scratch_database_url():
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    admin_url = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME}")
        connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
    return admin_url, urlunsplit(server._replace(path=f"/{DATABASE_NAME}"))


def timed(import_schools, path):
    started = time.perf_counter()
    summary = import_schools(path)
    return time.perf_counter() - started, summary


def peak_memory(import_schools, path):
    tracemalloc.start()
    import_schools(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    admin_url, database_url = scratch_database_url()
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from schools.gias import import_schools
    from schools.models import School

    try:
        call_command("migrate", verbosity=0)
        print(f"{'rows':>7} {'run':<22} {'seconds':>8} {'rows/s':>9}  result")
        with tempfile.TemporaryDirectory() as folder:
            for rows in (args.rows // 5, args.rows):
                path = Path(folder) / f"edubasealldata-{rows}.csv"
                write_gias_file(path, rows, args.seed)
                School.objects.all().delete()
                for run in ("into an empty table", "again (idempotent)"):
                    seconds, summary = timed(import_schools, path)
                    result = f"created {summary.created}, updated {summary.updated}, unchanged {summary.unchanged}"
                    print(f"{rows:>7} {run:<22} {seconds:>8.2f} {rows / seconds:>9,.0f}  {result}")
                print(f"{rows:>7} peak Python memory: {peak_memory(import_schools, path) / 2**20:.1f} MiB")
    finally:
        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME}")


if __name__ == "__main__":
    main()
