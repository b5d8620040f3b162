import pytest


def person(trn="1234567", first="Zoë", middle="Anne", last="O'Brien", qts=True):
    """A TRS v3 person, shaped as the API returns it with include=Induction,RoutesToProfessionalStatuses,..."""
    route = {"routeToProfessionalStatusType": {"routeToProfessionalStatusTypeId": "x", "name": "School Direct"}}
    return {
        "trn": trn,
        "firstName": first,
        "middleName": middle,
        "lastName": last,
        "dateOfBirth": "1990-02-14",
        "emailAddress": "zoe@example.com",
        "qts": {"holdsFrom": "2019-08-01", "routes": [route]} if qts else None,
        "eyts": None,
        "qtlsStatus": "None",
        "induction": {"status": "Passed" if qts else "None", "startDate": "2019-09-01", "completedDate": "2020-07-20"},
        "routesToProfessionalStatuses": [
            {"status": "Holds", "holdsFrom": "2019-08-01", "trainingSubjects": [{"name": "physics"}]}
        ]
        if qts
        else [],
        "mandatoryQualifications": [{"endDate": "2021-06-30", "specialism": "Visual impairment"}] if qts else [],
    }


@pytest.fixture
def trs_server(httpserver, settings):
    """A local fake TRS the service is configured to use, with an API key."""
    settings.TRS_API_KEY = "test-api-key-0123456789"
    settings.TRS_API_URL = httpserver.url_for("")
    settings.TRS_API_VERSION = "20250627"
    return httpserver
