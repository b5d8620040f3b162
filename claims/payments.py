"""Claims and the payer: the CSV files sent to them (claims to pay, clawbacks to take back), the signed link that
downloads one once, and reading the payer's answer, each row checked before any is applied."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .exports import csv_lines, pounds
from .models import Claim, PayerBatch

LINK_SALT = "claims.payer-batch"
PAYMENT_COLUMNS = ["Claim reference", "School URN", "School name", "Provider code", "Hours", "Amount (£)"]
CLAWBACK_COLUMNS = ["Claim reference", "School URN", "School name", "Hours to take back", "Amount to take back (£)"]
ANSWER_COLUMNS = ["claim reference", "status", "reason"]
# What the payer may say of each claim, by the kind of batch.
ANSWERS = {PayerBatch.Kind.PAYMENT: ("paid", "unpaid"), PayerBatch.Kind.CLAWBACK: ("paid",)}
# Statuses whose claims wait for the payer's answer, by the kind of batch.
AWAITING_ANSWER = {
    PayerBatch.Kind.PAYMENT: {Claim.Status.PAYMENT_IN_PROGRESS, Claim.Status.INFORMATION_REQUESTED},
    PayerBatch.Kind.CLAWBACK: {Claim.Status.CLAWBACK_IN_PROGRESS},
}
# Longest answer file read, in bytes: far more than a window's claims.
MAX_ANSWER_BYTES = 5 * 1024 * 1024


def payment_file(claims):
    rows = [PAYMENT_COLUMNS] + [
        [
            claim.reference,
            claim.school.urn,
            claim.school.name,
            claim.provider.code,
            claim.total_hours,
            pounds(claim.amount_pence),
        ]
        for claim in claims
    ]
    return "".join(csv_lines(rows))


def clawback_file(claims):
    """claims with clawback_hours and clawback_pence annotated."""
    rows = [CLAWBACK_COLUMNS] + [
        [claim.reference, claim.school.urn, claim.school.name, claim.clawback_hours, pounds(claim.clawback_pence)]
        for claim in claims
    ]
    return "".join(csv_lines(rows))


def download_link(batch):
    """The payer's link to the batch's file: signed with the service's secret key, so nobody can make one."""
    token = signing.dumps(batch.pk, salt=LINK_SALT)
    return settings.SERVICE_URL + reverse("claims:payer-download", kwargs={"link": token})


def batch_of_link(token):
    """The id of the batch a link is for; raises signing.SignatureExpired when it is over 7 days old, and
    signing.BadSignature when nobody made it."""
    return signing.loads(token, salt=LINK_SALT, max_age=settings.PAYER_LINK_MAX_AGE_SECONDS)


@dataclass(frozen=True)
class Answer:
    row: int
    claim: Claim
    paid: bool
    reason: str


@dataclass
class ReadAnswers:
    answers: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read_answers(batch, upload):
    """Each row of the payer's answer to the batch, or an error for each row that is wrong, by its row number as a
    spreadsheet numbers it (the header is row 1). The claims are read in one query."""
    found = ReadAnswers()
    raw = upload.read(MAX_ANSWER_BYTES + 1)
    if len(raw) > MAX_ANSWER_BYTES:
        found.errors.append("The file must be smaller than 5MB")
        return found
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        found.errors.append("The selected file must be a CSV file saved as UTF-8")
        return found
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[: len(ANSWER_COLUMNS)] != ANSWER_COLUMNS:
        found.errors.append("The file’s first row must be the column names: claim reference, status, reason")
        return found
    rows = [(number, row) for number, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]
    if not rows:
        found.errors.append("The file has no claims in it")
        return found
    references = {row[0].strip() for _, row in rows if row}
    claims = {claim.reference: claim for claim in Claim.objects.filter(reference__in=references)}
    in_batch = set(batch.claims.filter(reference__in=references).values_list("reference", flat=True))
    allowed = ANSWERS[batch.kind]
    seen = set()
    for number, row in rows:
        reference, status, reason = [*(cell.strip() for cell in row), "", "", ""][:3]
        claim = claims.get(reference)
        if claim is None:
            found.errors.append(f"Row {number}: there is no claim with the reference “{reference}”")
        elif reference not in in_batch:
            found.errors.append(f"Row {number}: claim {reference} is not in this batch")
        elif claim.status not in AWAITING_ANSWER[batch.kind]:
            found.errors.append(
                f"Row {number}: claim {reference} is {claim.get_status_display().lower()}, not waiting for an answer"
            )
        elif reference in seen:
            found.errors.append(f"Row {number}: claim {reference} is in the file more than once")
        elif status.lower() not in allowed:
            found.errors.append(f"Row {number}: the status must be {' or '.join(allowed)}, not “{status}”")
        elif status.lower() == "unpaid" and not reason:
            found.errors.append(f"Row {number}: give the reason claim {reference} was not paid")
        else:
            found.answers.append(Answer(row=number, claim=claim, paid=status.lower() == "paid", reason=reason))
        seen.add(reference)
    return found
