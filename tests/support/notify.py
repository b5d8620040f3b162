"""A stand-in for GOV.UK Notify's API on localhost: it checks each request's token as Notify does (a JWT signed with
HS256 with the API key's secret, whose issuer is the service's id, issued within 30 seconds), keeps the emails sent
and answers with Notify's errors when told to.
"""

import json
import re
import time
import uuid

import jwt
import pytest
from werkzeug import Request

from tests.support.stand_ins import for_one_test, json_response, local_server

SERVICE_ID = "4b2a5c1e-9d3f-4e8a-b6c7-1f2e3d4c5b6a"
SECRET = "8f7e6d5c-4b3a-4291-8a7b-6c5d4e3f2a1b"
API_KEY = f"manage_itt_mentors_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "c0ffee00-1234-4abc-9def-0123456789ab"
NOTIFICATION = re.compile(r"/v2/notifications/(?P<id>[^/]+)")
# Notify's errors, as its API documentation gives them.
ERRORS = {
    400: ("ValidationError", "email_address Not a valid email address"),
    403: ("AuthError", "Invalid token: API key not found"),
    404: ("NoResultFound", "No result found"),
    429: ("RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"),
    500: ("Exception", "Internal server error"),
}


class Notify:
    """Answers as Notify does, or the next requests with `failures`: an HTTP status each, or None for a request
    answered as usual."""

    def __init__(self, server):
        self.server = server
        self.base_url = server.url_for("").rstrip("/")
        self.notifications = {}  # by id: what was posted, and the status Notify would give it now
        self.failures = []
        self.refused_tokens = []
        server.expect_request("/v2/notifications/email", method="POST").respond_with_handler(self._send)
        server.expect_request(NOTIFICATION, method="GET").respond_with_handler(self._notification)

    def emails(self):
        """What the service posted for each email Notify accepted, in order."""
        return [notification["posted"] for notification in self.notifications.values()]

    def status_of(self, notification_id, status):
        self.notifications[notification_id]["status"] = status

    def requests_for(self, notification_id):
        return [request for request, _ in self.server.log if request.path == f"/v2/notifications/{notification_id}"]

    def _send(self, request: Request):
        refused = self._refuse_token(request)
        if refused:
            return refused
        failure = self.failures.pop(0) if self.failures else None
        if failure:
            return _error(failure)
        posted = json.loads(request.data)
        notification_id = str(uuid.uuid4())
        self.notifications[notification_id] = {"posted": posted, "status": "created"}
        return json_response(
            {
                "id": notification_id,
                "reference": posted.get("reference"),
                "content": {
                    "subject": posted["personalisation"]["subject"],
                    "body": posted["personalisation"]["body"],
                    "from_email": "manage.itt.mentors@notifications.service.gov.uk",
                },
                "uri": f"{self.base_url}/v2/notifications/{notification_id}",
                "template": {"id": posted["template_id"], "version": 1, "uri": f"{self.base_url}/v2/template/x"},
            },
            status=201,
        )

    def _notification(self, request: Request):
        refused = self._refuse_token(request)
        if refused:
            return refused
        failure = self.failures.pop(0) if self.failures else None
        if failure:
            return _error(failure)
        notification_id = NOTIFICATION.fullmatch(request.path)["id"]
        if notification_id not in self.notifications:
            return _error(404)
        notification = self.notifications[notification_id]
        return json_response(
            {
                "id": notification_id,
                "type": "email",
                "email_address": notification["posted"]["email_address"],
                "reference": notification["posted"].get("reference"),
                "status": notification["status"],
                "template": {"id": notification["posted"]["template_id"], "version": 1},
            }
        )

    def _refuse_token(self, request):
        """Notify's 403 for a request without a token it can verify with the key's secret, else None."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        try:
            if scheme != "Bearer":
                raise jwt.InvalidTokenError("no bearer token")
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]})
            if claims["iss"] != SERVICE_ID:
                raise jwt.InvalidIssuerError("another service")
            if abs(time.time() - claims["iat"]) > 30:
                raise jwt.InvalidIssuedAtError("not within 30 seconds")
        except jwt.InvalidTokenError as error:
            self.refused_tokens.append(str(error))
            return _error(403)
        return None


def _error(status):
    error, message = ERRORS.get(status, ("Exception", "Something went wrong"))
    return json_response({"status_code": status, "errors": [{"error": error, "message": message}]}, status=status)


def configure(settings, base_url, api_key=API_KEY):
    settings.NOTIFY_API_KEY = api_key
    settings.NOTIFY_BASE_URL = base_url
    settings.NOTIFY_EMAIL_TEMPLATE_ID = TEMPLATE_ID


@pytest.fixture(scope="session")
def notify_server():
    with local_server() as server:
        yield server


@pytest.fixture
def notify(notify_server, settings):
    """The stand-in for GOV.UK Notify, which the service's settings point at."""
    with for_one_test(notify_server):
        stand_in = Notify(notify_server)
        configure(settings, stand_in.base_url)
        yield stand_in
