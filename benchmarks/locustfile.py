"""What the load benchmark's users do (run by benchmarks/load.py, which passes BENCHMARK_CONTEXT).

A coordinator goes through every page of the service in turn, as a person would, adding a mentor on the
way and starting a claim as far as its mentors page; a member of support staff searches Django admin's mentors.
Both visit the framework floor: a minimal page behind the same middleware, which each page's time is compared
with.
"""

import itertools
import json
import os
import random
import re
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, constant, task
from requests.cookies import create_cookie

CONTEXT = json.loads(os.environ.get("BENCHMARK_CONTEXT", "{}"))
FLOOR = "framework floor"
FLOOR_PATH = "/benchmark/framework-floor/"
# TRNs for the mentors added during a run, from a range the school's seeded mentors leave free.
TRNS = (f"{number:07d}" for number in itertools.count(CONTEXT.get("first_trn", 0)))
INPUT = re.compile(r"<input\b[^>]*>")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


def inputs(html):
    return [dict(ATTRIBUTE.findall(tag)) for tag in INPUT.findall(html)]


def csrf_token(html):
    return next(field["value"] for field in inputs(html) if field.get("name") == "csrfmiddlewaretoken")


def first_choice(html, name):
    return next(field["value"] for field in inputs(html) if field.get("name") == name)


class SignedInUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)
    sessions = ()

    def on_start(self):
        """Take the next of the signed-in sessions benchmarks/load.py made, one a simulated user."""
        session = self.sessions[next(self.taken) % len(self.sessions)]
        self.client.cookiejar.set_cookie(create_cookie("sessionid", session, domain=urlsplit(self.host).hostname))

    def get(self, path, name, expect=200):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} for {path}")
            return response

    def post(self, path, data, name, csrf_from):
        """Submit a form as the browser would, and expect to be sent on (a 302), as a valid answer is."""
        form = urlencode({"csrfmiddlewaretoken": csrf_token(csrf_from.text), **data})
        with self.client.post(
            path, form, name=name, headers=FORM, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code} for {path}: the answer was not accepted")
            return response


class Coordinator(SignedInUser):
    sessions = CONTEXT.get("coordinator_sessions", ())
    taken = itertools.count()

    @task
    def use_every_page(self):
        school = f"/schools/{CONTEXT['urn']}"
        mentor = f"{school}/mentors/{random.choice(CONTEXT['mentor_ids'])}"
        self.get(FLOOR_PATH, FLOOR)
        # The school's home sends its users on to the mentor list, measured next as the page it is.
        self.get(f"{school}/", "school home page", expect=302)
        self.get(f"{school}/mentors/", "mentor list: page 1")
        self.get(f"{school}/mentors/?page={CONTEXT['later_page']}", "mentor list: a later page")
        self.get(f"{school}/mentors/?q={CONTEXT['search']}", "mentor list: search")
        self.get(f"{mentor}/", "mentor details")
        change_page = f"{mentor}/change/subject-networks/"
        change = self.get(change_page, "change page (GET)")
        self.post(change_page, {"subject_networks": "Chartered College of Teaching"}, "change page (POST)", change)
        self.get(FLOOR_PATH, FLOOR)
        self.add_a_mentor(school)
        self.claims(school)

    def add_a_mentor(self, school):
        step = self.client.get(f"{school}/mentors/add/", name="add mentor: start", allow_redirects=False)
        location = step.headers.get("Location")
        trn = next(TRNS)
        answers = {
            "personal-details": lambda page: {
                "first_name": "Siân",
                "last_name": "Ögren",
                "trn": trn,
                "email": f"sian.ogren.{trn}@example.com",
            },
            "subject": lambda page: {"subject": first_choice(page.text, "subject")},
            "age-range": lambda page: {"age_range": first_choice(page.text, "age_range")},
            "key-stage": lambda page: {"key_stage": first_choice(page.text, "key_stage")},
        }
        while location and "/check-your-answers/" not in location:
            slug = location.rstrip("/").rsplit("/", 1)[-1]
            page = self.get(location, f"add mentor: {slug} (GET)")
            if slug not in answers or page.status_code != 200:
                return
            location = self.post(location, answers[slug](page), f"add mentor: {slug} (POST)", page).headers.get(
                "Location"
            )
        if not location:
            return
        check = self.get(location, "check your answers (GET)")
        added = self.post(location, {}, "check your answers (POST)", check)
        if added.headers.get("Location"):
            self.get(added.headers["Location"], "add mentor: confirmation")

    def claims(self, school):
        """The school's claims, then a new claim as far as its mentors page: every mentor with what is left of
        their hours with the provider. No claim is submitted, so every run sees the same data."""
        self.get(f"{school}/claims/", "claims list")
        provider = CONTEXT.get("claim_provider")
        start = self.client.get(f"{school}/claims/add/", name="add claim: start", allow_redirects=False)
        location = start.headers.get("Location")
        if not (provider and location):
            return
        page = self.get(location, "add claim: provider (GET)")
        answer = {"provider": provider["name"], "provider_code": provider["code"]}
        mentors = self.post(location, answer, "add claim: provider (POST)", page).headers.get("Location")
        if mentors:
            self.get(mentors, "add claim: mentors (GET)")


class SupportStaff(SignedInUser):
    fixed_count = 1  # one, whatever the number of users, so a run of two has one of each
    sessions = CONTEXT.get("support_sessions", ())
    taken = itertools.count()

    @task
    def search_mentors_in_admin(self):
        self.get(FLOOR_PATH, FLOOR)
        self.get("/admin/mentors/mentor/", "admin: mentor list")
        self.get(f"/admin/mentors/mentor/?q={CONTEXT['admin_search']}", "admin: mentor search")
