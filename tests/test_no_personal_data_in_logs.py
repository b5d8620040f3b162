"""No log record names a mentor or a user, whatever they do in the service.

Everything is logged as it would be with LOG_LEVEL=DEBUG: the root logger at DEBUG, and every record that reaches
it captured, django.request's included. Loggers the settings give a level of their own keep it, as in production
(urllib3 at WARNING: at DEBUG it logs every URL it requests, and a TRS URL carries a TRN). django.db.backends is
held at INFO: at DEBUG it logs each SQL statement with its parameters, which Django does only when settings.DEBUG
is on (development; production forces it off) or while a test counts queries, so it is not a log the deployed
service writes.

The values are distinctive, so that a match is never a coincidence.
"""

import logging
import socket

import pytest
from anymail.exceptions import AnymailAPIError
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from emails import senders as email_senders
from mentors import services as mentor_services
from mentors.models import Mentor
from tests.conftest import PASSWORD
from tests.support.factories import MembershipFactory, SchoolFactory, UserFactory
from tests.support.journeys import AddMentorJourney

pytestmark = pytest.mark.django_db

MENTOR = {
    "first_name": "Quennell",
    "last_name": "Ravensworth",
    "trn": "7654321",
    "email": "quennell.ravensworth@example.com",
}
CHANGED = {**MENTOR, "trn": "7654329", "email": "q.ravensworth@example.org"}
USER = {"email": "ottoline.brackenbury@example.com", "first_name": "Ottoline", "last_name": "Brackenbury"}
PERSONAL_DATA = sorted({*MENTOR.values(), *CHANGED.values(), *USER.values()})
ANSWERS = {"subject": "Physics", "age_range": "11 to 18", "key_stage": "Key stage 4"}
NEW_PASSWORD = "fjord-quiz-jukebox-whiff"


@pytest.fixture
def logs(caplog):
    # caplog's handler takes the level last set: django.db.backends first, then the root.
    caplog.set_level(logging.INFO, logger="django.db.backends")
    caplog.set_level(logging.DEBUG)
    return caplog


def personal_data_in(records):
    """(logger, value) for each personal value in a record's formatted message, traceback or arguments."""
    formatter = logging.Formatter()
    found = []
    for record in records:
        text = f"{formatter.format(record)} {record.args!r}".casefold()
        found += [(record.name, value) for value in PERSONAL_DATA if value.casefold() in text]
    return found


@pytest.fixture
def school(db):
    return SchoolFactory(name="Oakwood Academy", secondary=True)


@pytest.fixture
def user(school):
    user = UserFactory(password=PASSWORD, **USER)
    MembershipFactory(user=user, school=school)
    return user


def sign_in(client, password):
    return client.post(reverse("accounts:sign-in"), {"username": USER["email"], "password": password})


def add_mentor(client, school, django_capture_on_commit_callbacks):
    """Every step of adding the mentor, to the confirmation page, with the email sent once the change commits."""
    journey = AddMentorJourney(client, school)
    journey.answer_all(**ANSWERS, **MENTOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = journey.post("check-your-answers", {})
    assert client.get(response.url).status_code == 200
    return Mentor.objects.get(trn=MENTOR["trn"])


def test_signing_in_adding_changing_removing_and_resetting_a_password_log_nothing_personal(
    client, school, user, logs, django_capture_on_commit_callbacks
):
    assert sign_in(client, "not-the-password").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302

    mentor = add_mentor(client, school, django_capture_on_commit_callbacks)
    kwargs = {"urn": school.urn, "mentor_id": mentor.pk}
    assert client.get(reverse("mentors:detail", kwargs=kwargs)).status_code == 200
    for query in (MENTOR["last_name"], MENTOR["trn"], MENTOR["email"]):
        assert client.get(reverse("mentors:list", kwargs={"urn": school.urn}), {"q": query}).status_code == 200

    personal_details = reverse("mentors:change", kwargs={**kwargs, "page": "personal-details"})
    assert client.post(personal_details, {**CHANGED, "email": "not an email"}).status_code == 200  # refused
    assert client.post(personal_details, CHANGED).status_code == 302
    other_experiences = reverse("mentors:change", kwargs={**kwargs, "page": "other-experiences"})
    assert client.post(other_experiences, {"other_experiences": f"{CHANGED['first_name']} coaches"}).status_code == 302
    assert client.get(reverse("mentors:change", kwargs={**kwargs, "page": "favourite-colour"})).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentors:remove", kwargs=kwargs), {"reason": "left_school"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[MENTOR["email"]], [CHANGED["email"]]]

    client.post(reverse("accounts:sign-out"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("accounts:password-reset"), {"email": USER["email"]}).status_code == 302
    assert mail.outbox[-1].to == [USER["email"]]
    user.refresh_from_db()  # signing in changed last_login, which the reset token depends on
    link = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    set_password = client.get(link).url
    response = client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:password-reset-complete")

    assert logs.records, "nothing was captured: the check below would prove nothing"
    assert personal_data_in(logs.records) == []


@pytest.fixture
def unreachable_trs(settings):
    """The real TRS client, configured with a key, at an address where nothing answers."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.TRS_API_KEY = "test-api-key-0123456789"
    settings.TRS_API_URL = f"http://127.0.0.1:{port}"


def test_looking_a_teacher_up_while_trs_is_unreachable_logs_nothing_personal(
    client, school, user, logs, unreachable_trs
):
    client.force_login(user)
    journey = AddMentorJourney(client, school)
    # TRS cannot answer (after retrying): the mentor can still be added, and is checked later.
    assert journey.post("personal-details", MENTOR).url == journey.url("subject")
    assert any(record.name == "trs.client" for record in logs.records), "the failure was not logged at all"
    assert personal_data_in(logs.records) == []


def test_an_email_provider_that_names_the_recipient_in_its_error_logs_nothing_personal(
    client, school, user, logs, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """Providers name the address they refuse (Postmark: "Found inactive addresses: ..."); the log must not."""

    class Refused(email_senders.EmailMessage):
        def send(self, *args, **kwargs):
            self.anymail_test_response = AnymailAPIError(f"Found inactive addresses: {', '.join(self.to)}.")
            return super().send(*args, **kwargs)

    monkeypatch.setattr(email_senders, "EmailMessage", Refused)
    settings.EMAIL_MAX_ATTEMPTS = 1
    client.force_login(user)
    add_mentor(client, school, django_capture_on_commit_callbacks)
    assert any(record.name == "emails.services" for record in logs.records), "the failure was not logged at all"
    assert personal_data_in(logs.records) == []


def test_the_check_finds_personal_data_that_a_view_logs(
    client, school, user, logs, monkeypatch, django_capture_on_commit_callbacks
):
    """The capture and the check work: a view that logged the mentor's email address, even at DEBUG, is caught."""
    add = mentor_services.add_mentor

    def add_and_log(**details):
        logging.getLogger("mentors.views.add").debug("Adding %s", details["email"])
        return add(**details)

    monkeypatch.setattr(mentor_services, "add_mentor", add_and_log)
    client.force_login(user)
    add_mentor(client, school, django_capture_on_commit_callbacks)
    assert ("mentors.views.add", MENTOR["email"]) in personal_data_in(logs.records)


def test_dfe_sign_in_and_notify_log_nothing_personal(
    client, school, user, logs, dfe_sign_in, notify, django_capture_on_commit_callbacks
):
    """Signing in with DfE Sign-in, first by email address, someone without access, and emails through GOV.UK
    Notify, sent and refused. The stand-ins' own request logs (werkzeug's) are not the service's."""
    dfe_sign_in.person = {"sub": "dfe-subject", "email": USER["email"], "email_verified": True}
    assert dfe_sign_in.sign_in(client).url == reverse("organisations:start")
    add_mentor(client, school, django_capture_on_commit_callbacks)
    notify.failures = [400]
    mentor = Mentor.objects.get(trn=MENTOR["trn"])
    with django_capture_on_commit_callbacks(execute=True):
        mentor_services.remove_mentor(mentor=mentor, removed_by=user)
    assert [email["email_address"] for email in notify.emails()] == [MENTOR["email"]]
    client.post(reverse("accounts:sign-out"))
    dfe_sign_in.person = {"sub": "someone-else", "email": CHANGED["email"], "email_verified": True}
    assert dfe_sign_in.sign_in(client).url == reverse("accounts:dfe-sign-in-no-access")
    assert client.get(reverse("accounts:dfe-sign-in-no-access")).status_code == 403
    service_records = [record for record in logs.records if record.name != "werkzeug"]
    assert any(record.name == "accounts.views" for record in service_records), "signing in was not logged at all"
    assert any(record.name == "emails.services" for record in service_records), "the refusal was not logged at all"
    assert personal_data_in(service_records) == []
