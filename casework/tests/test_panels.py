from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from casework.models import CaseDocument, PanelDecision, PanelItem, PanelMeeting, PanelQuestion, Stage
from casework.tests.factories import case_at, open_case
from casework.tests.url_matrix_panels import MATRIX
from clock import dates
from clock.case_events import EventKind as K
from conftest import PERSONA_ROLES
from core.idempotency import new_token
from notifications.models import MessageType, Notification

pytestmark = pytest.mark.django_db

MET_ON = date(2026, 7, 1)


def meeting_on(day=MET_ON, title="EHC multi-agency panel"):
    return PanelMeeting.objects.create(meets_on=day, title=title)


def decide(client, item, decision, reasons="The panel's reasons."):
    url = reverse("casework:panel_item_decision", args=[item.meeting.public_id, item.pk])
    return client.post(url, {"decision": decision, "reasons": reasons})


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_only_the_panel_pages_it_may(name, area, login, client):
    build, allowed, refused = MATRIX[name]
    url = reverse(name, args=build(area) if build else [])
    for persona in sorted(PERSONA_ROLES):
        if allowed == "post-only":
            assert login(persona).get(url).status_code == 405
        elif persona in allowed:
            login(persona).page(url)
        else:
            assert login(persona).get(url).status_code == refused, (persona, url)
    anonymous = client.get(url)
    assert anonymous.status_code == (405 if allowed == "post-only" else 302)


def test_a_caseworker_schedules_a_meeting_once_however_often_the_form_is_sent(area, login):
    caseworker = login("caseworker")
    soup = caseworker.page(reverse("casework:panel_create"))
    assert soup.find("label", string=str(area.users["panel"]))
    day = dates.today() + timedelta(days=14)
    form = {
        "form_token": new_token(),
        "meets_on_day": day.day,
        "meets_on_month": day.month,
        "meets_on_year": day.year,
        "title": "Primary panel",
        "members": [area.users["panel"].pk],
    }
    first = caseworker.post(reverse("casework:panel_create"), form)
    second = caseworker.post(reverse("casework:panel_create"), form)
    meeting = PanelMeeting.objects.get()
    assert (
        first["Location"] == second["Location"] == reverse("casework:panel_detail", args=[meeting.public_id])
    )
    assert (meeting.meets_on, meeting.title, list(meeting.members.all())) == (
        day,
        "Primary panel",
        [area.users["panel"]],
    )


def test_a_meeting_needs_a_real_date(login):
    response = login("manager").post(
        reverse("casework:panel_create"),
        {
            "form_token": new_token(),
            "meets_on_day": "31",
            "meets_on_month": "2",
            "meets_on_year": "2026",
            "title": "x",
        },
    )
    assert "Date of the meeting must be a real date" in response.content.decode()
    assert not PanelMeeting.objects.exists()


def test_panel_members_cannot_schedule_and_caseworkers_cannot_decide(area, login):
    item = PanelItem.objects.create(meeting=meeting_on(), case=open_case(area.own_child), question="assess")
    assert login("panel").post(reverse("casework:panel_create"), {"title": "x"}).status_code == 403
    assert decide(login("caseworker"), item, "agreed").status_code == 403
    item.refresh_from_db()
    assert item.decision == ""


def test_upcoming_meetings_come_first_soonest_first(login):
    today = dates.today()
    for days, title in ((-30, "Last month"), (21, "In three weeks"), (7, "Next week")):
        meeting_on(today + timedelta(days=days), title)
    soup = login("panel").page(reverse("casework:panel_list"))
    titles = [a.get_text(strip=True) for a in soup.select("table a")]
    assert titles == ["Next week", "In three weeks", "Last month"]


def test_a_case_is_added_to_the_agenda_by_its_reference(area, login):
    meeting = meeting_on()
    case = open_case(area.own_child)
    url = reverse("casework:panel_item_create", args=[meeting.public_id])
    manager = login("manager")
    response = manager.post(
        url, {"form_token": new_token(), "reference": case.reference.lower(), "question": "assess"}
    )
    assert response.status_code == 302
    item = PanelItem.objects.get()
    assert (item.case, item.question, item.decision) == (case, PanelQuestion.ASSESS, "")
    again = manager.post(url, {"form_token": new_token(), "reference": case.reference, "question": "assess"})
    assert "is already on this agenda for that question" in again.content.decode()
    missing = manager.post(url, {"form_token": new_token(), "reference": "EHC-999999", "question": "assess"})
    assert "There is no case with the reference EHC-999999" in missing.content.decode()
    soup = manager.page(reverse("casework:panel_detail", args=[meeting.public_id]))
    assert case.reference in soup.select_one("table").get_text()


def test_a_closed_case_cannot_go_to_panel(area, login):
    case = case_at(area.own_child, "withdrawn")
    url = reverse("casework:panel_item_create", args=[meeting_on().public_id])
    response = login("caseworker").post(
        url, {"form_token": new_token(), "reference": case.reference, "question": "assess"}
    )
    assert "is closed (withdrawn), so it cannot go to panel" in response.content.decode()
    assert not PanelItem.objects.exists()


def test_agreeing_to_assess_records_the_decision_makes_the_letter_and_tells_the_family(
    area, login, django_capture_on_commit_callbacks
):
    case = open_case(area.own_child, date(2026, 6, 1), caseworker=area.users["caseworker"])
    item = PanelItem.objects.create(meeting=meeting_on(), case=case, question=PanelQuestion.ASSESS)
    panel = login("panel")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(panel, item, PanelDecision.AGREED, "Evidence of needs beyond SEN support.")
    assert response.status_code == 302
    case.refresh_from_db()
    event = case.events.get(kind=K.DECIDED_TO_ASSESS)
    assert (event.on, event.recorded_by, case.stage) == (MET_ON, area.users["panel"], Stage.ASSESSING)
    letter = CaseDocument.objects.get(case=case)
    assert letter.title == "Decision letter: decided to assess (1 July 2026)"
    note = Notification.objects.get()
    assert (note.message_type, note.document, note.parent_carer.user) == (
        MessageType.DECIDED_TO_ASSESS,
        letter,
        area.users["parent"],
    )
    assert "Read the decision letter" in mail.outbox[0].body
    item.refresh_from_db()
    assert (item.decision, item.reasons) == ("agreed", "Evidence of needs beyond SEN support.")
    soup = panel.page(reverse("casework:panel_detail", args=[item.meeting.public_id]))
    assert (
        "Decision recorded" in soup.get_text()
        and "Record decision" not in soup.select_one("table").get_text()
    )


def test_declining_to_issue_records_a_decision_not_to_issue(area, login):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 5, 1))
    item = PanelItem.objects.create(meeting=meeting_on(), case=case, question=PanelQuestion.ISSUE)
    assert decide(login("manager"), item, PanelDecision.DECLINED).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.NOT_ISSUED
    assert case.events.get(kind=K.DECIDED_NOT_TO_ISSUE).on == MET_ON
    assert CaseDocument.objects.get().title.startswith("Decision letter: decided not to issue")


def test_a_decision_out_of_order_is_shown_in_the_error_summary_and_nothing_is_saved(area, login):
    case = open_case(area.own_child, date(2026, 6, 1))
    item = PanelItem.objects.create(meeting=meeting_on(), case=case, question=PanelQuestion.ISSUE)
    response = decide(login("panel"), item, PanelDecision.AGREED)
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one(".govuk-error-summary")
    assert "A decision to issue a plan needs a decision to assess first" in summary.get_text()
    item.refresh_from_db()
    assert item.decision == ""
    assert list(case.events.values_list("kind", flat=True)) == [K.REQUEST_RECEIVED]
    assert not CaseDocument.objects.exists() and not Notification.objects.exists()


def test_decisions_wait_for_the_day_of_the_meeting(area, login):
    later = dates.today() + timedelta(days=3)
    item = PanelItem.objects.create(
        meeting=meeting_on(later), case=open_case(area.own_child), question="assess"
    )
    response = decide(login("panel"), item, PanelDecision.AGREED)
    assert (
        f"Decisions can be recorded from the day of the meeting, {later:%-d %B %Y}"
        in response.content.decode()
    )


def test_a_deferred_item_can_be_decided_later_but_a_final_decision_cannot_be_changed(area, login):
    case = open_case(area.own_child, date(2026, 6, 1))
    item = PanelItem.objects.create(meeting=meeting_on(), case=case, question=PanelQuestion.ASSESS)
    panel = login("panel")
    assert decide(panel, item, PanelDecision.DEFERRED, "We need the school's report.").status_code == 302
    assert case.events.count() == 1 and not CaseDocument.objects.exists()
    assert decide(panel, item, PanelDecision.DECLINED).status_code == 302
    response = decide(panel, item, PanelDecision.AGREED)
    assert "already been recorded" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.NOT_ASSESSED


def test_a_provision_decision_records_no_case_event(area, login):
    case = case_at(area.own_child, "drafting", received_on=date(2026, 4, 1))
    item = PanelItem.objects.create(meeting=meeting_on(), case=case, question=PanelQuestion.PROVISION)
    before = case.events.count()
    assert (
        decide(login("manager"), item, PanelDecision.AGREED, "Agreed a specialist place.").status_code == 302
    )
    assert case.events.count() == before and not CaseDocument.objects.exists()


def test_panel_members_record_who_attended(area, login):
    meeting = meeting_on()
    meeting.members.add(area.users["panel"], area.users["manager"])
    url = reverse("casework:panel_attendance", args=[meeting.public_id])
    panel = login("panel")
    panel.page(url)
    assert panel.post(url, {"attended": [area.users["panel"].pk]}).status_code == 302
    assert list(meeting.attended.all()) == [area.users["panel"]]
    assert login("caseworker").post(url, {"attended": [area.users["manager"].pk]}).status_code == 403
    assert list(meeting.attended.all()) == [area.users["panel"]]


def test_the_decision_is_recorded_in_the_request_and_its_letter_made_on_the_job_queue(
    area, login, settings, django_capture_on_commit_callbacks
):
    """With jobs waiting for the worker (as in production): the POST records the decision and
    queues the letter; the family hears nothing until the letter is made, then once, with it."""
    from casework.letters import DECISION_LETTER_JOB
    from jobs import services as jobs
    from jobs.models import Job, Status

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    case = open_case(area.own_child, date(2026, 6, 1), caseworker=area.users["caseworker"])
    item = PanelItem.objects.create(meeting=meeting_on(), case=case, question=PanelQuestion.ASSESS)
    panel = login("panel")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(panel, item, PanelDecision.AGREED, "Evidence of needs beyond SEN support.")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.ASSESSING and case.events.filter(kind=K.DECIDED_TO_ASSESS).exists()
    job = Job.objects.get(kind=DECISION_LETTER_JOB)
    assert job.status == Status.QUEUED and job.owner == area.users["panel"]
    assert not CaseDocument.objects.exists(), "no letter rendered in the request"
    assert not Notification.objects.exists() and not mail.outbox, "the family waits for the letter"
    meeting_page = panel.page(reverse("casework:panel_detail", args=[item.meeting.public_id]))
    assert "The decision letter is being made" in meeting_page.get_text()

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.execute(str(job.public_id)) == Status.SUCCEEDED  # the worker
    letter = CaseDocument.objects.get(case=case)
    assert letter.title == "Decision letter: decided to assess (1 July 2026)"
    assert letter.created_by == area.users["panel"]
    note = Notification.objects.get()
    assert (note.message_type, note.document) == (MessageType.DECIDED_TO_ASSESS, letter)
    assert len(mail.outbox) == 1 and "Read the decision letter" in mail.outbox[0].body

    # A run restarted after its worker stopped finds the letter made and sends nothing twice.
    Job.objects.filter(pk=job.pk).update(status=Status.QUEUED)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.execute(str(job.public_id)) == Status.SUCCEEDED
    assert CaseDocument.objects.count() == 1 and Notification.objects.count() == 1
