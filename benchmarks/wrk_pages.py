"""Benchmark: each page on its own under wrk's constant load, against the framework floor.

    .venv/bin/python benchmarks/wrk_pages.py [--connections 20] [--workers 2] [--seconds 20] [--runs 3]

Where benchmarks/load.py has simulated people go through the service in turn, this hammers one page at a time, as
an outside check did: wrk (Debian's `wrk` package) with --connections open connections to gunicorn with --workers
workers (production settings, plain HTTP) on the volume database of benchmarks/load.py (50,000 schools, 150,000
mentors; made on first use). For each page it reports p50 and p95 latency under load and their ratio to the floor's
in the same run (medians of --runs), then each page's own time with one connection.

Only pages a GET shows are measured: wrk repeats one request, and a form posted again is a different thing.
"""

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (  # noqa: E402
    DATABASE_NAME,
    FLOOR,
    manage,
    prepare,
    remove_added_mentors,
    serve,
    signed_in_sessions,
    volume_database_url,
)

# wrk prints the percentiles asked for, in microseconds, from its latency histogram.
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("percentiles %d %d %d errors %d requests %d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.requests))
end
"""


def pages(context):
    school = f"/schools/{context['urn']}"
    mentor = f"{school}/mentors/{context['mentor_ids'][len(context['mentor_ids']) // 2]}"
    return {
        FLOOR: "/benchmark/framework-floor/",
        # The least a page of the service can do: the GOV.UK layout around static text, for the same signed-in user.
        "layout only: accessibility statement": "/accessibility/",
        "mentor list: page 1": f"{school}/mentors/",
        "mentor list: a later page": f"{school}/mentors/?page={context['later_page']}",
        "mentor list: search": f"{school}/mentors/?q={context['search']}",
        "mentor details": f"{mentor}/",
        "change page": f"{mentor}/change/subject/",
        "remove mentor": f"{mentor}/remove/",
        "add mentor: personal-details": context["first_step"],
        # A school's claims, and a claim's mentors question: every mentor with what is left of their hours.
        "claims list": f"{school}/claims/",
        "add claim: mentors": context["claim_mentors"],
        **{f"{name}": path for name, path in context.get("extra_pages", {}).items()},
        # DfE staff's reports, a provider's, and the API's pages (each with whose session or token: see reporters).
        "reports: mentors": ("/reports/mentors/", "staff"),
        "reports: funding": ("/reports/funding/", "staff"),
        "reports: funding, a year": (f"/reports/funding/?academic_year={context['start_year']}", "staff"),
        "reports: a provider's mentors": (f"/providers/{context['provider_code']}/reports/", "provider"),
        "reports: a provider's funding": (f"/providers/{context['provider_code']}/reports/funding/", "provider"),
        # A provider's pages over its partner schools (every school that claimed with it this year).
        "provider: partner schools": (f"/providers/{context['provider_code']}/", "provider"),
        "provider: find mentors": (f"/providers/{context['provider_code']}/mentors/", "provider"),
        "provider: find mentors, available in key stage 2": (
            f"/providers/{context['provider_code']}/mentors/?status=available&key_stage={context['key_stage_2']}",
            "provider",
        ),
        "provider: trainees": (f"/providers/{context['provider_code']}/trainees/", "provider"),
        "api: mentors": ("/api/v1/mentors/", "token"),
        "api: claims": ("/api/v1/claims/", "token"),
    }


def reporters(context):
    """The largest school's most-claimed-with provider, partner of every school that claimed with it this year, with
    a user and an API token; a member of staff. Returns (provider code, staff session, provider session, token)."""
    from accounts.models import User
    from api.services import issue_token
    from claims.models import Claim
    from partnerships.models import Partnership
    from providers.models import Provider, ProviderMembership

    provider = Provider.objects.get(code=context["claim_provider"]["code"])
    schools = Claim.objects.filter(provider=provider).values_list("school_id", flat=True).distinct()
    Partnership.objects.bulk_create(
        [Partnership(school_id=school, provider=provider) for school in schools], ignore_conflicts=True
    )
    user, _ = User.objects.get_or_create(email="provider@reports.volume.example")
    ProviderMembership.objects.get_or_create(user=user, provider=provider)
    staff, _ = User.objects.get_or_create(email="staff@reports.volume.example", defaults={"is_staff": True})
    token = issue_token(provider=provider, name="Benchmark", created_by=None)[1]
    return provider.code, signed_in_sessions(staff, 1)[0], signed_in_sessions(user, 1)[0], token


def wrk(url, header, connections, seconds):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT)
    try:
        output = subprocess.run(
            [
                "wrk",
                *("-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s"),
                *("-s", script.name, "-H", header, url),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    p50, p95, p99, errors, requests = map(
        int, re.search(r"percentiles (\d+) (\d+) (\d+) errors (\d+) requests (\d+)", output).groups()
    )
    return {"p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000, "errors": errors, "requests": requests}


def claim_mentors_step(port, session, context):
    """The mentors question of a claim started in the session, with the provider the school claims with most
    chosen, for wrk to ask for again and again."""
    base = f"http://127.0.0.1:{port}"
    browser = requests.Session()
    browser.cookies.set("sessionid", session)
    question = browser.get(f"{base}/schools/{context['urn']}/claims/add/", allow_redirects=False).headers["Location"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(base + question).text).group(1)
    provider = context["claim_provider"]
    answer = {"csrfmiddlewaretoken": token, "provider": provider["name"], "provider_code": provider["code"]}
    answered = browser.post(base + question, answer, allow_redirects=False)
    if answered.status_code != 302:
        raise SystemExit(f"Choosing {provider['name']} for a claim answered {answered.status_code}, not a redirect")
    return answered.headers["Location"]


def first_step(port, session, context):
    """The first question of an add-mentor journey started in the session, for wrk to ask for again and again."""
    import urllib.request

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/schools/{context['urn']}/mentors/add/", headers={"Cookie": f"sessionid={session}"}
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:
        return redirect.headers["Location"]
    raise SystemExit("Starting an add-mentor journey did not redirect to its first question")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seconds", type=int, default=20, help="of each page's run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--schools", type=int, default=50_000)
    parser.add_argument("--mentors", type=int, default=150_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database", default=DATABASE_NAME)
    parser.add_argument(
        "--only", help="Measure only the pages whose names contain one of these, separated by commas (and the floor)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("This benchmark needs wrk: apt-get install -y wrk")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.benchmark",
        "DATABASE_URL": volume_database_url(args.database),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        # The API's pages are measured, not its limit: one token asks far faster than any provider's system would.
        "API_THROTTLE_RATE": "1000000/min",
    }
    args.users = args.soak_users = 1
    context = prepare(env, args)
    session = context["coordinator_sessions"][0]
    from claims.selectors import current_academic_year
    from reference_data.models import KeyStage

    context["start_year"] = current_academic_year().start_year
    context["key_stage_2"] = KeyStage.objects.get(name="Key stage 2").pk
    context["provider_code"], staff, provider, token = reporters(context)
    # DfE staff's reports read summaries: refresh them as the scheduler would, and say how long that takes.
    started = time.monotonic()
    manage("refresh_reports", "--now", env=env)
    print(f"Refreshed the reports' summaries in {time.monotonic() - started:.1f} s.")
    headers = {
        None: f"Cookie: sessionid={session}",
        "staff": f"Cookie: sessionid={staff}",
        "provider": f"Cookie: sessionid={provider}",
        "token": f"Authorization: Bearer {token}",
    }
    server = serve(env, args.port, args.workers)
    try:
        context["first_step"] = first_step(args.port, session, context)
        context["claim_mentors"] = claim_mentors_step(args.port, session, context)
        base = f"http://127.0.0.1:{args.port}"
        measured = {
            name: (page, None) if isinstance(page, str) else page
            for name, page in pages(context).items()
            if not args.only or any(part in name for part in args.only.split(",")) or name == FLOOR
        }
        for path, who in measured.values():  # warm each worker's templates and the database's cache
            wrk(base + path, headers[who], args.connections, 2)
        runs = [
            {
                name: wrk(base + path, headers[who], args.connections, args.seconds)
                for name, (path, who) in measured.items()
            }
            for _ in range(args.runs)
        ]
        alone = {name: wrk(base + path, headers[who], 1, args.seconds // 2) for name, (path, who) in measured.items()}
    finally:
        server.terminate()
        server.wait()
        remove_added_mentors(context["urn"])

    print(
        f"\n### wrk, {args.connections} connections, gunicorn with {args.workers} workers: medians of {args.runs} runs"
    )
    print(
        "\n| Page | Requests | p50 ms | p95 ms | p95 ÷ floor p95 | Own time p50 ms (1 connection) | Own ÷ floor "
        "| Errors |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = []
    for name in measured:
        ratio = statistics.median(run[name]["p95"] / run[FLOOR]["p95"] for run in runs)
        own = alone[name]["p50"] / alone[FLOOR]["p50"]
        worst.append((ratio, own, name))
        print(
            f"| {name} | {statistics.median(run[name]['requests'] for run in runs)} "
            f"| {statistics.median(run[name]['p50'] for run in runs):.0f} "
            f"| {statistics.median(run[name]['p95'] for run in runs):.0f} | {ratio:.2f} "
            f"| {alone[name]['p50']:.1f} | {own:.1f} | {sum(run[name]['errors'] for run in runs)} |"
        )
    ratio, _, name = max(worst)
    print(
        f"\nHighest p95 ratio: {name}, {ratio:.2f} (target: at most 2). Highest own-time ratio: "
        f"{max(own for _, own, _ in worst):.1f} (target: at most 3)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
