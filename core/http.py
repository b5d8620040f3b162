"""HTTP sessions for the outside APIs the service reads (TRS, Publish): the conventions they share.

Every request has a timeout (given by the caller). A GET that meets the rate limit (429) or a gateway or server
that is briefly unavailable (502, 503, 504) is tried again, waiting as long as Retry-After says, otherwise with
exponential backoff; the last answer is returned rather than raised, for the client to turn into its own error.
Redirects are left to the caller too.
"""

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

RETRIED_STATUSES = (429, 502, 503, 504)


def retrying_session(*, retries, backoff_factor, headers=None):
    session = requests.Session()
    session.headers.update(headers or {})
    retry = Retry(
        total=retries,
        status_forcelist=RETRIED_STATUSES,
        backoff_factor=backoff_factor,
        respect_retry_after_header=True,
        allowed_methods={"GET"},
        raise_on_status=False,
        redirect=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
