"""Importing schools from Get Information About Schools (GIAS): its public bulk file, edubasealldata{YYYYMMDD}.csv.

The file has about 50,000 rows of 140 columns, in Windows-1252, with code/name column pairs. It is read as a
stream, a row at a time; schools are upserted by URN in batches, all in one transaction, so an interrupted
import leaves the previous data as it was.
"""

import csv
import tempfile
from collections import Counter
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.db import transaction

from claims.selectors import funding_region_finder

from .models import School

ENCODING = "cp1252"
BATCH_SIZE = 2000
CONNECT_TIMEOUT = 10  # seconds; then GIAS_DOWNLOAD_TIMEOUT seconds between bytes received

# GIAS establishment status codes of schools that are open (3 is "Open, but proposed to close"), and closed.
OPEN_STATUSES = {1, 3}
CLOSED_STATUS = (2, "Closed")
# Types of establishment outside England, and the region GIAS gives Welsh establishments.
TYPES_OUTSIDE_ENGLAND = {25: "offshore school", 30: "Welsh establishment", 37: "British school overseas"}
WALES_REGION_CODE = "W"

# Each School field, and the GIAS column it comes from.
COLUMNS = {
    "urn": "URN",
    "name": "EstablishmentName",
    "phase_of_education_code": "PhaseOfEducation (code)",
    "phase_of_education_name": "PhaseOfEducation (name)",
    "statutory_low_age": "StatutoryLowAge",
    "statutory_high_age": "StatutoryHighAge",
    "local_authority": "LA (name)",
    "town": "Town",
    "postcode": "Postcode",
    "region": "GOR (name)",
    "establishment_status_code": "EstablishmentStatus (code)",
    "establishment_status_name": "EstablishmentStatus (name)",
    "establishment_type_code": "TypeOfEstablishment (code)",
    "establishment_type_name": "TypeOfEstablishment (name)",
    # The school's own provision for special educational needs (SEN).
    "resourced_provision_type": "TypeOfResourcedProvision (name)",
    "resourced_provision_on_roll": "ResourcedProvisionOnRoll",
    "resourced_provision_capacity": "ResourcedProvisionCapacity",
    "sen_unit_on_roll": "SenUnitOnRoll",
    "sen_unit_capacity": "SenUnitCapacity",
    "district_code": "DistrictAdministrative (code)",
}
# The types of SEN the school provides for, one a column.
SEN_TYPE_COLUMNS = [f"SEN{number} (name)" for number in range(1, 14)]
REGION_CODE_COLUMN = "GOR (code)"
REQUIRED_COLUMNS = [*COLUMNS.values(), *SEN_TYPE_COLUMNS, REGION_CODE_COLUMN]
NUMBER_FIELDS = {
    "statutory_low_age",
    "statutory_high_age",
    "establishment_status_code",
    "establishment_type_code",
    "resourced_provision_on_roll",
    "resourced_provision_capacity",
    "sen_unit_on_roll",
    "sen_unit_capacity",
}
# The funding region is found from the district code (claims.selectors.funding_region_finder) on every import.
IMPORTED_FIELDS = [name for name in COLUMNS if name != "urn"] + ["sen_types", "is_open", "funding_region_id"]
GIAS_PHASE_CODES = {phase.value for phase in School.GiasPhase}


class GiasFileError(Exception):
    """The file cannot be imported at all; nothing has changed."""


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    skipped: Counter = field(default_factory=Counter)

    @property
    def changed_anything(self):
        return bool(self.created or self.updated or self.closed)


def download(url):
    """Stream the file at url into a temporary file, and return that file (deleted when closed)."""
    destination = tempfile.NamedTemporaryFile(prefix="gias-", suffix=".csv")
    try:
        with requests.get(url, stream=True, timeout=(CONNECT_TIMEOUT, settings.GIAS_DOWNLOAD_TIMEOUT)) as response:
            response.raise_for_status()
            for chunk in response.iter_content(chunk_size=1024 * 1024):
                destination.write(chunk)
    except requests.RequestException as error:
        destination.close()
        raise GiasFileError(f"Could not download the GIAS file from {url}: {error}") from error
    destination.flush()
    return destination


def count_rows(path):
    """How many establishments the file has (its lines less the header), for the progress bar."""
    with open(path, "rb") as file:
        return max(sum(1 for _ in file) - 1, 0)


def import_schools(path, progress=None):
    """Bring the schools up to date with the GIAS file at path, and say what changed.

    Open schools in England are created or updated; schools that GIAS says have closed, or that are no longer
    in its file, are marked closed, never deleted. progress, if given, is called with the number of rows read.
    """
    try:
        file = open(path, encoding=ENCODING, newline="")
    except OSError as error:
        raise GiasFileError(f"Cannot read {path}: {error.strerror}.") from error
    summary = ImportSummary()
    with file, transaction.atomic():
        rows = csv.reader(file)
        index = _column_index(next(rows, None))
        funding_region_of = funding_region_finder()
        open_urns = set()
        closed_urns = set()
        batch = {}
        for row in rows:
            school, reason = _school_from(row, index, funding_region_of)
            if progress:
                progress(1)
            if reason == "closed":
                closed_urns.add(school.urn)
            if reason:
                summary.skipped[reason] += 1
            else:
                open_urns.add(school.urn)
                batch[school.urn] = school
            if len(batch) >= BATCH_SIZE:
                _upsert(batch, summary)
                batch = {}
        _upsert(batch, summary)
        _close(open_urns, closed_urns, summary)
    return summary


def _column_index(header):
    if not header:
        raise GiasFileError("The file is empty: a GIAS file starts with a header row of column names.")
    header = [name.strip().lstrip("\ufeff") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise GiasFileError(f"The file does not have the columns GIAS files have: it lacks {', '.join(missing)}.")
    return {name: header.index(name) for name in REQUIRED_COLUMNS}


def _school_from(row, index, funding_region_of):
    """The School a row describes (unsaved), and the reason the row is not imported, if it is not."""

    def value(column):
        position = index[column]
        return row[position].strip() if position < len(row) else ""

    urn = value("URN")
    if not urn.isdigit():
        return None, "blank or non-numeric URN"
    phase = value("PhaseOfEducation (code)")
    if not phase.isdigit() or int(phase) not in GIAS_PHASE_CODES:
        return None, "unknown phase of education code"
    type_code = _number(value("TypeOfEstablishment (code)"))
    if type_code in TYPES_OUTSIDE_ENGLAND:
        return None, TYPES_OUTSIDE_ENGLAND[type_code]
    if value(REGION_CODE_COLUMN) == WALES_REGION_CODE:
        return None, "in Wales"

    details = {}
    for name, column in COLUMNS.items():
        text = value(column)
        details[name] = _number(text) if name in NUMBER_FIELDS else text
    details["sen_types"] = [value(column) for column in SEN_TYPE_COLUMNS if value(column)]
    details["urn"] = int(urn)
    details["phase_of_education_code"] = int(phase)
    details["is_open"] = True
    details["funding_region_id"] = funding_region_of(details["district_code"])
    school = School(**details)
    status = details["establishment_status_code"]
    if status == CLOSED_STATUS[0]:
        return school, "closed"
    if status not in OPEN_STATUSES:
        return None, "not open (proposed to open, or no status)"
    return school, None


def _number(text):
    return int(text) if text.isdigit() else None


def _upsert(batch, summary):
    if not batch:
        return
    existing = School.objects.in_bulk(list(batch), field_name="urn")
    new, changed = [], []
    for urn, school in batch.items():
        current = existing.get(urn)
        if current is None:
            new.append(school)
        elif any(getattr(current, name) != getattr(school, name) for name in IMPORTED_FIELDS):
            for name in IMPORTED_FIELDS:
                setattr(current, name, getattr(school, name))
            changed.append(current)
    School.objects.bulk_create(new, batch_size=BATCH_SIZE)
    School.objects.bulk_update(changed, IMPORTED_FIELDS, batch_size=BATCH_SIZE)
    summary.created += len(new)
    summary.updated += len(changed)
    summary.unchanged += len(batch) - len(new) - len(changed)


def _close(open_urns, closed_urns, summary):
    """Mark closed the open schools that GIAS says have closed, or that have left its file."""
    still_open = School.objects.filter(is_open=True).values_list("urn", flat=True)
    to_close = [urn for urn in still_open.iterator(chunk_size=BATCH_SIZE) if urn not in open_urns]
    for start in range(0, len(to_close), BATCH_SIZE):
        urns = to_close[start : start + BATCH_SIZE]
        School.objects.filter(urn__in=urns).update(is_open=False)
        # Those GIAS still lists as closed get its status; those that left the file keep their last one.
        School.objects.filter(urn__in=[urn for urn in urns if urn in closed_urns]).update(
            establishment_status_code=CLOSED_STATUS[0], establishment_status_name=CLOSED_STATUS[1]
        )
    summary.closed = len(to_close)
