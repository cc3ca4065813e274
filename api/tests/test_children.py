import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from people.models import Child

pytestmark = pytest.mark.django_db

URL = "/api/v1/children/"
VALID = {
    "legal_first_name": "Maya",
    "legal_last_name": "Patel",
    "date_of_birth": "2016-04-02",
    "upn": "B801200005001",
    "nhs_number": "943 476 5870",
    "postcode": "bd1 1hy",
}


def test_a_caseworker_adds_a_child_checked_by_the_web_forms_rules(area, api):
    response = api("caseworker").post(URL, {**VALID, "setting_urn": area.school.urn})
    assert response.status_code == 201, response.json()
    body = response.json()
    child = Child.objects.get(public_id=body["public_id"])
    assert response["Location"] == reverse("api:child_detail", args=[child.public_id])
    assert (child.upn, child.nhs_number, child.postcode) == ("B801200005001", "9434765870", "BD1 1HY")
    assert child.setting == area.school and child.created_by == area.users["caseworker"]
    assert body["setting"] == {
        "public_id": str(area.school.public_id),
        "urn": area.school.urn,
        "name": area.school.name,
    }
    assert "id" not in body and "pk" not in body
    assert AuditEvent.objects.filter(
        action=Action.CREATE, child=child, actor=area.users["caseworker"]
    ).exists()


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"upn": "A801200005001"}, "upn", "check letter does not match"),
        ({"upn": "B80120"}, "upn", "correct format"),
        ({"nhs_number": "9434765871"}, "nhs_number", "last digit does not match"),
        ({"postcode": "not a postcode"}, "postcode", "Enter a real postcode"),
        ({"legal_first_name": ""}, "legal_first_name", "Enter the child's first name"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "must be today or in the past"),
        ({"date_of_birth": "2 April 2016"}, "date_of_birth", "format"),
        ({"year_group_override": 20}, "year_group_override", "Enter a year group"),
        ({"setting_urn": 1}, "setting_urn", "No open school"),
        ({"sex": "X"}, "sex", "not a valid choice"),
    ],
)
def test_a_child_that_the_form_refuses_is_a_400_naming_the_field(area, api, change, field, message):
    response = api("caseworker").post(URL, {**VALID, **change})
    assert response.status_code == 400
    assert any(message in m for m in _messages(response, field)), response.json()
    assert not Child.objects.filter(legal_last_name="Patel").exists()


def test_a_missing_name_uses_the_forms_message(area, api):
    data = {k: v for k, v in VALID.items() if k != "legal_last_name"}
    response = api("caseworker").post(URL, data)
    assert _messages(response, "legal_last_name") == ["Enter the child's last name"]


@pytest.mark.parametrize(
    "field,message",
    [("upn", "already has this UPN"), ("nhs_number", "already has this NHS number")],
)
def test_a_second_record_with_the_same_identifier_is_refused(area, api, field, message):
    taken = {"upn": area.other_child.upn, "nhs_number": area.other_child.nhs_number}[field]
    response = api("caseworker").post(URL, {**VALID, field: taken})
    assert response.status_code == 400
    assert any(message in m for m in _messages(response, field))


@pytest.mark.parametrize("persona", ["panel", "senco", "administrator"])
def test_only_caseworkers_and_managers_add_children(area, api, persona):
    response = api(persona).post(URL, VALID)
    assert response.status_code == 403
    assert _messages(response, None) == ["You may not add children's records"]
    assert not Child.objects.filter(legal_last_name="Patel").exists()


def test_a_senco_reads_a_child_at_their_school_and_the_read_is_audited(area, api):
    response = api("senco").get(reverse("api:child_detail", args=[area.own_child.public_id]))
    assert response.status_code == 200
    assert response.json()["legal_first_name"] == "Amira"
    assert AuditEvent.objects.filter(
        action=Action.VIEW, child=area.own_child, actor=area.users["senco"]
    ).exists()


def test_a_child_someone_may_not_see_is_not_found_and_the_attempt_is_audited(area, api):
    response = api("ep").get(reverse("api:child_detail", args=[area.other_child.public_id]))
    assert response.status_code == 404
    assert _messages(response, None)
    assert AuditEvent.objects.filter(action=Action.DENIED, child=area.other_child).exists()
    assert not AuditEvent.objects.filter(action=Action.VIEW, child=area.other_child).exists()


def test_an_unknown_child_is_not_found(area, api):
    response = api("caseworker").get("/api/v1/children/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_a_body_that_is_not_json_is_a_400(area, api):
    response = api("caseworker").post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert _messages(response, None)


def _messages(response, field):
    from api.tests.helpers import messages

    return messages(response, field)
