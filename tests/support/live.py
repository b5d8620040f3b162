"""Requests to the live server (pytest-django's live_server) from threads, as browser tabs send them: for tests
that race two submissions for real."""

import threading

import requests
from django.conf import settings
from django.test import Client

TIMEOUT = 10  # seconds: a request, or a thread waiting for the other


class Tab:
    """A browser tab on the live server, signed in with a session cookie; tabs of one browser share it."""

    def __init__(self, base_url, cookies):
        self.base_url = base_url
        self.http = requests.Session()
        self.http.cookies.update(cookies)

    @classmethod
    def signed_in(cls, base_url, user):
        client = Client()
        client.force_login(user)
        return cls(base_url, {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value})

    def another(self):
        return Tab(self.base_url, self.http.cookies)

    def get(self, path):
        return self.http.get(self.base_url + path, allow_redirects=False, timeout=TIMEOUT)

    def post(self, path, data=None):
        token = self.http.cookies[settings.CSRF_COOKIE_NAME]
        data = {**(data or {}), "csrfmiddlewaretoken": token}
        return self.http.post(self.base_url + path, data, allow_redirects=False, timeout=TIMEOUT)


def post_at_once(*submissions):
    """Post each (tab, path) in a thread of its own, the threads released together; the responses, in order."""
    start = threading.Barrier(len(submissions), timeout=TIMEOUT)
    responses = [None] * len(submissions)

    def submit(index, tab, path):
        start.wait()
        responses[index] = tab.post(path)

    threads = [
        threading.Thread(target=submit, args=(index, *submission)) for index, submission in enumerate(submissions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    assert all(response is not None for response in responses), "a request failed to finish"
    return responses
