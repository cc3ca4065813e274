"""The case pages as caseworkers and managers use them: recording a request, the case page, every
stage action, refusals (out of order, stale, bad dates), double submits, uploads and access."""

import io
import uuid
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action, AuditEvent
from casework import services
from casework.models import AdviceChase, AssessmentCase, CaseDocument, CaseNote, Stage
from casework.tests.factories import case_at, open_case
from casework.views.actions import ACTIONS_BY_SLUG
from clock.case_events import EventKind as K
from conftest import check_page
from plans import services as plan_services

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 1)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


def docx_bytes(with_document=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if with_document else "other.xml", "<w:document/>")
    return buffer.getvalue()


def case_url(case, name="casework:case_detail", *more):
    return reverse(name, args=[case.public_id, *more])


def action_url(case, slug):
    return case_url(case, "casework:case_action", slug)


def dated(on=TODAY, prefix="on"):
    return {f"{prefix}_day": on.day, f"{prefix}_month": on.month, f"{prefix}_year": on.year}


def stage_form(case, on=TODAY, token=None, **extra):
    case.refresh_from_db()
    data = {**dated(on), "note": "", "version": case.version, "form_token": token or str(uuid.uuid4())}
    return {**data, **extra}


def error_texts(soup):
    summary = soup.select_one(".govuk-error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def kinds(case):
    return list(case.events.values_list("kind", flat=True))


# Recording a request -------------------------------------------------------------------------


def request_form(**changes):
    data = {
        "source": "1",
        "requester_name": "Sara Hussain (mother)",
        **dated(date(2026, 8, 20), "received_on"),
        "reasons": "Not making progress despite SEN support",
        "consent_given": "on",
        "form_token": str(uuid.uuid4()),
    }
    return {**data, **changes}


def test_a_caseworker_finds_the_child_then_records_a_request(area, login):
    area.own_child.sen_provision = "K"
    area.own_child.save()
    client = login("caseworker")
    new = reverse("casework:request_create")
    response = client.post(new, {"q": "amira"})
    assert "amira" not in response["Location"].lower(), "search words must not appear in the URL"
    soup = client.page(response["Location"])
    link = soup.select_one("#children a")
    assert "Hussain, Amira" in link.get_text()
    form_page = client.page(link["href"])
    assert not form_page.select(".govuk-warning-text")
    response = client.post(link["href"], request_form())
    case = AssessmentCase.objects.get(child=area.own_child)
    assert response["Location"] == case_url(case)
    assert (case.caseworker, case.received_on, case.consent_given) == (
        area.users["caseworker"],
        date(2026, 8, 20),
        True,
    )
    text = client.page(case_url(case)).get_text(" ", strip=True)
    assert case.reference in text and "Decide whether to assess" in text


def test_a_child_with_a_plan_or_an_open_case_needs_a_confirmation(area, login):
    client = login("manager")
    url = reverse("casework:request_create") + f"?child={area.own_child.public_id}"
    warning = client.page(url).select_one(".govuk-warning-text").get_text(" ", strip=True)
    assert "already has an EHC plan" in warning
    soup = check_page(client.post(url, request_form()))
    assert "Confirm that you want to record a new request" in error_texts(soup)
    assert soup.select_one("#id_confirm_new_request-error")
    assert not AssessmentCase.objects.exists()
    assert client.post(url, request_form(confirm_new_request="on")).status_code == 302
    warnings = [w.get_text(" ", strip=True) for w in client.page(url).select(".govuk-warning-text")]
    assert any("already has an open request" in w for w in warnings)


def test_a_double_submitted_request_makes_one_case(area, login):
    client = login("caseworker")
    url = reverse("casework:request_create") + f"?child={area.own_child.public_id}"
    data = request_form(confirm_new_request="on")
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert AssessmentCase.objects.count() == 1


@pytest.mark.parametrize(
    "received,message",
    [
        (date(2026, 9, 2), "Date the request was received must be today or in the past"),
        (None, "Enter the date the request was received"),
    ],
)
def test_a_bad_request_date_is_explained_beside_the_field_and_in_the_summary(area, login, received, message):
    client = login("caseworker")
    url = reverse("casework:request_create") + f"?child={area.own_child.public_id}"
    data = request_form(confirm_new_request="on")
    data.update(
        dated(received, "received_on")
        if received
        else {f"received_on_{p}": "" for p in ("day", "month", "year")}
    )
    soup = check_page(client.post(url, data))
    assert message in error_texts(soup)
    assert message in soup.select_one("#id_received_on-error").get_text()
    assert not AssessmentCase.objects.exists()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_documents_sent_with_a_request_are_kept_under_a_random_name(area, login):
    client = login("caseworker")
    url = reverse("casework:request_create") + f"?child={area.own_child.public_id}"
    files = [upload("Amira report.pdf", PDF), upload("letter.docx", docx_bytes(), "application/octet-stream")]
    client.post(url, {**request_form(confirm_new_request="on"), "documents": files})
    documents = {d.title: d for d in CaseDocument.objects.all()}
    assert documents["Amira report.pdf"].content_type == "application/pdf"
    assert documents["letter.docx"].content_type.endswith("wordprocessingml.document")
    assert "Amira" not in documents["Amira report.pdf"].file.name


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("notes.pdf", b"just some text, not a PDF", "notes.pdf must be a PDF, Word (DOCX), PNG or JPEG file"),
        ("archive.docx", docx_bytes(with_document=False), "archive.docx must be a PDF"),
        ("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "big.pdf must be smaller than 10MB"),
    ],
)
def test_an_upload_is_checked_by_what_it_is_not_its_name(area, login, name, content, message):
    client = login("caseworker")
    case = open_case(area.own_child)
    soup = check_page(
        client.post(case_url(case, "casework:document_create"), {"file": upload(name, content)})
    )
    assert message in error_texts(soup)
    assert not CaseDocument.objects.exists()


def test_a_document_is_added_and_downloaded_by_staff_only_and_every_read_is_audited(area, login):
    case = open_case(area.own_child)
    client = login("caseworker")
    client.post(case_url(case, "casework:document_create"), {"file": upload("scan.png", PNG, "image/png")})
    document = CaseDocument.objects.get()
    url = case_url(case, "casework:document_download", document.public_id)
    response = login("panel").get(url)
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action=Action.VIEW, actor=area.users["panel"], child=case.child).exists()
    assert login("parent").get(url).status_code == 404
    assert AuditEvent.objects.filter(
        action=Action.DENIED, actor=area.users["parent"], child=case.child
    ).exists()


# The case page -------------------------------------------------------------------------------


def test_the_case_page_shows_every_clock_the_history_and_the_advice_and_is_audited(area, login):
    case = case_at(area.own_child, "assessing", received_on=date(2026, 7, 20), ep=area.users["ep"])
    soup = login("caseworker").page(case_url(case))
    rows = {r.th.get_text(strip=True): r for r in soup.select("#clocks tbody tr")}
    assert rows["Decide whether to assess"].select_one(".govuk-tag").get_text(strip=True) == "Met"
    advice = rows["Advice: Educational psychologist"]
    assert "govuk-tag--blue" in advice.select_one(".govuk-tag")["class"]  # asked 3 Aug, due 14 Sep
    assert "SEND Regulations 2014 reg 8(1)" in advice.get_text()
    assert "Advice: Educational psychologist by 14 September 2026" in soup.select_one(
        "#next-deadline"
    ).get_text(" ", strip=True)
    history = [h.get_text(strip=True) for h in soup.select("#timeline h3")]
    assert history == [
        "Advice requested: Educational psychologist",
        "Decided to assess",
        "Request for an EHC needs assessment received",
    ]
    assert str(area.users["ep"]) in soup.select_one("#advice-requests").get_text()
    assert AuditEvent.objects.filter(
        action=Action.VIEW, child=area.own_child, object_id=str(case.public_id)
    ).exists()


def buttons(soup):
    return [a.get_text(strip=True) for a in soup.select("#actions a")]


def test_only_the_actions_that_fit_now_are_offered_and_only_to_those_who_may_act(area, login):
    case = open_case(area.own_child)
    assert buttons(login("caseworker").page(case_url(case))) == [
        "Decide whether to assess",
        "Record that the request was withdrawn",
    ]
    consulting = case_at(area.other_child, "consulting")
    assert buttons(login("manager").page(case_url(consulting))) == [
        "Record the family's response",
        "Consult a school or setting",
        "Issue the final plan",
        "Record that the request was withdrawn",
    ]
    panel = login("panel").page(case_url(case))
    assert not panel.select("#actions") and not panel.select("a[href$='/notes/new/']")


@pytest.mark.parametrize("persona", ["parent", "ep", "senco", "dco", "young_person", "auditor"])
def test_people_outside_the_team_are_told_the_case_page_is_not_found_and_it_is_audited(area, login, persona):
    case = case_at(area.own_child, "assessing", ep=area.users["ep"])
    assert login(persona).get(case_url(case)).status_code == 404
    denied = AuditEvent.objects.get(action=Action.DENIED, actor=area.users[persona])
    assert denied.child == area.own_child


# Stage actions --------------------------------------------------------------------------------


def act(client, case, slug, **extra):
    return client.post(action_url(case, slug), stage_form(case, **extra))


def test_a_case_goes_from_request_to_final_plan_through_the_action_pages(area, login):
    area.own_child.sen_provision = "K"
    area.own_child.save()
    client = login("caseworker")
    case = open_case(area.own_child, date(2026, 6, 1))
    response = act(client, case, "decide-assess", on=date(2026, 6, 10), decision=K.DECIDED_TO_ASSESS)
    assert response.status_code == 302
    ep = area.users["ep"]
    act(client, case, "request-advice", on=date(2026, 6, 11), adviser_type="ep", professional=ep.pk)
    advice = case.advice_requests.get()
    assert advice.professional == ep
    received = case_url(case, "casework:advice_received", advice.public_id)
    client.page(received)
    client.post(received, {**stage_form(case, on=date(2026, 7, 1)), "note": "Needs small-group teaching"})
    act(client, case, "decide-issue", on=date(2026, 7, 8), decision=K.DECIDED_TO_ISSUE)
    act(client, case, "serve-draft", on=date(2026, 7, 15))
    act(client, case, "consult-setting", on=date(2026, 7, 16), setting=area.school.pk)
    soup = client.page(case_url(case))
    assert "Alder Lane Primary School" in soup.select_one("#consultations").find_next("table").get_text()
    reply = {"ref": f"setting-{area.school.pk}", "note": "Can meet need"}
    act(client, case, "setting-reply", on=date(2026, 7, 20), **reply)
    act(client, case, "family-response", on=date(2026, 7, 22), note="Agree with the draft")
    response = act(client, case, "issue-final", on=date(2026, 8, 1))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.FINAL and case.next_deadline is None
    assert kinds(case)[-1] == K.FINAL_ISSUED
    advice.refresh_from_db()
    assert advice.received_on == date(2026, 7, 1) and advice.advice == "Needs small-group teaching"
    area.own_child.refresh_from_db()
    assert area.own_child.sen_provision == "E"
    assert AuditEvent.objects.filter(
        child=area.own_child, summary="Recorded the EHC plan on the child's record"
    ).exists()
    assert not client.page(case_url(case)).select("#actions a")


@pytest.mark.parametrize("slug", sorted(ACTIONS_BY_SLUG))
@pytest.mark.parametrize("stage", ["received", "consulting"])
def test_every_action_page_is_well_made_whether_or_not_it_fits_now(area, login, slug, stage):
    case = case_at(area.own_child, stage)
    soup = login("caseworker").page(action_url(case, slug))
    assert soup.select_one("#blocked") or soup.select_one("form button[type=submit]")
    assert login("caseworker").get(action_url(case, "no-such-action")).status_code == 404


def test_a_decision_not_to_assess_needs_its_reasons(area, login):
    client = login("caseworker")
    case = open_case(area.own_child)
    soup = check_page(act(client, case, "decide-assess", decision=K.DECIDED_NOT_TO_ASSESS))
    assert "Enter the reasons for the decision" in error_texts(soup)
    assert soup.select_one("#id_note-error")
    act(client, case, "decide-assess", decision=K.DECIDED_NOT_TO_ASSESS, note="Needs met at SEN support")
    case.refresh_from_db()
    assert case.stage == Stage.NOT_ASSESSED and case.closed_on == TODAY
    assert case.events.get(kind=K.DECIDED_NOT_TO_ASSESS).note == "Needs met at SEN support"


@pytest.mark.parametrize(
    "stage,slug,extra,stage_after",
    [
        (
            "assessing",
            "decide-issue",
            {"decision": K.DECIDED_NOT_TO_ISSUE, "note": "Needs can be met"},
            Stage.NOT_ISSUED,
        ),
        ("assessing", "withdraw", {"note": "The family moved away"}, Stage.WITHDRAWN),
    ],
)
def test_a_case_can_end_without_a_plan(area, login, stage, slug, extra, stage_after):
    case = case_at(area.own_child, stage)
    assert act(login("manager"), case, slug, **extra).status_code == 302
    case.refresh_from_db()
    assert case.stage == stage_after


def assert_nothing_saved(case, before):
    case.refresh_from_db()
    assert (kinds(case), case.version, case.stage) == before


def snapshot(case):
    case.refresh_from_db()
    return kinds(case), case.version, case.stage


def test_an_action_out_of_order_is_refused_with_its_reason_and_nothing_is_saved(area, login):
    client = login("caseworker")
    case = open_case(area.own_child)
    before = snapshot(case)
    soup = client.page(action_url(case, "issue-final"))
    assert "only be issued after a draft" in soup.select_one("#blocked").get_text()
    soup = check_page(act(client, case, "issue-final"))
    assert "The final plan can only be issued after a draft has been sent to the family" in error_texts(soup)
    assert not soup.select_one("#id_on-error")  # not a problem with the date
    assert_nothing_saved(case, before)


def test_a_change_made_on_a_stale_page_is_refused(area, login):
    client = login("caseworker")
    case = open_case(area.own_child)
    seen = stage_form(case, decision=K.DECIDED_TO_ASSESS)
    services.record_event(None, case, K.WITHDRAWN, TODAY)  # a colleague got there first
    before = snapshot(case)
    soup = check_page(client.post(action_url(case, "decide-assess"), seen))
    assert "Someone else saved a change to this record after you opened it" in error_texts(soup)
    assert_nothing_saved(case, before)


def test_a_double_submitted_action_records_one_event(area, login):
    client = login("caseworker")
    case = open_case(area.own_child)
    data = stage_form(case, decision=K.DECIDED_TO_ASSESS)
    first = client.post(action_url(case, "decide-assess"), data)
    second = client.post(action_url(case, "decide-assess"), data)
    assert first["Location"] == second["Location"] == case_url(case)
    assert kinds(case).count(K.DECIDED_TO_ASSESS) == 1


@pytest.mark.parametrize(
    "on,message",
    [
        (date(2026, 5, 20), "The date cannot be before 1 June 2026, when the step before it happened"),
        (date(2026, 9, 2), "Date of the decision must be today or in the past"),
    ],
)
def test_a_bad_action_date_is_explained_beside_the_field_and_in_the_summary(area, login, on, message):
    case = open_case(area.own_child, date(2026, 6, 1))
    before = snapshot(case)
    soup = check_page(act(login("caseworker"), case, "decide-assess", on=on, decision=K.DECIDED_TO_ASSESS))
    assert message in error_texts(soup)
    assert message in soup.select_one("#id_on-error").get_text()
    assert soup.select_one(".govuk-error-summary a[href='#id_on_day']")
    assert_nothing_saved(case, before)


def test_advice_asked_of_the_wrong_kind_of_professional_is_refused(area, login):
    case = case_at(area.own_child, "assessing")
    soup = check_page(
        act(
            login("caseworker"),
            case,
            "request-advice",
            adviser_type="health",
            professional=area.users["ep"].pk,
        )
    )
    assert "Choose a professional who gives this kind of advice" in error_texts(soup)
    assert case.advice_requests.count() == 1


def exception_form(case, start, end, **extra):
    case.refresh_from_db()
    data = {
        "reason": "away",
        **dated(start, "start"),
        **dated(end, "end"),
        "ref": "",
        "note": "Abroad for a family funeral",
    }
    return {**data, "version": case.version, "form_token": str(uuid.uuid4()), **extra}


def test_an_exception_is_recorded_with_its_dates_and_bad_dates_are_explained(area, login):
    client = login("caseworker")
    case = case_at(area.own_child, "assessing", received_on=date(2026, 6, 1))
    url = case_url(case, "casework:exception_create")
    client.page(url)
    soup = check_page(client.post(url, exception_form(case, date(2026, 7, 10), date(2026, 7, 1))))
    assert (
        "Date it ended must be the same as or after the date it started"
        in soup.select_one("#id_end-error").get_text()
    )
    soup = check_page(client.post(url, exception_form(case, date(2026, 5, 1), date(2026, 7, 1))))
    assert "must be on or after 1 June 2026" in soup.select_one("#id_start-error").get_text()
    soup = check_page(client.post(url, exception_form(case, date(2026, 7, 1), date(2026, 7, 10))))
    assert "needs a period of at least 4 weeks" in error_texts(soup)
    assert not case.exceptions.exists()
    advice = case.advice_requests.get()
    client.post(url, exception_form(case, date(2026, 7, 1), date(2026, 8, 15), ref=advice.ref))
    exception = case.exceptions.get()
    assert (exception.reason, exception.ref) == ("away", advice.ref)
    assert "Delays advice from educational psychologist" in client.page(case_url(case)).select_one(
        "#exceptions"
    ).find_next("table").get_text(" ")


def test_an_exception_is_tied_to_the_time_limits_it_delayed(area, login):
    client = login("caseworker")
    case = case_at(area.own_child, "assessing", received_on=date(2026, 6, 1))
    url = case_url(case, "casework:exception_create")
    client.page(url)
    client.post(url, exception_form(case, date(2026, 6, 5), date(2026, 8, 15), steps=["decision_to_assess"]))
    exception = case.exceptions.get()
    assert exception.step_keys == {"decision_to_assess"}
    line = services.case_timeline(case, today=date(2026, 12, 1))
    assert line.step("decision_to_assess").exceptions  # reg 5(4): it delayed the decision
    assert not line.step("final_plan").exceptions  # and nothing else
    table = client.page(case_url(case)).select_one("#exceptions").find_next("table").get_text(" ")
    assert "Delayed: Deciding whether to assess (6 weeks, regulation 5(4))" in " ".join(table.split())


def test_advice_is_chased_and_notes_added_once_each_however_often_the_form_is_sent(area, login):
    client = login("caseworker")
    case = case_at(area.own_child, "assessing")
    advice = case.advice_requests.get()
    chase = case_url(case, "casework:advice_chase", advice.public_id)
    client.page(chase)
    data = {"how": "phone", "note": "Left a message with the EP team", "form_token": str(uuid.uuid4())}
    client.post(chase, data)
    client.post(chase, data)
    assert AdviceChase.objects.filter(advice_request=advice).count() == 1
    note = {"text": "Mum asked for a call back", "form_token": str(uuid.uuid4())}
    client.post(case_url(case, "casework:note_create"), note)
    client.post(case_url(case, "casework:note_create"), note)
    assert CaseNote.objects.filter(case=case).count() == 1
    soup = client.page(case_url(case))
    assert "Left a message with the EP team" in soup.select_one("#advice-requests").get_text()
    assert "Mum asked for a call back" in soup.get_text()


def test_a_manager_allocates_a_case_and_it_is_audited(area, login):
    case = open_case(area.own_child)
    url = case_url(case, "casework:allocate")
    caseworker = area.users["caseworker"]
    assert login("caseworker").get(url).status_code == 404
    client = login("manager")
    client.page(url)
    assert client.post(url, {"caseworker": caseworker.pk}).status_code == 302
    case.refresh_from_db()
    assert case.caseworker == caseworker
    assert AuditEvent.objects.filter(actor=area.users["manager"], summary__contains="allocated to").exists()
    assert str(caseworker) in client.page(case_url(case)).select_one("#caseworker").get_text()


def test_the_case_page_links_to_starting_the_plan_and_then_to_the_plan(area, login):
    case = case_at(area.other_child, "drafting")
    client = login("caseworker")
    soup = client.page(reverse("casework:case_detail", args=[case.public_id]))
    assert soup.select_one("#plan-link a")["href"] == reverse("plans:start_plan", args=[case.public_id])
    plan = plan_services.start_plan(None, case).plan
    soup = client.page(reverse("casework:case_detail", args=[case.public_id]))
    assert soup.select_one("#plan-link a")["href"] == reverse("plans:plan_detail", args=[plan.public_id])
