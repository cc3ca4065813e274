"""Runs schemathesis over every operation of an OpenAPI description against our WSGI app, in this
process (so the test database is the one it reads), and returns the requests that got a 5xx."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode


def server_errors(schema, examples, headers=None, known_ids=None):
    """known_ids(path) -> the path parameters of a real record for that path, so that generated
    bodies and queries also reach the code behind the lookup (random UUIDs only find nothing)."""
    # As Django's test client does: the handler must not close the test's connection (and with it
    # the test's transaction) at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return _server_errors(schema, examples, headers, known_ids)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _server_errors(schema, examples, headers, known_ids):
    app = get_wsgi_application()
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # Valid requests reach the code behind the checks; invalid ones test the checks themselves.
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
            )
            def send(case):
                attempts = [dict(case.path_parameters or {})]
                real = known_ids(case.operation.path) if known_ids and case.path_parameters else None
                if real:
                    attempts.append({**attempts[0], **real})
                for parameters in attempts:
                    case.path_parameters = parameters
                    response = case.call(app=app, headers=headers or {})
                    if response.status_code >= 500:
                        found.append(f"{response.status_code} {case.as_curl_command()}")

            try:
                send()
            except Unsatisfiable:
                # An operation with no parameters and no body has no invalid form to send.
                assert mode == GenerationMode.NEGATIVE
    return found
