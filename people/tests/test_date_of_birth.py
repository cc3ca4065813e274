"""Implausible dates of birth are refused wherever they are typed (people forms, imports, the API,
the portal request) by the one check in people/validators.py: in the future, before 1990, or over
25 for a new record or request. (Item 6 of issue 20: an edit to 1990 put a child past retention.)"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clock import dates
from conftest import check_page
from people.imports import import_children
from people.models import Child
from people.tests.test_child_pages import NEW_CHILD, child_form
from people.tests.test_imports import GOOD, children_csv, upload
from people.validators import validate_date_of_birth
from portal.tests.url_matrix_requests import answered_draft

pytestmark = pytest.mark.django_db
TODAY = dates.today()
OVER_25 = date(TODAY.year - 27, 1, 1)


@pytest.mark.parametrize(
    "born,new,message",
    [
        (date(TODAY.year + 1, 1, 1), False, "must be today or in the past"),
        (date(1989, 12, 31), False, "on or after 1 January 1990"),
        (OVER_25, True, "aged 25 or under"),
    ],
)
def test_the_one_check_refuses_implausible_dates(born, new, message):
    with pytest.raises(ValidationError, match=message):
        validate_date_of_birth(born, new_request=new)


def test_the_one_check_accepts_plausible_dates():
    assert validate_date_of_birth(date(2015, 3, 27), new_request=True) == date(2015, 3, 27)
    assert validate_date_of_birth(OVER_25) == OVER_25  # an existing record of someone now 27


def _form_error(response, message):
    assert response.status_code == 200
    summary = check_page(response).select_one(".govuk-error-summary")
    assert message in summary.get_text()


def test_the_new_child_form_refuses_before_1990_and_over_25(area, login):
    client = login("caseworker")
    _form_error(client.post(NEW_CHILD, child_form(date_of_birth_year="1985")), "on or after 1 January 1990")
    over = child_form(date_of_birth_year=str(OVER_25.year), date_of_birth_month="1", date_of_birth_day="1")
    _form_error(client.post(NEW_CHILD, over), "aged 25 or under")
    assert not Child.objects.filter(legal_last_name="Begum").exists()


def test_editing_a_date_of_birth_to_1990_or_earlier_is_refused(area, login):
    child = area.own_child
    url = reverse("people:child_edit", args=[child.public_id])
    client = login("caseworker")
    page = client.page(url)
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form input[name]")
        if field.get("type") not in ("checkbox", "radio")
    }
    for select in page.select("form select[name]"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    data.update(date_of_birth_day="1", date_of_birth_month="1", date_of_birth_year="1989")
    _form_error(client.post(url, data), "on or after 1 January 1990")
    child.refresh_from_db()
    assert child.date_of_birth.year > 2000


def test_the_api_refuses_a_date_of_birth_before_1990(area):
    from api.models import ApiToken
    from api.tests.helpers import client_with_key
    from api.tests.test_children import URL, VALID

    client = client_with_key(ApiToken.issue(area.users["caseworker"], "EPR")[1])
    response = client.post(URL, {**VALID, "date_of_birth": "1985-06-01"})
    assert response.status_code == 400
    assert any("1 January 1990" in e["message"] for e in response.json()["errors"])


def test_an_import_refuses_a_date_of_birth_before_1990():
    row = list(GOOD)
    row[3] = "01/06/1985"
    result = import_children(upload("c.csv", children_csv(row)))
    assert not result.ok
    assert any(p.column == "Date of birth" and "1990" in p.message for p in result.problems)
    assert not Child.objects.exists()


def test_the_portal_request_refuses_a_child_over_25(area, login):
    draft = answered_draft(area.users["parent"], None, child_date_of_birth=None)
    url = reverse("portal:request_step", args=[draft.public_id, "child-details"])
    response = login("parent").post(
        url,
        {
            "first_name": "Noor",
            "last_name": "Hussain",
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": str(OVER_25.year),
            "relationship": "mother",
        },
    )
    assert response.status_code == 200
    assert "aged 25 or under" in response.content.decode()
    draft.refresh_from_db()
    assert draft.child_date_of_birth is None
