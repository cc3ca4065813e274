"""Retention: records past date of birth + 25 + 6 years are listed for a manager to review and
deleted with everything held about the young person; the audit entry of the deletion keeps no
personal data."""

import json
import os
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from audit.models import AuditEvent
from casework import services
from casework.models import AssessmentCase, CaseDocument
from casework.tests.factories import open_case
from conftest import check_page
from core import dates
from messaging import services as messaging
from people import retention
from people.models import Child, ChildRelationship
from people.tests.factories import ChildFactory, ParentCarerFactory
from portal.tests.url_matrix_requests import as_request

pytestmark = pytest.mark.django_db
TODAY = dates.today()


@pytest.fixture
def old(area):
    """Yusuf, 32, with a case, a document, a message and a parent; Beth, 29, not yet due."""
    child = ChildFactory(
        legal_first_name="Yusuf", legal_last_name="Okafor", date_of_birth=date(TODAY.year - 32, 3, 4),
        sen_provision="E",
    )  # fmt: skip
    ChildRelationship.objects.create(child=child, parent_carer=ParentCarerFactory(), relationship="mother")
    case = open_case(child, received_on=date(2010, 6, 1))
    services.add_document(
        None, case, title="EP report", upload=ContentFile(b"%PDF-1.4 report", name="r.pdf"),
        content_type="application/pdf",
    )  # fmt: skip
    messaging.send_from_family(as_request(area.users["parent"]), child, "Please close the file")
    child.legal_first_name = "Yusuf"  # a change, so there is history beyond the first row
    child.save()
    ChildFactory(legal_first_name="Beth", legal_last_name="Young", date_of_birth=date(TODAY.year - 29, 1, 1))
    return child


def test_only_records_past_the_retention_date_are_listed(old, login, settings):
    page = login("manager").page(reverse("people:retention_list"))
    text = page.get_text()
    assert "Yusuf Okafor" in text and "Beth Young" not in text
    assert "Amira" not in text  # the test area's own child, aged 11
    assert f"{old.date_of_birth.replace(year=old.date_of_birth.year + 31):%-d %B %Y}" in text
    settings.RETENTION_EXTRA_YEARS = 2  # an area with a shorter schedule: 27 years
    assert "Beth Young" in login("manager").page(reverse("people:retention_list")).get_text()


def test_the_list_filters_by_provision_and_exports(old, login):
    ChildFactory(
        legal_first_name="Cara", legal_last_name="Lee", date_of_birth=date(1980, 1, 1), sen_provision="K"
    )
    manager = login("manager")
    text = manager.page(reverse("people:retention_list") + "?provision=K").get_text()
    assert "Cara Lee" in text and "Yusuf" not in text
    response = manager.get(reverse("people:retention_list"), {"format": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert "Okafor,Yusuf" in csv and "Lee,Cara" in csv and "Beth" not in csv
    assert AuditEvent.objects.filter(summary="Exported the retention review list as CSV").exists()


def test_deleting_takes_everything_held_and_the_audit_keeps_no_personal_data(
    old, login, django_capture_on_commit_callbacks
):
    document = CaseDocument.objects.get(case__child=old)
    stored = document.file.path
    public_id, pk = old.public_id, old.pk
    manager = login("manager")
    url = reverse("people:retention_delete", args=[public_id])
    check_page(manager.get(url))
    assert AuditEvent.objects.filter(child=old).exists()

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the deletion commits
        response = manager.post(url, {"confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == reverse("people:retention_list")
    assert not Child.objects.filter(pk=pk).exists()
    assert not AssessmentCase.objects.filter(child_id=pk).exists()
    assert not ChildRelationship.objects.filter(child_id=pk).exists()
    assert not Child.history.filter(id=pk).exists()
    assert not AuditEvent.objects.filter(child_id=pk).exists()
    assert not CaseDocument.objects.filter(pk=document.pk).exists()
    assert not os.path.exists(stored)
    assert Child.objects.filter(legal_first_name="Beth").exists()

    entry = AuditEvent.objects.get(detail__record=str(public_id))
    assert entry.actor.username == "manager" and entry.child is None
    as_text = json.dumps([entry.summary, entry.detail, entry.object_id, entry.path])
    for personal in ("Yusuf", "Okafor", old.nhs_number, old.upn, str(old.date_of_birth.year), "03/"):
        assert personal not in as_text, personal
    rows = entry.detail["rows"]
    assert rows["people.Child"] == 1 and rows["casework.AssessmentCase"] == 1
    assert rows["messaging.Message"] == 1 and rows["audit.AuditEvent"] >= 1


def test_nothing_is_deleted_without_the_confirmation(old, login):
    url = reverse("people:retention_delete", args=[old.public_id])
    response = login("manager").post(url, {})
    assert response.status_code == 200
    assert "Confirm that this record should be deleted" in check_page(response).get_text()
    assert Child.objects.filter(pk=old.pk).exists()


def test_a_record_not_yet_due_cannot_be_deleted(area, old, login):
    url = reverse("people:retention_delete", args=[area.own_child.public_id])
    assert login("manager").post(url, {"confirm": "yes"}).status_code == 404
    assert Child.objects.filter(pk=area.own_child.pk).exists()
    with pytest.raises(ValueError):
        retention.delete_record(None, area.own_child)
