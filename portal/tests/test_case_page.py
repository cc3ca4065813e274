"""'Where is my child's case?': what a family sees, that every date is the clock engine's, and that
nobody sees a case or document outside their verified relationship (and the refusal is audited)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AuditEvent
from casework import services
from casework.models import Stage
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from notifications.links import family_path
from people.models import ChildRelationship
from people.tests.factories import ChildFactory
from plans.tests.factories import draft_plan
from portal import case_status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# A day while the test cases are open, so steps are on track rather than overdue.
DURING = datetime(2026, 7, 1, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def _document(case, title="Decision letter.pdf"):
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    return services.add_document(None, case, title=title, upload=upload, content_type="application/pdf")


def _text(soup, element_id):
    return " ".join(soup.find(id=element_id).get_text(" ", strip=True).split())


def test_the_page_explains_the_stage_and_gives_the_clocks_dates(area, login, during):
    case = case_at(area.own_child, "assessing", caseworker=area.users["caseworker"])
    soup = login("parent").page(reverse("portal:case_detail", args=[case.public_id]))

    assert soup.h1.get_text(strip=True) == "Where is Amira's case?"
    assert "We are finding out about your child's needs" in _text(soup, "stage")
    line = services.case_timeline(case, date(2026, 7, 1))
    advice_due = line.step("advice:ep").due
    issue_due = line.step("decision_to_issue").due
    steps = _text(soup, "next-steps")
    assert f"We should get advice from the educational psychologist: by {advice_due:%-d %B %Y}" in steps
    assert f"We will tell you if your child will get an EHC plan: by {issue_due:%-d %B %Y}" in steps
    # Soonest first: the advice is due before the decision.
    assert steps.index("educational psychologist") < steps.index("EHC plan")
    assert str(area.users["caseworker"]) in soup.find(id="caseworker").find_next("p").get_text()
    assert (
        f"Not yet. It should arrive by {advice_due:%-d %B %Y}"
        in soup.find(id="advice").find_next("table").get_text()
    )


def test_advice_that_has_arrived_and_the_areas_documents_are_listed(area, login, during):
    case = case_at(area.own_child, "drafting")
    document = _document(case)
    soup = login("parent").page(reverse("portal:case_detail", args=[case.public_id]))
    advice = soup.find(id="advice").find_next("table").get_text(" ", strip=True)
    received = case.advice_requests.get().received_on
    assert f"Yes, on {received:%-d %B %Y}" in advice
    link = soup.find(id="document-list").find("a")
    assert link["href"] == reverse("portal:case_document", args=[case.public_id, document.public_id])
    assert link.get_text(strip=True) == "Decision letter.pdf"


def test_the_task_list_asks_for_comments_on_the_draft_by_the_clocks_date(area, login, during):
    case = case_at(area.own_child, "consulting", received_on=date(2026, 5, 20))
    soup = login("parent").page(reverse("portal:case_detail", args=[case.public_id]))
    due = services.case_timeline(case, date(2026, 7, 1)).step("family_response").due
    tasks = soup.find(id="task-list").find_all("li")
    draft = next(t for t in tasks if "draft plan" in t.get_text())
    assert "To do" in draft.get_text()
    assert f"Please do this by {due:%-d %B %Y}" in draft.get_text()
    section_a = next(t for t in tasks if "Tell us about your child" in t.get_text())
    assert section_a.find("a")["href"] == reverse("portal:section_a", args=[area.own_child.public_id])
    message = next(t for t in tasks if "Send a message" in t.get_text())
    assert message.find("a")["href"] == reverse("messaging:child_thread", args=[area.own_child.public_id])


def test_the_draft_task_links_to_the_draft_plan_page(area, login, during):
    plan = draft_plan(area.own_child).plan
    services.record_event(None, plan.case, K.DRAFT_SERVED, date(2026, 6, 30))
    status = case_status.status_of(plan.case, date(2026, 7, 1), plan=plan)
    (draft,) = [t for t in status.tasks if "draft plan" in t.text]
    assert (draft.status, draft.url) == ("to_do", reverse("portal:draft_plan", args=[plan.public_id]))


def test_the_draft_task_is_complete_once_the_family_has_responded(area, during):
    case = case_at(area.own_child, "consulting", received_on=date(2026, 5, 1))
    services.record_event(None, case, K.FAMILY_RESPONDED, date(2026, 6, 30))
    status = case_status.status_of(case, date(2026, 7, 1))
    (draft,) = [t for t in status.tasks if "draft plan" in t.text]
    assert draft.status == "done"


def test_before_a_draft_exists_the_family_cannot_start_that_task(area):
    case = case_at(area.own_child, "received")
    status = case_status.status_of(case, date(2026, 6, 2))
    (draft,) = [t for t in status.tasks if "draft plan" in t.text]
    assert (draft.status, draft.url) == ("cannot_start", None)


def test_every_stage_has_plain_words():
    assert set(case_status.STAGE_TEXT) == set(Stage)


def test_viewing_the_case_is_audited(area, login):
    case = case_at(area.own_child, "received")
    login("parent").page(reverse("portal:case_detail", args=[case.public_id]))
    event = AuditEvent.objects.filter(action=Action.VIEW, child=area.own_child).latest("pk")
    assert event.actor == area.users["parent"]


def test_another_familys_case_and_its_documents_are_not_found_and_the_attempt_is_audited(area, login):
    theirs = case_at(area.other_child, "received")
    document = _document(theirs)
    parent = login("parent")
    assert parent.get(reverse("portal:case_detail", args=[theirs.public_id])).status_code == 404
    url = reverse("portal:case_document", args=[theirs.public_id, document.public_id])
    assert parent.get(url).status_code == 404
    refusals = AuditEvent.objects.filter(
        action=Action.DENIED, child=area.other_child, actor=area.users["parent"]
    )
    assert refusals.count() == 2


def test_a_document_of_another_case_cannot_be_read_through_ones_own_case(area, login):
    mine = case_at(area.own_child, "received")
    theirs_document = _document(case_at(area.other_child, "received"))
    url = reverse("portal:case_document", args=[mine.public_id, theirs_document.public_id])
    assert login("parent").get(url).status_code == 404


def test_the_family_downloads_a_document_and_the_read_is_audited(area, login):
    case = case_at(area.own_child, "received")
    document = _document(case)
    response = login("parent").get(reverse("portal:case_document", args=[case.public_id, document.public_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="Decision letter.pdf"' in response["Content-Disposition"]
    read = AuditEvent.objects.filter(action=Action.VIEW, child=area.own_child).latest("pk")
    assert "Decision letter.pdf" in read.summary and read.actor == area.users["parent"]


def test_an_unverified_link_opens_nothing(area, login):
    case = case_at(area.own_child, "received")
    ChildRelationship.objects.filter(child=area.own_child).update(verified=False)
    parent = login("parent")
    assert parent.get(reverse("portal:case_detail", args=[case.public_id])).status_code == 404
    home = parent.page(reverse("portal:home"))
    assert "Amira" not in home.get_text()


def test_home_lists_each_child_with_their_case_and_what_to_do(area, login, during):
    case = case_at(area.own_child, "consulting", received_on=date(2026, 5, 1))
    soup = login("parent").page(reverse("portal:home"))
    card = soup.find(id="child-1")
    assert "Amira Hussain" in card.get_text()
    assert "The draft plan is ready for you to read" in card.get_text()
    assert "Read the draft plan and tell us what you think" in card.get_text()
    assert card.find("a", href=reverse("portal:case_detail", args=[case.public_id]))
    assert "Jacob" not in soup.get_text()


def test_home_does_not_query_per_child(area, login):
    parent = area.users["parent"].parent_carer
    case_at(area.own_child, "assessing")
    client = login("parent")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:home")).status_code == 200
        return len(captured)

    with_one = queries()
    for _ in range(3):
        child = ChildFactory(setting=area.school)
        ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother")
        case_at(child, "assessing")
    assert queries() == with_one


def test_a_young_person_sees_their_own_case(area, login):
    case = case_at(area.young_person_child, "received")
    client = login("young_person")
    home = client.page(reverse("portal:home"))
    assert home.h1.get_text(strip=True) == "Your plan and records"
    assert "Leo Young" in home.get_text()
    soup = client.page(reverse("portal:case_detail", args=[case.public_id]))
    # Written to the young person about themselves, not to a parent about "your child".
    assert soup.h1.get_text(strip=True) == "Where is my case?"
    assert "find out more about your needs" in _text(soup, "stage")
    assert "your child" not in soup.find("main").get_text().lower()
    mine = case_at(area.own_child, "received")
    assert client.get(reverse("portal:case_detail", args=[mine.public_id])).status_code == 404


def test_family_messages_link_to_the_portal_case_page(area):
    case = case_at(area.own_child, "received")
    assert family_path(case) == reverse("portal:case_detail", args=[case.public_id])


def test_a_late_step_of_the_familys_own_says_so_without_blaming_anyone_else(area, login):
    case = case_at(area.own_child, "consulting", received_on=date(2026, 5, 1))
    due = services.case_timeline(case, date(2026, 9, 1)).step("family_response").due
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        soup = login("parent").page(reverse("portal:case_detail", args=[case.public_id]))
    steps = _text(soup, "next-steps")
    assert f"the last day was {due:%-d %B %Y}. If you still want to comment, contact your caseworker" in steps
    draft = next(t for t in soup.find(id="task-list").find_all("li") if "draft plan" in t.get_text())
    assert f"The last day was {due:%-d %B %Y}" in draft.get_text()


def test_a_document_staff_keep_from_the_family_is_neither_listed_nor_served(area, login):
    case = case_at(area.own_child, "received")
    shared = _document(case, "Decision letter.pdf")
    kept = _document(case, "Report naming another child.pdf")
    kept.withheld_from_family = True
    kept.save()
    parent = login("parent")
    page = parent.page(reverse("portal:case_detail", args=[case.public_id]))
    assert "Decision letter.pdf" in page.get_text()
    assert "Report naming another child" not in page.get_text()

    def status(document):
        url = reverse("portal:case_document", args=[case.public_id, document.public_id])
        return parent.get(url).status_code

    assert (status(kept), status(shared)) == (404, 200)
    # The caseworker still has it, marked.
    file = login("caseworker").page(reverse("casework:case_detail", args=[case.public_id]))
    assert "Kept from the family" in file.get_text()


def test_the_caseworker_can_keep_an_upload_from_the_family(area, login):
    case = case_at(area.own_child, "received")
    caseworker = login("caseworker")
    url = reverse("casework:document_create", args=[case.public_id])
    token = caseworker.page(url).find("input", {"name": "form_token"})["value"]
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    form = {"file": upload, "title": "", "withheld_from_family": "on", "form_token": token}
    response = caseworker.post(url, form)
    assert response.status_code == 302
    assert case.documents.get().withheld_from_family is True
