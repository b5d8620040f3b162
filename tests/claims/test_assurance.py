"""Assurance: support staff draw a sample of paid claims for audit, providers confirm or reject each mentor's hours
on their claims pages, schools answer a rejection, and support staff claw back what was not confirmed, one entering
the hours and another approving them, through the payer."""

import re
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from claims import selectors, services
from claims.models import AuditSample, Claim, ClaimActivity, PayerBatch
from emails.models import Email
from schools.models import Membership
from tests.support.admin import admin_history
from tests.support.factories import (
    ClaimWindowFactory,
    MembershipFactory,
    MentorFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    UserFactory,
    make_claim,
)
from tests.support.html import error_summary, heading, soup, summary_rows

pytestmark = pytest.mark.django_db
S = Claim.Status


@pytest.mark.parametrize(
    ("requested", "due"),
    [
        (date(2026, 11, 2), date(2026, 11, 23)),  # a Monday: 21 days on is a Monday
        (date(2026, 11, 6), date(2026, 11, 27)),  # a Friday
        (date(2026, 11, 7), date(2026, 11, 30)),  # 21 days on is a Saturday: the Monday after
        (date(2026, 11, 8), date(2026, 11, 30)),  # a Sunday: the Monday after
    ],
)
def test_the_audit_deadline_is_21_days_on_moved_off_weekends(requested, due):
    assert selectors.audit_deadline(timezone.make_aware(datetime.combine(requested, datetime.min.time()))) == due


@pytest.fixture
def window(db):
    return ClaimWindowFactory()


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Northshire SCITT", code="N1S")


@pytest.fixture
def provider_user(provider):
    return ProviderMembershipFactory(provider=provider, user__email="audits@northshire.example.com").user


@pytest.fixture
def paid(window, provider):
    """20 paid claims of the window, of 1 to 20 hours."""
    return [
        make_claim(hours={MentorFactory(): n}, provider=provider, reference=f"{n:08d}", status=S.PAID)
        for n in range(1, 21)
    ]


class TestSampling:
    def test_draws_at_least_a_tenth_of_the_value_and_asks_the_providers(self, window, paid, provider_user):
        support = UserFactory(is_staff=True)
        sample = services.draw_sample(window=window, drawn_by=support, seed=42)
        paid_pence = sum(claim.amount_pence for claim in paid)
        assert sample.paid_pence == paid_pence
        assert sample.sampled_pence * 10 >= paid_pence
        # No more than needed: without the last draw it would be short of a tenth.
        assert (sample.sampled_pence - sample.draws[-1]["amount_pence"]) * 10 < paid_pence
        references = [draw["reference"] for draw in sample.draws]
        assert set(sample.claims.values_list("reference", flat=True)) == set(references)
        assert set(Claim.objects.filter(reference__in=references).values_list("status", flat=True)) == {
            S.AUDIT_REQUESTED
        }
        email = Email.objects.get(kind=Email.Kind.AUDIT_REQUESTED)
        assert email.recipient == "audits@northshire.example.com"
        assert all(reference in email.body for reference in references)

    def test_the_same_seed_draws_the_same_sample(self, window, paid):
        support = UserFactory(is_staff=True)
        first = services.draw_sample(window=window, drawn_by=support, seed=7)
        Claim.objects.update(status=S.PAID)
        second = services.draw_sample(window=window, drawn_by=support, seed=7)
        assert first.draws == second.draws

    def test_a_listed_sample(self, window, paid):
        support = UserFactory(is_staff=True)
        sample = services.sample_listed(window=window, references=["00000003", "00000005"], drawn_by=support)
        assert sample.seed is None and sample.sampled_pence == 8 * paid[0].rate_pence
        with pytest.raises(services.UnknownReferences, match="99999999"):
            services.sample_listed(window=window, references=["99999999"], drawn_by=support)

    def test_from_admin(self, admin_client, window, paid):
        response = admin_client.post(
            reverse("admin:claims_claimwindow_changelist"),
            {"action": "draw_audit_sample", "_selected_action": [window.pk]},
            follow=True,
        )
        sample = AuditSample.objects.get()
        assert f"(seed {sample.seed})" in response.content.decode()
        assert admin_history(window) == [f"Drew an audit sample of {len(sample.draws)} claims (seed {sample.seed})."]


@pytest.fixture
def school_coordinator(db):
    return UserFactory(email="coordinator@school.example.com")


@pytest.fixture
def audited(window, provider, school_coordinator):
    """A paid claim of two mentors, asked to be audited."""
    school = MembershipFactory(user=school_coordinator).school
    claim = make_claim(
        hours={
            MentorFactory(school=school, first_name="Ada", last_name="Lovelace"): 10,
            MentorFactory(school=school, first_name="Alan", last_name="Turing"): 6,
        },
        provider=provider,
        reference="27182818",
        status=S.PAID,
    )
    services.sample_listed(window=window, references=[claim.reference], drawn_by=UserFactory(is_staff=True))
    claim.refresh_from_db()
    return claim


def provider_url(claim, name="claims:provider-claim"):
    if name == "claims:provider-list":
        return reverse(name, kwargs={"code": claim.provider.code})
    return reverse(name, kwargs={"code": claim.provider.code, "claim_id": claim.pk})


def audit_answers(claim, ada, alan):
    lines = {line.mentor.first_name: line.pk for line in claim.mentors.select_related("mentor")}
    data = {}
    for name, (answer, reason) in (("Ada", ada), ("Alan", alan)):
        data[f"confirm_{lines[name]}"] = answer
        data[f"reason_{lines[name]}"] = reason
    return data


class TestTheProvidersPages:
    def test_lists_claims_awaiting_audit_first_with_the_deadline(self, client, provider, provider_user, audited):
        later = make_claim(hours={MentorFactory(): 3}, provider=provider, reference="31415926")
        make_claim(hours={MentorFactory(): 3}, reference="99999999")  # another provider's
        client.force_login(provider_user)
        page = soup(client.get(provider_url(audited, "claims:provider-list")))
        rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in page.select("tbody tr")]
        due = f"{selectors.audit_deadline(audited.audit_requested_at):%-d %B %Y}"
        assert [row[0].split()[-1] for row in rows] == ["27182818", later.reference]
        assert rows[0][-2:] == ["Audit requested", due] or rows[0][-2].endswith("Audit requested")

    def test_someone_at_another_provider_finds_nothing(self, client, audited):
        client.force_login(ProviderMembershipFactory().user)
        assert client.get(provider_url(audited)).status_code == 404
        other = ProviderMembershipFactory().provider
        url = reverse("claims:provider-claim", kwargs={"code": other.code, "claim_id": audited.pk})
        assert client.get(url).status_code == 404

    def test_every_hour_confirmed_leaves_the_claim_paid(self, client, provider_user, audited):
        client.force_login(provider_user)
        response = client.post(provider_url(audited), audit_answers(audited, ("yes", ""), ("yes", "")))
        assert response.status_code == 302
        audited.refresh_from_db()
        assert audited.status == S.PAID
        assert set(audited.mentors.values_list("hours_confirmed", flat=True)) == {True}
        assert not Email.objects.filter(kind=Email.Kind.CLAIM_REJECTED_BY_PROVIDER).exists()

    @pytest.mark.parametrize(
        ("ada", "alan", "errors"),
        [
            (("", ""), ("yes", ""), ["Select yes if Ada Lovelace did 10 hours of training with you"]),
            (("no", "  "), ("yes", ""), ["Enter why you are not confirming Ada Lovelace's hours"]),
            (("maybe", ""), ("yes", ""), ["Select yes if Ada Lovelace did 10 hours of training with you"]),
            (("no", "x" * 1001), ("yes", ""), ["The reason must be 1,000 characters or fewer"]),
        ],
    )
    def test_each_mistake_is_shown_and_nothing_changes(self, client, provider_user, audited, ada, alan, errors):
        client.force_login(provider_user)
        response = client.post(provider_url(audited), audit_answers(audited, ada, alan))
        assert response.status_code == 200
        assert error_summary(response) == errors
        assert soup(response).title.get_text().startswith("Error: ")
        audited.refresh_from_db()
        assert audited.status == S.AUDIT_REQUESTED


def reject(client, provider_user, claim):
    client.force_login(provider_user)
    answers = audit_answers(claim, ("no", "No record of Ada at our sessions"), ("yes", ""))
    assert client.post(provider_url(claim), answers).status_code == 302
    client.logout()
    claim.refresh_from_db()


def respond_url(claim):
    return reverse("claims:respond", kwargs={"urn": claim.school.urn, "claim_id": claim.pk})


class TestARejection:
    def test_emails_the_school_which_sees_the_reasons(self, client, provider_user, audited, school_coordinator):
        reject(client, provider_user, audited)
        assert audited.status == S.REJECTED_BY_PROVIDER
        email = Email.objects.get(kind=Email.Kind.CLAIM_REJECTED_BY_PROVIDER)
        assert email.recipient == "coordinator@school.example.com"
        client.force_login(school_coordinator)
        page = client.get(reverse("claims:detail", kwargs={"urn": audited.school.urn, "claim_id": audited.pk}))
        assert ("Ada Lovelace", "No record of Ada at our sessions", None) in summary_rows(page)
        assert soup(page).find("a", string=lambda s: s and "Respond to the provider" in s)["href"] == respond_url(
            audited
        )

    def test_the_school_accepts_it(self, client, provider_user, audited, school_coordinator):
        reject(client, provider_user, audited)
        client.force_login(school_coordinator)
        assert heading(client.get(respond_url(audited))) == "Respond to Northshire SCITT"
        assert client.post(respond_url(audited), {"response": "accept"}).status_code == 302
        audited.refresh_from_db()
        assert audited.status == S.CLAWBACK_AWAITING_APPROVAL
        assert dict(audited.mentors.values_list("mentor__first_name", "clawback_hours")) == {"Ada": 10, "Alan": None}

    def test_the_school_disputes_it(self, client, provider_user, audited, school_coordinator):
        reject(client, provider_user, audited)
        client.force_login(school_coordinator)
        response = client.post(respond_url(audited), {"response": "dispute", "explanation": ""})
        assert error_summary(response) == ["Tell us why the training took place"]
        client.post(respond_url(audited), {"response": "dispute", "explanation": "Ada signed in: see register"})
        audited.refresh_from_db()
        assert audited.status == S.REJECTED_BY_SCHOOL
        assert ClaimActivity.objects.get(transition="school_disputes").note == "Ada signed in: see register"

    def test_a_lead_mentor_may_not_respond(self, client, provider_user, audited):
        reject(client, provider_user, audited)
        client.force_login(MembershipFactory(school=audited.school, role=Membership.Role.LEAD_MENTOR).user)
        assert client.post(respond_url(audited), {"response": "accept"}).status_code == 403


class TestPaidThroughAuditToClawbackComplete:
    """The issue's "done when": Paid, an audit, the provider's rejection, the school's acceptance, a clawback
    entered by one support user and approved by another, sent to the payer, whose answer completes it."""

    def test_all_the_way(self, client, provider_user, audited, school_coordinator, settings):
        settings.PAYER_EMAILS = ["claims@payer.example.com"]
        reject(client, provider_user, audited)
        client.force_login(school_coordinator)
        client.post(respond_url(audited), {"response": "accept"})
        entering = UserFactory(is_staff=True, is_superuser=True)
        approving = UserFactory(is_staff=True, is_superuser=True)
        line = audited.mentors.get(mentor__first_name="Ada")
        other = audited.mentors.get(mentor__first_name="Alan")

        client.force_login(entering)
        url = reverse("admin:claims_claim_clawback", args=[audited.pk])
        response = client.post(url, {f"hours_{line.pk}": "11", f"hours_{other.pk}": "0"})
        assert "Ensure this value is less than or equal to 10." in response.content.decode()
        response = client.post(url, {f"hours_{line.pk}": "0", f"hours_{other.pk}": "0"})
        assert "Enter the hours to take back for at least one mentor" in response.content.decode()
        assert client.post(url, {f"hours_{line.pk}": "8", f"hours_{other.pk}": "0"}).status_code == 302
        changelist = reverse("admin:claims_claim_changelist")
        approve = {"action": "approve_clawbacks", "_selected_action": [audited.pk]}
        response = client.post(changelist, approve, follow=True)
        assert "someone else must approve it" in response.content.decode()
        audited.refresh_from_db()
        assert audited.status == S.CLAWBACK_AWAITING_APPROVAL

        client.force_login(approving)
        client.post(changelist, approve)
        audited.refresh_from_db()
        assert audited.status == S.CLAWBACK_REQUESTED
        client.post(changelist, {"action": "send_clawbacks", "_selected_action": [audited.pk]})
        audited.refresh_from_db()
        assert audited.status == S.CLAWBACK_IN_PROGRESS
        assert admin_history(audited) == ["Clawback approved.", "Clawback sent to the payer."]
        batch = PayerBatch.objects.get(kind=PayerBatch.Kind.CLAWBACK)
        assert (
            batch.file.splitlines()[1]
            == f"27182818,{audited.school.urn},{audited.school.name},8,{8 * audited.rate_pence / 100:.2f}"
        )
        email = Email.objects.get(kind=Email.Kind.PAYER_BATCH)
        assert re.search(r"/payer/files/\S+/", email.body)

        answer = SimpleUploadedFile("answer.csv", b"claim reference,status,reason\n27182818,paid,\n")
        response = client.post(reverse("admin:claims_payerbatch_answer", args=[batch.pk]), {"file": answer})
        assert response.status_code == 302
        audited.refresh_from_db()
        assert audited.status == S.CLAWBACK_COMPLETE
        assert list(audited.activities.values_list("to_status", flat=True)) == [
            S.AUDIT_REQUESTED,
            S.REJECTED_BY_PROVIDER,
            S.CLAWBACK_AWAITING_APPROVAL,
            S.CLAWBACK_REQUESTED,
            S.CLAWBACK_IN_PROGRESS,
            S.CLAWBACK_COMPLETE,
        ]

    def test_support_agrees_with_a_disputing_school(self, client, provider_user, audited, school_coordinator):
        reject(client, provider_user, audited)
        client.force_login(school_coordinator)
        client.post(respond_url(audited), {"response": "dispute", "explanation": "Ada trained on 3 May"})
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        client.post(
            reverse("admin:claims_claim_changelist"), {"action": "uphold_school", "_selected_action": [audited.pk]}
        )
        audited.refresh_from_db()
        assert audited.status == S.PAID
        assert admin_history(audited) == ["Agreed with the school: the claim stays paid."]
