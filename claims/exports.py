"""Claims as CSV files: the export support staff take of a filtered list in admin, streamed a row at a time so that
100,000 claims take no more memory than ten, and safe to open in a spreadsheet."""

import csv

from django.db.models import Count
from django.http import StreamingHttpResponse
from django.utils import timezone

from core.formatting import govuk_date

EXPORT_COLUMNS = [
    "Reference",
    "School URN",
    "School name",
    "Local authority",
    "Type of establishment",
    "Funding region",
    "Accredited provider",
    "Provider code",
    "Mentors",
    "Hours",
    "Amount (£)",
    "Date submitted",
    "Status",
]
# Rows fetched from the database at a time: a server-side cursor on PostgreSQL.
CHUNK_SIZE = 2000
# A spreadsheet takes a cell starting with one of these for a formula (OWASP's CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as text a spreadsheet shows as it is: a leading ' stops it being read as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def pounds(pence):
    """1234567 pence as "12345.67": a number a spreadsheet can add up, without the £ or commas."""
    return f"{pence // 100}.{pence % 100:02d}"


def export_rows(claims):
    """The header and a row for each claim, read from the database in chunks (never all at once)."""
    yield EXPORT_COLUMNS
    rows = (
        claims.select_related("school", "provider", "funding_region")
        .annotate(mentor_count=Count("mentors"))
        .order_by("pk")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for claim in rows:
        yield [
            claim.reference,
            claim.school.urn,
            claim.school.name,
            claim.school.local_authority,
            claim.school.establishment_type_name,
            claim.funding_region.name,
            claim.provider.name,
            claim.provider.code,
            claim.mentor_count,
            claim.total_hours,
            pounds(claim.amount_pence),
            govuk_date(claim.submitted_at) if claim.submitted_at else "",
            claim.get_status_display(),
        ]


class _Line:
    """csv.writer's file: each write is handed back, so the writer makes one line at a time."""

    def write(self, line):
        return line


def csv_lines(rows):
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def streaming_csv(rows, filename):
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(claims):
    return streaming_csv(export_rows(claims), f"claims-{timezone.localdate().isoformat()}.csv")
