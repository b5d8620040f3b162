"""The Teaching Record System (TRS, formerly the Database of Qualified Teachers): its API client and an offline fake."""

from django.conf import settings

from .client import TeacherNotFound, TeacherRecord, TRSClient, TRSError, TRSMisconfigured, TRSUnavailable
from .fake import OfflineTRS

__all__ = [
    "TRSClient",
    "OfflineTRS",
    "TeacherRecord",
    "TRSError",
    "TeacherNotFound",
    "TRSUnavailable",
    "TRSMisconfigured",
    "get_client",
]


def get_client():
    """The TRS API client, or the offline fake when no API key is configured (development, demos, tests)."""
    if not settings.TRS_API_KEY:
        return OfflineTRS()
    return TRSClient(base_url=settings.TRS_API_URL, api_key=settings.TRS_API_KEY, api_version=settings.TRS_API_VERSION)
