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
from clock import dates
from conftest import check_page
from core.tests.list_export_helpers import csv_lines, export_job, exported
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
    job = export_job(manager, reverse("people:retention_list") + "?format=csv")
    csv = "\n".join(csv_lines(manager.get(reverse("jobs:download", args=[job.public_id]))))
    assert "Okafor,Yusuf" in csv and "Lee,Cara" in csv and "Beth" not in csv
    # On the job queue (issue 22): the provision filter applies; the file is its owner's alone.
    only_k = exported(manager, reverse("people:retention_list") + "?provision=K&format=csv")
    only_k = "\n".join(csv_lines(only_k))
    assert "Lee,Cara" in only_k and "Yusuf" not in only_k
    assert login("caseworker").get(reverse("jobs:download", args=[job.public_id])).status_code == 404
    assert AuditEvent.objects.filter(summary="Exported the retention review list as CSV").exists()
    bad = manager.page(reverse("people:retention_list") + "?provision=nonsense")
    assert bad.select_one(".govuk-error-summary a[href='#provision']") and "Yusuf" not in bad.get_text()


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

    response = manager.post(url, {"confirm": "yes"})  # the first manager proposes ...
    assert response.status_code == 302 and Child.objects.filter(pk=pk).exists()
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the deletion commits
        response = second_manager(login).post(url, {"confirm": "yes"})  # ... a second approves
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
    assert entry.actor.username == "manager2" and entry.child is None
    assert entry.detail["proposed_by"] == "manager" and entry.detail["approved_by"] == "manager2"
    as_text = json.dumps([entry.summary, entry.detail, entry.object_id, entry.path])
    for personal in ("Yusuf", "Okafor", old.nhs_number, old.upn, str(old.date_of_birth.year), "03/"):
        assert personal not in as_text, personal
    # The child's entries (reads included) are replaced by this one summary, which counts them.
    assert entry.detail["audit_entries_replaced"]["view"] >= 1
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


def second_manager(login):
    from accounts.roles import Role
    from conftest import _signed_in_client
    from people.tests.factories import UserFactory

    return _signed_in_client(UserFactory(username="manager2", role=Role.MANAGER))


def test_one_manager_alone_cannot_delete_a_record(old, login):
    url = reverse("people:retention_delete", args=[old.public_id])
    manager = login("manager")
    assert manager.post(url, {"confirm": "yes"}).status_code == 302
    assert retention.open_proposal(old).proposed_by.username == "manager"
    page = check_page(manager.post(url, {"confirm": "yes"}))  # proposing twice is not approving
    assert "Another manager must approve" in page.get_text()
    assert Child.objects.filter(pk=old.pk).exists()
    request = type("Request", (), {"user": old.retention_proposal.proposed_by, "path": "/"})()
    with pytest.raises(retention.NeedsSecondManager):
        retention.delete_record(request, old)
    assert Child.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(child=old, summary__startswith="Proposed deleting").exists()


def test_a_second_manager_sees_the_proposal_and_the_proposer_may_withdraw_it(old, login):
    url = reverse("people:retention_delete", args=[old.public_id])
    login("manager").post(url, {"confirm": "yes"})
    other = second_manager(login)
    text = other.page(url).get_text()
    assert "Approve deleting this record?" in text and "Deletion proposed by" in text
    assert login("manager").post(url, {"withdraw": "yes"}).status_code == 302
    assert retention.open_proposal(old) is None
    assert other.post(url, {"confirm": "yes"}).status_code == 302  # now only a new proposal
    assert Child.objects.filter(pk=old.pk).exists()
    assert retention.open_proposal(old).proposed_by.username == "manager2"


def test_a_proposal_lapses_when_the_date_of_birth_changes(old, login):
    url = reverse("people:retention_delete", args=[old.public_id])
    login("manager").post(url, {"confirm": "yes"})
    old.date_of_birth = date(TODAY.year - 33, 3, 4)  # corrected, still past retention
    old.save()
    assert second_manager(login).post(url, {"confirm": "yes"}).status_code == 302
    assert Child.objects.filter(pk=old.pk).exists()  # the second click only proposed afresh
    assert retention.open_proposal(old).date_of_birth_seen == old.date_of_birth


def test_a_date_of_birth_change_that_puts_a_record_past_retention_holds_it_instead(area, login):
    """Issue 20 item 6: edit the date of birth to 1990, then delete the record and its audit trail."""
    child = area.own_child
    child.date_of_birth = date(1990, 1, 2)  # accepted by the validator, but 36 years ago
    child.save()
    assert retention.due_for_review().filter(pk=child.pk).exists()
    until = retention.held_until(child)
    assert until and until > TODAY
    url = reverse("people:retention_delete", args=[child.public_id])
    response = login("manager").post(url, {"confirm": "yes"})
    assert "held for review until" in check_page(response).get_text()
    assert retention.open_proposal(child) is None
    assert Child.objects.filter(pk=child.pk).exists()
    assert AuditEvent.objects.filter(child=child).exists()


def test_a_record_past_retention_on_its_first_date_of_birth_is_not_held(old):
    assert retention.held_until(old) is None
    old.date_of_birth = date(TODAY.year - 33, 3, 4)  # corrected, but it was already past retention
    old.save()
    assert retention.held_until(old) is None
