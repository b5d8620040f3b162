"""What the stand-ins for outside services (notify.py, openid_provider.py) share: a local HTTP server started once
a test run, each test's clean use of it, and JSON answers."""

import json
from contextlib import contextmanager

from pytest_httpserver import HTTPServer
from werkzeug import Response


@contextmanager
def local_server():
    """An HTTP server on a free port of this machine, answering several requests at once."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def for_one_test(server):
    """The server for one test: it forgets what earlier tests set up and asked, and the test fails if one of the
    stand-in's handlers failed."""
    server.clear()
    yield server
    server.check_handler_errors()
    server.clear()


def json_response(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json")
