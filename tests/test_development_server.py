"""`make run`'s service: development settings on SQLite with the demo data. The rest of the suite runs on PostgreSQL,
so this is where something SQLite refuses (an ORDER BY inside a UNION, a PostgreSQL-only function) shows up: each
demo user signs in and opens the pages they use."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

PASSWORD = "development-server-password"

# Run in a process of its own, with the development settings: each (user, address) must answer 200.
VISITS = """
from django.test import Client

from claims.models import Claim
from mentors.models import Mentor

mentor = Mentor.objects.filter(school__urn=999001).first()
claim = Claim.objects.filter(school__urn=999003).first()
visits = {
    "coordinator@example.com": [
        "/schools/999001/mentors/",
        f"/schools/999001/mentors/{mentor.pk}/",
        f"/schools/999001/mentors/{mentor.pk}/change/subject/",
        "/schools/999001/claims/",
        "/schools/999001/providers/",
        f"/schools/999003/claims/{claim.pk}/",
        "/organisations/change/",
    ],
    "lead.mentor@example.com": ["/schools/999001/mentors/"],
    "provider@example.com": [
        "/providers/N1S/",
        "/providers/N1S/mentors/?status=available",
        "/providers/N1S/trainees/",
        "/providers/N1S/claims/",
        "/providers/N1S/reports/",
        "/providers/N1S/reports/funding/",
    ],
    "reports@example.com": ["/reports/mentors/", "/reports/funding/"],
    "admin@example.com": ["/admin/", "/admin/mentors/mentor/", "/admin/claims/claim/"],
}
failed = []
for email, paths in visits.items():
    client = Client()
    assert client.post("/sign-in/", {"username": email, "password": "%(password)s"}).status_code == 302, email
    for path in paths:
        status = client.get(path).status_code
        if status != 200:
            failed.append(f"{email} {path} {status}")
print("\\n".join(failed) or "every page answered")
"""


def test_every_demo_user_can_use_the_development_server_on_sqlite(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "false",
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def run(*args):
        done = subprocess.run([*manage, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    run("migrate", "--verbosity", "0")
    run("seed_demo", "--password", PASSWORD)
    assert run("shell", "--no-imports", "--command", VISITS % {"password": PASSWORD}).strip() == "every page answered"
