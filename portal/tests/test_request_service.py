"""Sending an online request: the case it opens, a child not yet known, warnings for the
caseworker, the acknowledgement, and sending exactly once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from casework.access import cases_visible_to
from casework.models import AssessmentCase, CaseNote, RequestSource
from casework.tests.factories import open_case
from clock import dates
from notifications.models import MessageType, Notification
from people.models import Child, ChildRelationship
from people.tests.factories import ChildFactory
from portal import request_wizard as wizard
from portal.tests.url_matrix_requests import add_pdf, answered_draft, as_request

pytestmark = pytest.mark.django_db


def test_a_request_for_a_child_not_yet_linked_makes_a_record_and_an_unchecked_link(
    area, login, django_capture_on_commit_callbacks
):
    parent = area.users["parent"]
    draft = answered_draft(parent)  # Noor Hussain, not known to the area
    with django_capture_on_commit_callbacks(execute=True):
        case = wizard.send(as_request(parent), draft)

    child = case.child
    assert (child.legal_first_name, child.legal_last_name, child.date_of_birth) == (
        "Noor",
        "Hussain",
        date(2016, 5, 4),
    )
    assert child.setting == area.school  # the school named matches one the area knows
    link = ChildRelationship.objects.get(child=child)
    assert link.parent_carer.user == parent and link.verified is False and link.relationship == "mother"
    # Until a caseworker checks the link, the parent cannot see the case...
    assert not cases_visible_to(parent).filter(pk=case.pk).exists()
    assert login("parent").get(reverse("portal:case_detail", args=[case.public_id])).status_code == 404
    # ...and the confirmation page says so plainly.
    page = login("parent").page(reverse("portal:request_sent", args=[draft.public_id]))
    assert "We need to check that you are the child's parent or carer" in page.get_text()
    assert not page.find("a", href=reverse("portal:case_detail", args=[case.public_id]))
    # The caseworker is told to check the link.
    note = CaseNote.objects.get(case=case)
    assert "has not been checked yet" in note.text
    # The parent still hears that the request arrived, with a link to a page they can open.
    told = Notification.objects.get(case=case, message_type=MessageType.REQUEST_RECEIVED)
    assert told.parent_carer == link.parent_carer
    assert told.link == reverse("portal:request_sent", args=[draft.public_id])
    assert "Noor" not in told.subject and "Noor" not in told.body


def test_caseworkers_are_warned_of_a_record_that_may_be_the_same_child(area):
    ChildFactory(legal_first_name="Noor", legal_last_name="Hussain", date_of_birth=date(2016, 5, 4))
    draft = answered_draft(area.users["parent"])
    case = wizard.send(as_request(area.users["parent"]), draft)
    note = CaseNote.objects.get(case=case).text
    assert "Possible duplicate record: Noor Hussain, born 4 May 2016." in note
    assert Child.objects.filter(legal_first_name="Noor").count() == 2


def test_a_request_for_a_child_with_an_open_case_joins_it(area):
    # Issue 19: one open request a child; the caseworker sees both on the one case.
    earlier = open_case(area.own_child, received_on=dates.today() - timedelta(days=3))
    draft = answered_draft(area.users["parent"], area.own_child)
    case = wizard.send(as_request(area.users["parent"]), draft)
    assert case == earlier and AssessmentCase.objects.count() == 1
    draft.refresh_from_db()
    assert draft.case == earlier
    assert case.later_requests.get().source == RequestSource.PARENT
    notes = " ".join(CaseNote.objects.filter(case=case).values_list("text", flat=True))
    assert "Another request for this child was received" in notes
    assert "already has an EHC plan. This may be a request to reassess." in notes


def test_no_note_when_there_is_nothing_to_check(area):
    Child.objects.filter(pk=area.own_child.pk).update(sen_provision="K")  # SEN support, no plan yet
    draft = answered_draft(area.users["parent"], area.own_child)
    case = wizard.send(as_request(area.users["parent"]), draft)
    assert not CaseNote.objects.filter(case=case).exists()


def test_sending_twice_opens_one_case(area):
    parent = area.users["parent"]
    draft = answered_draft(parent, area.own_child)
    add_pdf(draft)
    first = wizard.send(as_request(parent), draft)
    second = wizard.send(as_request(parent), draft)
    assert first == second
    assert AssessmentCase.objects.count() == 1 and first.documents.count() == 1


def test_a_request_with_a_question_unanswered_cannot_be_sent(area):
    draft = answered_draft(area.users["parent"], area.own_child, why_now="")
    with pytest.raises(wizard.NotReady):
        wizard.send(as_request(area.users["parent"]), draft)
    assert AssessmentCase.objects.count() == 0
    draft.refresh_from_db()
    assert not draft.is_sent


def test_the_check_page_sends_nothing_while_a_question_is_unanswered(area, login):
    draft = answered_draft(area.users["parent"], area.own_child, consent_given=None)
    client = login("parent")
    page = client.page(reverse("portal:request_check", args=[draft.public_id]))
    assert "Some questions are not answered yet." in page.get_text()
    assert page.find("a", string="Answer them now")["href"].startswith(
        reverse("portal:request_step", args=[draft.public_id, "consent"])
    )
    client.post(reverse("portal:request_check", args=[draft.public_id]), {"declaration": "on"})
    assert AssessmentCase.objects.count() == 0


def test_the_declaration_must_be_ticked(area, login):
    draft = answered_draft(area.users["parent"], area.own_child)
    response = login("parent").post(reverse("portal:request_check", args=[draft.public_id]), {})
    assert response.status_code == 200
    assert "Confirm that the information you have given is true" in response.content.decode()
    assert AssessmentCase.objects.count() == 0


def test_a_young_person_asks_for_themselves(area, login):
    young = area.users["young_person"]
    client = login("young_person")
    client.post(reverse("portal:request_start"))
    draft = wizard.saved_drafts(young)[0]
    page = client.page(reverse("portal:request_step", args=[draft.public_id, "child"]))
    assert "Leo Young" in page.select_one(".govuk-radios").get_text()
    draft = answered_draft(young, area.young_person_child)
    case = wizard.send(as_request(young), draft)
    assert case.source == RequestSource.PARENT and case.requester_name == f"{young} (the young person)"
    assert cases_visible_to(young).filter(pk=case.pk).exists()


def test_a_young_person_not_listed_is_not_asked_how_they_are_related(area, login):
    young = area.users["young_person"]
    draft = answered_draft(young, None)
    page = login("young_person").page(reverse("portal:request_step", args=[draft.public_id, "child-details"]))
    assert not page.find("input", attrs={"name": "relationship"})
    case = wizard.send(as_request(young), draft)
    assert not ChildRelationship.objects.filter(child=case.child).exists()
    assert case.child.own_account is None  # linked only once the area has checked
    assert "young person's account is not linked" in CaseNote.objects.get(case=case).text


def test_about_the_child_page_checks_the_date_of_birth(area, login):
    draft = answered_draft(area.users["parent"], None, child_date_of_birth=None)
    url = reverse("portal:request_step", args=[draft.public_id, "child-details"])
    response = login("parent").post(
        url,
        {
            "first_name": "Noor",
            "last_name": "Hussain",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2016",
            "relationship": "mother",
        },
    )
    assert response.status_code == 200
    assert "Date of birth must be a real date" in response.content.decode()
    draft.refresh_from_db()
    assert draft.child_date_of_birth is None



def test_a_second_tab_opened_before_the_first_send_opens_no_second_case(area):
    """Two tabs hold the same request as it was before either sent it: the second send re-reads
    the locked row, finds it sent, and returns the first case."""
    parent = area.users["parent"]
    draft = answered_draft(parent, area.own_child)
    first_tab = wizard.AssessmentRequestDraft.objects.get(pk=draft.pk)
    second_tab = wizard.AssessmentRequestDraft.objects.get(pk=draft.pk)
    case = wizard.send(as_request(parent), first_tab)
    assert not second_tab.is_sent  # stale, as the second tab's page was
    assert wizard.send(as_request(parent), second_tab) == case
    assert AssessmentCase.objects.count() == 1
