"""Payments: support staff send a window's submitted claims to the payer from admin (a file kept as a batch, the
claims in payment, the payer emailed a link that works once for 7 days), then upload the payer's answer, which is
applied only when every row of it is right."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import payments
from claims.models import Claim, ClaimActivity, PayerBatch
from emails.models import Email
from tests.support.admin import admin_history
from tests.support.factories import ClaimWindowFactory, MentorFactory, UserFactory, make_claim
from tests.support.html import soup

pytestmark = pytest.mark.django_db
S = Claim.Status


@pytest.fixture(autouse=True)
def payer(settings):
    settings.PAYER_EMAILS = ["claims@payer.example.com", "finance@payer.example.com"]
    settings.SERVICE_URL = "https://manage.example.com"


@pytest.fixture
def window(db):
    return ClaimWindowFactory()


@pytest.fixture
def claims(window):
    return [
        make_claim(hours={MentorFactory(): 10}, reference="11111111", rate_pence=4380),
        make_claim(hours={MentorFactory(): 16}, reference="22222222", rate_pence=5360),
    ]


def send(admin_client, window):
    return admin_client.post(
        reverse("admin:claims_claimwindow_changelist"),
        {"action": "send_payments", "_selected_action": [window.pk]},
        follow=True,
    )


def link_in(email):
    return re.search(r"https://manage\.example\.com(\S+)", email.body).group(1)


def upload(admin_client, batch, text):
    file = SimpleUploadedFile("answer.csv", text.encode(), content_type="text/csv")
    return admin_client.post(reverse("admin:claims_payerbatch_answer", args=[batch.pk]), {"file": file})


def row_errors(response):
    return [item.get_text(strip=True) for item in soup(response).select("ul.errorlist li")]


class TestSending:
    def test_sends_the_windows_submitted_claims_and_emails_the_payer(self, admin_client, admin_user, window, claims):
        make_claim(hours={MentorFactory(): 3}, reference="33333333", status=S.PAID)  # not waiting
        before = make_claim(hours={MentorFactory(): 3}, reference="44444444")  # submitted before the window
        Claim.objects.filter(pk=before.pk).update(submitted_at=window.opens_at - timedelta(seconds=1))
        response = send(admin_client, window)
        assert "2 claims of the window" in response.content.decode()
        batch = PayerBatch.objects.get()
        assert (batch.kind, batch.window, batch.sent_by) == (PayerBatch.Kind.PAYMENT, window, admin_user)
        assert sorted(batch.claims.values_list("reference", "status")) == [
            ("11111111", S.PAYMENT_IN_PROGRESS),
            ("22222222", S.PAYMENT_IN_PROGRESS),
        ]
        rows = list(csv.reader(io.StringIO(batch.file)))
        assert rows[0] == payments.PAYMENT_COLUMNS
        assert [(row[0], row[5]) for row in rows[1:]] == [("11111111", "438.00"), ("22222222", "857.60")]
        assert Claim.objects.get(reference="44444444").status == S.SUBMITTED
        emails = Email.objects.filter(kind=Email.Kind.PAYER_BATCH).order_by("recipient")
        assert [email.recipient for email in emails] == ["claims@payer.example.com", "finance@payer.example.com"]
        assert "2 claims" in emails[0].body and "works once, for 7 days" in emails[0].body
        activity = ClaimActivity.objects.get(claim=claims[0])
        assert (activity.transition, activity.by) == ("send_to_payer", admin_user)
        assert admin_history(window) == ["Sent 2 claims to the payer."]

    def test_a_window_without_submitted_claims_sends_nothing(self, admin_client, window):
        response = send(admin_client, window)
        assert "is waiting to be paid" in response.content.decode()
        assert not PayerBatch.objects.exists()
        assert not Email.objects.exists()

    def test_sending_twice_sends_each_claim_once(self, admin_client, window, claims):
        send(admin_client, window)
        send(admin_client, window)
        assert PayerBatch.objects.count() == 1


class TestTheDownloadLink:
    @pytest.fixture
    def link(self, admin_client, window, claims):
        send(admin_client, window)
        return link_in(Email.objects.filter(kind=Email.Kind.PAYER_BATCH).first())

    def test_downloads_the_file_once_without_signing_in(self, client, link):
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.decode() == PayerBatch.objects.get().file
        assert PayerBatch.objects.get().downloaded_at is not None
        again = client.get(link)
        assert again.status_code == 410
        assert soup(again).h1.get_text(strip=True) == "This link has expired"

    def test_a_head_request_such_as_a_mail_scanners_does_not_use_it_up(self, client, link):
        assert client.head(link).status_code == 405
        assert client.get(link).status_code == 200

    def test_expires_after_7_days(self, client, link, settings):
        settings.PAYER_LINK_MAX_AGE_SECONDS = -1
        assert client.get(link).status_code == 410
        assert PayerBatch.objects.get().downloaded_at is None

    def test_a_made_up_or_altered_link_is_not_found(self, client, link):
        batch = PayerBatch.objects.get()
        assert client.get(link[:-3] + "abc/").status_code == 404
        unsigned = reverse("claims:payer-download", kwargs={"link": str(batch.pk)})
        assert client.get(unsigned).status_code == 404
        signed_elsewhere = signing.dumps(batch.pk, salt="another.purpose")
        assert client.get(reverse("claims:payer-download", kwargs={"link": signed_elsewhere})).status_code == 404


class TestTheAnswer:
    @pytest.fixture
    def batch(self, admin_client, window, claims):
        send(admin_client, window)
        return PayerBatch.objects.get()

    def test_submitted_to_paid_and_not_paid(self, admin_client, admin_user, batch):
        response = upload(
            admin_client,
            batch,
            "Claim reference,Status,Reason\n11111111,paid,\n22222222,unpaid,The bank details are wrong\n",
        )
        assert response.status_code == 302
        assert dict(Claim.objects.values_list("reference", "status")) == {"11111111": S.PAID, "22222222": S.NOT_PAID}
        refused = ClaimActivity.objects.get(transition="payer_refuses")
        assert (refused.note, refused.by) == ("The bank details are wrong", admin_user)
        batch.refresh_from_db()
        assert batch.answered_by == admin_user

    @pytest.mark.parametrize(
        ("text", "errors"),
        [
            (
                "claim reference,status,reason\n99999999,paid,\n",
                ["Row 2: there is no claim with the reference “99999999”"],
            ),
            (
                "claim reference,status,reason\n11111111,paid,\n33333333,paid,\n",
                ["Row 3: claim 33333333 is not in this batch"],
            ),
            (
                "claim reference,status,reason\n11111111,maybe,\n",
                ["Row 2: the status must be paid or unpaid, not “maybe”"],
            ),
            (
                "claim reference,status,reason\n11111111,unpaid,  \n",
                ["Row 2: give the reason claim 11111111 was not paid"],
            ),
            (
                "claim reference,status,reason\n11111111,paid,\n11111111,paid,\n",
                ["Row 3: claim 11111111 is in the file more than once"],
            ),
            (
                "claim reference,status,reason\n11111111,maybe,\n\n22222222,unpaid,\n",
                [
                    "Row 2: the status must be paid or unpaid, not “maybe”",
                    "Row 4: give the reason claim 22222222 was not paid",
                ],
            ),
            (
                "reference,paid\n11111111,paid\n",
                ["The file’s first row must be the column names: claim reference, status, reason"],
            ),
            ("", ["The selected file is empty"]),
            ("claim reference,status,reason\n", ["The file has no claims in it"]),
        ],
        ids=["unknown", "not-in-batch", "bad-status", "no-reason", "twice", "several", "no-header", "empty", "no-rows"],
    )
    def test_each_mistake_is_reported_by_its_row_and_nothing_is_applied(self, admin_client, batch, text, errors):
        make_claim(hours={MentorFactory(): 3}, reference="33333333", status=S.PAYMENT_IN_PROGRESS)
        response = upload(admin_client, batch, text)
        assert response.status_code == 200
        assert row_errors(response) == errors
        assert set(batch.claims.values_list("status", flat=True)) == {S.PAYMENT_IN_PROGRESS}
        assert not ClaimActivity.objects.filter(transition__in=["payer_pays", "payer_refuses"]).exists()

    def test_a_file_that_is_not_text(self, admin_client, batch):
        file = SimpleUploadedFile("answer.csv", b"\xff\xfe\x00\x00", content_type="text/csv")
        response = admin_client.post(reverse("admin:claims_payerbatch_answer", args=[batch.pk]), {"file": file})
        assert row_errors(response) == ["The selected file must be a CSV file saved as UTF-8"]

    def test_a_claim_answered_already_is_not_answered_again(self, admin_client, batch):
        assert upload(admin_client, batch, "claim reference,status,reason\n11111111,paid,\n").status_code == 302
        response = upload(admin_client, batch, "claim reference,status,reason\n11111111,unpaid,Late\n")
        assert row_errors(response) == ["Row 2: claim 11111111 is paid, not waiting for an answer"]

    def test_without_a_file_says_so(self, admin_client, batch):
        response = admin_client.post(reverse("admin:claims_payerbatch_answer", args=[batch.pk]), {})
        assert row_errors(response) == ["Select the payer's answer"]

    def test_staff_without_permission_to_change_claims_cannot(self, client, batch):
        staff = UserFactory(is_staff=True)
        client.force_login(staff)
        assert upload(client, batch, "claim reference,status,reason\n11111111,paid,\n").status_code == 403


class TestThePayerAskingForInformation:
    """Support staff record in admin that the payer asked about a claim in payment, and that they answered: the
    payer's answer then pays it or not, as any claim in payment."""

    @pytest.fixture
    def batch(self, admin_client, window, claims):
        send(admin_client, window)
        return PayerBatch.objects.get()

    def act(self, admin_client, action, claim):
        changelist = reverse("admin:claims_claim_changelist")
        return admin_client.post(changelist, {"action": action, "_selected_action": [claim.pk]}, follow=True)

    def test_asked_answered_then_paid(self, admin_client, admin_user, batch):
        claim = Claim.objects.get(reference="11111111")
        response = self.act(admin_client, "payer_asks", claim)
        assert "Recorded that the payer asked for more information: 1 claim</li>" in response.content.decode()
        claim.refresh_from_db()
        assert claim.status == S.INFORMATION_REQUESTED
        self.act(admin_client, "information_sent", claim)
        claim.refresh_from_db()
        assert claim.status == S.PAYMENT_IN_PROGRESS
        assert [(a.transition, a.by) for a in claim.activities.order_by("at", "pk")][1:] == [
            ("payer_asks", admin_user),
            ("information_sent", admin_user),
        ]
        assert admin_history(claim) == ["The payer asked for more information.", "Information sent to the payer."]
        assert upload(admin_client, batch, "claim reference,status,reason\n11111111,paid,\n").status_code == 302
        claim.refresh_from_db()
        assert claim.status == S.PAID

    def test_a_claim_the_payer_asked_about_can_be_answered_paid(self, admin_client, batch):
        self.act(admin_client, "payer_asks", Claim.objects.get(reference="22222222"))
        assert upload(admin_client, batch, "claim reference,status,reason\n22222222,paid,\n").status_code == 302
        assert Claim.objects.get(reference="22222222").status == S.PAID

    @pytest.mark.parametrize(
        ("action", "status", "message"),
        [
            ("payer_asks", S.SUBMITTED, "Claim 11111111 is submitted: “The payer asked for more information”"),
            ("payer_asks", S.PAID, "Claim 11111111 is paid: “The payer asked for more information”"),
            ("information_sent", S.PAYMENT_IN_PROGRESS, "Claim 11111111 is payment in progress: “Information sent"),
        ],
    )
    def test_refused_in_any_other_status(self, admin_client, claims, action, status, message):
        claim = Claim.objects.get(reference="11111111")
        Claim.objects.filter(pk=claim.pk).update(status=status)
        response = self.act(admin_client, action, claim)
        assert message in response.content.decode()
        claim.refresh_from_db()
        assert claim.status == status and not claim.activities.filter(transition=action).exists()
        assert admin_history(claim) == []
