"""A client for the Teaching Record System API: GET /v3/persons/{trn}.

Every failure becomes one of three exceptions of the service's own: the teacher is not found, TRS is unavailable
(try again later), or the client is misconfigured (a bad or expired key, a key without the role). Nothing it logs
includes the API key or the teacher's personal data.
"""

import datetime
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field

import requests
from django.conf import settings

from core.http import retrying_session

logger = logging.getLogger(__name__)

# urllib3 names the URL it retries when a connection breaks, at WARNING, and a TRS URL carries the teacher's TRN.
PERSON_PATH = re.compile(r"/v3/persons/[^/?#\s]+")


def _without_trn(record):
    if isinstance(record.args, tuple):
        record.args = tuple(
            PERSON_PATH.sub("/v3/persons/[TRN]", arg) if isinstance(arg, str) else arg for arg in record.args
        )
    return True


logging.getLogger("urllib3.connectionpool").addFilter(_without_trn)

INCLUDE = "Induction,RoutesToProfessionalStatuses,MandatoryQualifications"
CONNECT_TIMEOUT = 3.05  # seconds; then TRS_API_TIMEOUT seconds to wait for each answer


class TRSError(Exception):
    pass


class TeacherNotFound(TRSError):
    """No teacher has this TRN (404), or their record is deactivated (410)."""


class TRSUnavailable(TRSError):
    """TRS did not answer usefully in time (timeouts, 5xx, 429 after retries, a body that is not its JSON)."""


class TRSMisconfigured(TRSError):
    """TRS refused the client itself (401, 403, 400): the API key or the request needs fixing."""


@dataclass(frozen=True)
class TeacherRecord:
    trn: str
    first_name: str
    middle_name: str
    last_name: str
    qts_date: datetime.date | None = None
    qualifications: list[str] = field(default_factory=list)
    induction_status: str = ""

    def name_matches(self, first_name, last_name):
        """Whether a name as a school typed it is this teacher's: any case, accents or spacing, and the
        first name may include the middle name ("Zoe" or "Zoë Anne" for Zoë Anne O'Brien)."""
        given = _comparable(first_name)
        return _comparable(last_name) == _comparable(self.last_name) and given in {
            _comparable(self.first_name),
            _comparable(f"{self.first_name} {self.middle_name}"),
        }

    def to_session(self):
        """As plain values, to keep in a session between pages."""
        return {**asdict(self), "qts_date": self.qts_date.isoformat() if self.qts_date else None}

    @classmethod
    def from_session(cls, values):
        return cls(**{**values, "qts_date": _date(values["qts_date"])})

    @classmethod
    def from_json(cls, data):
        qualifications = []
        qts, eyts = data.get("qts"), data.get("eyts")
        for title, status in [("Qualified teacher status (QTS)", qts), ("Early years teacher status (EYTS)", eyts)]:
            if status:
                routes = [route["routeToProfessionalStatusType"]["name"] for route in status.get("routes") or []]
                awarded = _date(status.get("holdsFrom"))
                text = title + (f" from {awarded:%-d %B %Y}" if awarded else "")
                qualifications.append(text + (f" ({', '.join(routes)})" if routes else ""))
        if data.get("qtlsStatus") == "Active":
            qualifications.append("Qualified teacher learning and skills status (QTLS)")
        for mandatory in data.get("mandatoryQualifications") or []:
            qualifications.append(f"Mandatory qualification: {mandatory.get('specialism') or 'specialism not given'}")
        induction = data.get("induction") or {}
        return cls(
            trn=str(data["trn"]),
            first_name=data.get("firstName") or "",
            middle_name=data.get("middleName") or "",
            last_name=data.get("lastName") or "",
            qts_date=_date((qts or {}).get("holdsFrom")),
            qualifications=qualifications,
            induction_status=induction.get("status") or "",
        )


def _comparable(name):
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(letters.replace("’", "'").casefold().split())


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


class TRSClient:
    def __init__(self, *, base_url, api_key, api_version, retries=3, backoff_factor=0.5, timeout=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout or (CONNECT_TIMEOUT, settings.TRS_API_TIMEOUT)
        # Without X-Api-Version the API silently answers as an old version.
        self.session = retrying_session(
            retries=retries,
            backoff_factor=backoff_factor,
            headers={"Authorization": f"Bearer {api_key}", "X-Api-Version": api_version},
        )

    def get_teacher(self, trn):
        response = self._get(f"{self.base_url}/v3/persons/{trn}")
        if response.status_code == 308 and response.headers.get("Location"):
            # A merged record: Location names the surviving one. Followed once.
            response = self._get(requests.compat.urljoin(response.url, response.headers["Location"]))
        status = response.status_code
        if status == 200:
            try:
                return TeacherRecord.from_json(response.json())
            except (ValueError, KeyError, TypeError) as error:
                logger.warning("TRS answered 200 with a body that is not a person record (%s)", type(error).__name__)
                raise TRSUnavailable("TRS answered with something that is not a person record") from error
        if status in (404, 410):
            raise TeacherNotFound(f"TRS has no current record for this TRN (HTTP {status})")
        if status in (400, 401, 403):
            logger.error("TRS refused the client: HTTP %s. Check TRS_API_KEY and its role.", status)
            raise TRSMisconfigured(f"TRS refused the client (HTTP {status})")
        logger.warning("TRS is unavailable: HTTP %s", status)
        raise TRSUnavailable(f"TRS is unavailable (HTTP {status})")

    def _get(self, url):
        try:
            return self.session.get(url, params={"include": INCLUDE}, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as error:
            logger.warning("TRS could not be reached: %s", type(error).__name__)
            raise TRSUnavailable(f"TRS could not be reached ({type(error).__name__})") from error
