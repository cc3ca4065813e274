"""When the database cannot be reached, every page says "try again" (503), not "problem" (500); the
real outage is tested by core/tests/test_database_restart.py on PostgreSQL."""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from conftest import check_page
from core import views


def _answer_while_handling(error):
    try:
        raise error
    except Exception:
        return views.server_error(RequestFactory().get("/cases/"))


def test_a_lost_database_connection_asks_to_try_again(db):
    for error in (OperationalError("server closed the connection unexpectedly"), InterfaceError("closed")):
        response = _answer_while_handling(error)
        assert response.status_code == 503 and response["Retry-After"] == "10"
        page = check_page(response).get_text()
        assert "Please try again in a minute" in page and "will not be sent twice" in page


def test_any_other_error_is_still_a_problem_with_the_service(db):
    response = _answer_while_handling(ValueError("a bug"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_session_that_could_not_be_saved_for_the_outage_asks_to_try_again(db):
    try:
        try:
            try:
                raise OperationalError("the database system is shutting down")
            except OperationalError:
                raise UpdateError from None
        except UpdateError as error:
            raise SessionInterrupted("The session was deleted") from error
    except SessionInterrupted as interrupted:
        response = views.bad_request(RequestFactory().get("/"), interrupted)
    assert response.status_code == 503
    assert views.bad_request(RequestFactory().get("/"), SessionInterrupted("x")).status_code == 400
