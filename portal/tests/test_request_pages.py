"""Asking for an assessment online, page by page, as a parent: one question a page, answers saved
as they go, check your answers, send once, and a confirmation with the reference."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import AssessmentCase, CaseDocument, RequestSource
from clock import dates
from conftest import check_page
from notifications.links import family_path
from notifications.models import MessageType, Notification
from portal import request_wizard as wizard
from portal.models import AssessmentRequestDraft, DraftDocument
from portal.tests.url_matrix_requests import PDF, add_pdf, answered_draft, as_request

pytestmark = pytest.mark.django_db


def _step(draft, key):
    return reverse("portal:request_step", args=[draft.public_id, key])


def _start(client):
    response = client.post(reverse("portal:request_start"))
    draft = AssessmentRequestDraft.objects.get()
    assert response.url == _step(draft, "child")
    return draft


def _stored_files():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_parent_answers_each_question_checks_and_sends(area, login, django_capture_on_commit_callbacks):
    client = login("parent")
    start = client.page(reverse("portal:request_start"))
    assert start.h1.get_text(strip=True) == "Ask for an EHC needs assessment"
    draft = _start(client)

    page = client.page(_step(draft, "child"))
    assert page.h1.get_text(strip=True) == "Who is the request for?"
    labels = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
    assert labels == [
        "Amira Hussain, born " + f"{area.own_child.date_of_birth:%-d %B %Y}",
        "Someone who is not listed here",
    ]
    response = client.post(_step(draft, "child"), {"child": str(area.own_child.public_id)})
    assert response.url == _step(draft, "needs")  # no "about the child" page for a child already linked

    answers = {
        "needs": "She finds reading very hard.",
        "support": "A teaching assistant three mornings a week.",
        "why-now": "She is falling further behind.",
    }
    following = {"needs": "support", "support": "why-now", "why-now": "contact"}
    for key, text in answers.items():
        page = client.page(_step(draft, key))
        assert page.h1.label, "the question is the page's heading and labels the answer box"
        response = client.post(_step(draft, key), {"answer": text})
        assert response.url == _step(draft, following[key])
    client.post(_step(draft, "contact"), {"contact_preference": "letter"})
    response = client.post(_step(draft, "consent"), {"consent": "yes"})
    assert response.url == reverse("portal:request_documents", args=[draft.public_id])

    documents_url = reverse("portal:request_documents", args=[draft.public_id])
    upload = SimpleUploadedFile("Amira school report.pdf", PDF, content_type="application/pdf")
    client.post(documents_url, {"upload": "1", "file": upload})
    page = client.page(documents_url)
    assert "Amira school report.pdf" in page.select_one(".govuk-summary-list").get_text()
    response = client.post(documents_url, {"continue": "1"})
    assert response.url == reverse("portal:request_check", args=[draft.public_id])

    check = client.page(response.url)
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row
        for row in check.select(".govuk-summary-list__row")
    }
    assert list(rows) == [
        "Who the request is for",
        "The child's needs",
        "Support they have now",
        "Why you are asking now",
        "How we contact you",
        "Sharing information",
        "Documents",
    ]
    assert "Letter" in rows["How we contact you"].get_text()
    assert rows["Why you are asking now"].a["href"] == _step(draft, "why-now") + "?change=1"

    check_url = reverse("portal:request_check", args=[draft.public_id])
    token = check.find("input", attrs={"name": "form_token"})["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url, {"form_token": token, "declaration": "on"})
    sent_url = reverse("portal:request_sent", args=[draft.public_id])
    assert response.url == sent_url

    case = AssessmentCase.objects.get()
    assert case.child == area.own_child
    assert case.source == RequestSource.PARENT
    assert case.received_on == dates.today()
    assert "She finds reading very hard." in case.reasons and "falling further behind" in case.reasons
    assert case.consent_given is True
    assert case.requester_name == f"{area.users['parent']} (mother)"
    document = CaseDocument.objects.get(case=case)
    assert document.title == "Amira school report.pdf" and document.file.read() == PDF
    draft.refresh_from_db()
    assert draft.is_sent and draft.case == case
    area.own_child.relationships.get().parent_carer.refresh_from_db()
    assert area.own_child.relationships.get().parent_carer.contact_preference == "letter"

    page = client.page(sent_url)
    assert page.select_one("[data-reference]").get_text(strip=True) == case.reference
    due = dates.today() + timedelta(days=42)  # reg 5(1): 6 weeks, as the clock engine says
    assert f"{due:%-d %B %Y}" in page.get_text()
    assert page.find("a", href=reverse("portal:case_detail", args=[case.public_id]))

    told = Notification.objects.get(case=case, message_type=MessageType.REQUEST_RECEIVED)
    assert "Amira" not in told.subject and told.parent_carer.user == area.users["parent"]
    assert told.link == family_path(case)

    # The same form again (a double click, or the browser's back button and resend): one case.
    response = client.post(check_url, {"form_token": token, "declaration": "on"})
    assert response.url == sent_url
    response = client.post(check_url, {"form_token": "", "declaration": "on"})
    assert response.url == sent_url
    assert AssessmentCase.objects.count() == 1 and CaseDocument.objects.count() == 1
    # A sent request's question pages lead to its confirmation, and change nothing.
    response = client.post(_step(draft, "needs"), {"answer": "Changed afterwards"})
    assert response.url == sent_url
    assert "Changed afterwards" not in AssessmentCase.objects.get().reasons


def test_an_empty_answer_is_refused_with_a_clear_error_and_nothing_saved(area, login):
    client = login("parent")
    draft = _start(client)
    client.post(_step(draft, "child"), {"child": str(area.own_child.public_id)})
    response = client.post(_step(draft, "needs"), {"answer": "   "})
    assert response.status_code == 200
    page = check_page(response)
    summary = page.select_one(".govuk-error-summary")
    assert summary.a.get_text(strip=True) == "Tell us about the child's needs"
    assert summary.a["href"] == "#id_answer"
    assert page.title.get_text().startswith("Error:")
    draft.refresh_from_db()
    assert draft.needs == ""


def test_a_child_from_another_family_cannot_be_chosen(area, login):
    client = login("parent")
    draft = _start(client)
    response = client.post(_step(draft, "child"), {"child": str(area.other_child.public_id)})
    assert response.status_code == 200
    assert "Select one of the options" in response.content.decode()  # plain wording (core/plain_errors.py)
    draft.refresh_from_db()
    assert draft.child is None and not draft.child_not_listed


def test_a_half_finished_request_is_there_after_signing_out_and_in(area, login):
    client = login("parent")
    draft = _start(client)
    client.post(_step(draft, "child"), {"child": str(area.own_child.public_id)})
    response = client.post(_step(draft, "needs"), {"answer": "Needs help with speech.", "save_and_exit": "1"})
    assert response.url == reverse("portal:request_start")
    client.logout()
    assert client.get(_step(draft, "support")).status_code == 302  # signed out: to sign in

    again = login("parent")
    page = again.page(reverse("portal:request_start"))
    saved = page.find("h2", string="Your saved request")
    assert saved is not None
    link = saved.find_next("a")
    assert link["href"] == _step(draft, "support")  # carries on at the first question not answered
    assert "Amira Hussain" in link.get_text()
    page = again.page(_step(draft, "needs"))
    assert page.find("textarea").get_text() == "Needs help with speech."


def test_changing_an_answer_from_the_check_page_returns_there(area, login):
    client = login("parent")
    draft = answered_draft(area.users["parent"], area.own_child)
    response = client.post(_step(draft, "needs") + "?change=1", {"answer": "New words"})
    assert response.url == reverse("portal:request_check", args=[draft.public_id])
    # Changing to a child not listed asks about that child before going back.
    response = client.post(_step(draft, "child") + "?change=1", {"child": "not-listed"})
    draft.refresh_from_db()
    assert draft.child_not_listed
    assert response.url.startswith(_step(draft, "child-details"))


def test_a_wrong_kind_of_file_is_refused_and_nothing_is_kept(area, login):
    client = login("parent")
    draft = answered_draft(area.users["parent"], area.own_child)
    url = reverse("portal:request_documents", args=[draft.public_id])
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not really a PDF", content_type="application/pdf")
    response = client.post(url, {"upload": "1", "file": fake})
    assert response.status_code == 200
    page = check_page(response)
    error = page.select_one(".govuk-error-summary a").get_text(strip=True)
    assert error == "report.pdf must be a PDF, Word (DOCX), PNG or JPEG file"
    assert DraftDocument.objects.count() == 0 and _stored_files() == []


def test_a_document_cannot_be_added_once_the_request_is_sent(area):
    draft = answered_draft(area.users["parent"], area.own_child)
    wizard.send(as_request(area.users["parent"]), draft)
    with pytest.raises(wizard.NotReady):
        add_pdf(draft)
    assert DraftDocument.objects.count() == 0 and _stored_files() == []


def test_a_document_can_be_removed(area, login, django_capture_on_commit_callbacks):
    client = login("parent")
    draft = answered_draft(area.users["parent"], area.own_child)
    document = add_pdf(draft)
    assert len(_stored_files()) == 1
    url = reverse("portal:request_document_remove", args=[draft.public_id, document.public_id])
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.url == reverse("portal:request_documents", args=[draft.public_id])
    assert DraftDocument.objects.count() == 0 and _stored_files() == []


def test_someone_elses_request_is_not_found(area, login):
    draft = answered_draft(area.users["parent"], area.own_child)
    for persona in ("young_person", "senco", "caseworker"):
        client = login(persona)
        for url in (
            _step(draft, "needs"),
            reverse("portal:request_check", args=[draft.public_id]),
            reverse("portal:request_documents", args=[draft.public_id]),
        ):
            assert client.get(url).status_code == 404, (persona, url)
        response = client.post(_step(draft, "needs"), {"answer": "Overwritten"})
        assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.needs == "Finds reading and writing very hard."


def test_a_saved_request_can_be_deleted(area, login):
    client = login("parent")
    draft = answered_draft(area.users["parent"], area.own_child)
    add_pdf(draft)
    client.page(reverse("portal:request_discard", args=[draft.public_id]))
    response = client.post(reverse("portal:request_discard", args=[draft.public_id]))
    assert response.url == reverse("portal:request_start")
    assert AssessmentRequestDraft.objects.count() == 0 and DraftDocument.objects.count() == 0


def test_an_upload_whose_record_fails_to_save_leaves_no_file_behind(area):
    """The file is stored before its row is written; if the row fails, the file goes too."""
    from accounts.models import User
    from core.uploads import check_upload

    draft = answered_draft(area.users["parent"], area.own_child)
    checked = check_upload(SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"))
    never_saved = User(username="ghost")  # a row cannot point at a user who was never saved
    with pytest.raises(ValueError, match="unsaved related object"):
        wizard.add_document(never_saved, draft, checked)
    assert DraftDocument.objects.count() == 0 and _stored_files() == []


def test_the_start_page_does_not_query_per_saved_request(area, login, django_assert_max_num_queries):
    client = login("parent")
    for _ in range(5):
        answered_draft(area.users["parent"], area.own_child, why_now="")
    client.get(reverse("portal:request_start"))  # warm the session and permission caches
    with django_assert_max_num_queries(9):
        page = client.page(reverse("portal:request_start"))
    assert len(page.select("#saved-requests li")) == 5
