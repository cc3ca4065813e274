"""Families writing, caseworkers replying, the inbox and the service-level page."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AuditEvent
from casework.tests.factories import case_at
from core.tests.list_export_helpers import csv_lines, export_job, exported
from messaging.models import Conversation, Message
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 11, 16, 10, tzinfo=LONDON)


def _thread(child):
    return reverse("messaging:child_thread", args=[child.public_id])


@pytest.fixture
def write(django_capture_on_commit_callbacks):
    """Send a message through the page as `client`; emails go once it commits, as in a real request."""

    def send(client, child, body="When will the assessment be finished?"):
        token = client.page(_thread(child)).find("input", {"name": "form_token"})["value"]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(_thread(child), {"body": body, "form_token": token}, follow=True)

    return send


@pytest.fixture
def allocated(area):
    return case_at(area.own_child, "received", caseworker=area.users["caseworker"])


@time_machine.travel(MONDAY, tick=False)
def test_a_parent_writes_and_is_told_when_to_expect_a_reply(area, login, allocated, write):
    response = write(login("parent"), area.own_child)

    message = Message.objects.get()
    assert message.from_family and message.reply_by == date(2026, 11, 23)
    assert "Message sent. We aim to reply by 23 November 2026." in response.content.decode()
    assert "We aim to reply by 23 November 2026." in response.content.decode()
    # The caseworker is emailed, without the child's name anywhere, with a link to the thread.
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [area.users["caseworker"].email]
    assert "Amira" not in email.subject + email.body and "Hussain" not in email.subject + email.body
    assert _thread(area.own_child) in email.body
    assert AuditEvent.objects.filter(action=Action.CREATE, child=area.own_child).exists()


def test_the_caseworker_replies_in_time_and_the_family_sees_it(area, login, allocated, write):
    with time_machine.travel(MONDAY, tick=False):
        write(login("parent"), area.own_child)
    with time_machine.travel(datetime(2026, 11, 23, 16, tzinfo=LONDON), tick=False):
        caseworker = login("caseworker")
        inbox = caseworker.page(reverse("messaging:inbox"))
        row = inbox.select_one("#conversations tbody tr")
        assert "Hussain, Amira" in row.text and "Due" in row.text and "On your caseload" in row.text
        mail.outbox.clear()
        write(caseworker, area.own_child, "I will call you tomorrow.")
        question = Message.objects.get(from_family=True)
        assert question.answered_in_time is True
        assert question.conversation.reply_due_on is None
        # The family is told by email, without the child's name.
        assert [m.to for m in mail.outbox] == [[area.own_child.relationships.get().parent_carer.email]]
        assert "Amira" not in mail.outbox[0].subject
        page = login("parent").page(_thread(area.own_child))
    assert "I will call you tomorrow." in page.select_one("#thread").text
    assert "Answered in time" in page.select_one("#thread").text
    assert Message.objects.get(from_family=False).read_at is not None


def test_a_reply_after_the_date_is_late_and_the_inbox_says_so(area, login, allocated, write):
    with time_machine.travel(MONDAY, tick=False):
        write(login("parent"), area.own_child)
    with time_machine.travel(datetime(2026, 11, 24, 9, tzinfo=LONDON), tick=False):
        manager = login("manager")
        late = manager.page(reverse("messaging:inbox") + "?status=late")
        assert "Late" in late.select_one("#conversations").text
        assert manager.page(reverse("messaging:inbox") + "?status=due").select_one("#conversations") is None
        write(manager, area.own_child, "Sorry for the delay.")
    assert Message.objects.get(from_family=True).answered_in_time is False


def test_an_empty_message_is_refused_clearly_and_nothing_is_saved(area, login):
    client = login("parent")
    page = client.page(_thread(area.own_child))
    token = page.find("input", {"name": "form_token"})["value"]
    response = client.post(_thread(area.own_child), {"body": "   ", "form_token": token})
    assert response.status_code == 200
    assert "Enter your message" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Message.objects.exists()


def test_sending_the_same_form_twice_sends_one_message(area, login):
    client = login("parent")
    token = client.page(_thread(area.own_child)).find("input", {"name": "form_token"})["value"]
    for _ in range(2):
        response = client.post(_thread(area.own_child), {"body": "Hello", "form_token": token})
        assert response.status_code == 302
    assert Message.objects.count() == 1


def test_no_caseworker_means_the_send_team_inbox_and_no_email(area, login, write):
    write(login("parent"), area.own_child)
    assert Message.objects.count() == 1 and mail.outbox == []
    assert "Hussain, Amira" in login("caseworker").page(reverse("messaging:inbox")).text


def test_a_family_cannot_open_another_familys_conversation(area, login):
    for persona in ("parent", "young_person", "ep", "senco", "dco"):
        assert login(persona).get(_thread(area.other_child)).status_code == 404, persona
    assert AuditEvent.objects.filter(action=Action.DENIED, child=area.other_child).exists()


def test_the_young_person_writes_about_themselves(area, login, write):
    write(login("young_person"), area.young_person_child, "Can I come to my review meeting?")
    assert Message.objects.get().conversation.child == area.young_person_child


def test_panel_members_read_but_cannot_write(area, login, write):
    write(login("parent"), area.own_child)
    panel = login("panel")
    page = panel.page(_thread(area.own_child))
    assert page.find("textarea") is None
    assert panel.post(_thread(area.own_child), {"body": "Hello"}).status_code == 403
    assert Message.objects.count() == 1


def test_the_family_inbox_lists_only_their_children(area, login):
    page = login("parent").page(reverse("messaging:inbox"))
    links = [a["href"] for a in page.select("#children a")]
    assert links == [_thread(area.own_child)]


def test_the_inbox_searches_filters_and_exports(area, login, allocated, write):
    write(login("parent"), area.own_child)
    write(login("young_person"), area.young_person_child, "Hello")
    client = login("caseworker")
    response = client.post(reverse("messaging:inbox"), {"q": "leo"})
    assert "leo" not in response["Location"].lower()
    page = client.page(response["Location"])
    assert [r.a.text for r in page.select("#conversations tbody tr")] == ["Young, Leo"]
    mine = client.page(reverse("messaging:inbox") + "?mine=yes")
    assert [r.a.text for r in mine.select("#conversations tbody tr")] == ["Hussain, Amira"]
    job = export_job(client, reverse("messaging:inbox") + "?format=csv")
    export = client.get(reverse("jobs:download", args=[job.public_id]))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][0] == "Child" and {r[0] for r in rows[1:]} == {"Amira Hussain", "Leo Young"}
    assert AuditEvent.objects.filter(action=Action.EXPORT).exists()
    # On the job queue (issue 22): built as the caseworker (their "Mine"), filtered and searched as
    # the page was, and nobody else's to download.
    mine = list(csv.reader(csv_lines(exported(client, reverse("messaging:inbox") + "?mine=yes&format=csv"))))
    assert [(r[0], r[-1]) for r in mine[1:]] == [("Amira Hussain", "Yes")]
    searched = list(csv.reader(csv_lines(exported(client, response["Location"] + "&format=csv"))))
    assert [r[0] for r in searched[1:]] == ["Leo Young"]
    assert login("manager").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_the_inbox_reads_the_same_number_of_queries_for_many_conversations(area, login, allocated, write):
    client = login("caseworker")
    write(login("parent"), area.own_child)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("messaging:inbox"))
    for child in ChildFactory.create_batch(6):
        conversation = Conversation.objects.create(child=child, last_message_at=MONDAY)
        Message.objects.create(
            conversation=conversation, from_family=True, sender_name="P", body="x", sent_at=MONDAY
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("messaging:inbox"))
    assert len(many) == len(few)


@time_machine.travel(MONDAY, tick=False)
def test_the_service_level_page_shows_the_months_share_in_a_table(area, login, allocated, write):
    write(login("parent"), area.own_child)
    write(login("caseworker"), area.own_child, "Thank you, I will call you.")
    page = login("manager").page(reverse("messaging:service_level"))
    rows = page.select("#months tbody tr")
    assert len(rows) == 12
    assert [c.text for c in rows[0].find_all(["th", "td"])] == ["November 2026", "1", "0", "0", "100%"]
    assert page.select_one("#chart")
    export = login("manager").get(reverse("messaging:service_level") + "?format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Month", "In time", "Late", "Waiting", "Of which overdue", "Share in time"]
    assert rows[-1] == ["2026-11", "1", "0", "0", "0", "100%"]


def test_the_inbox_counts_unread_family_messages_until_someone_who_answers_opens_them(area, login, write):
    write(login("parent"), area.own_child)
    write(login("parent"), area.own_child, "And one more thing.")
    inbox = reverse("messaging:inbox")
    assert "2 unread" in login("manager").page(inbox).select_one("#conversations").text
    login("panel").page(_thread(area.own_child))
    assert "2 unread" in login("manager").page(inbox).select_one("#conversations").text
    login("caseworker").page(_thread(area.own_child))
    assert "unread" not in login("manager").page(inbox).select_one("#conversations").text
    assert not Message.objects.filter(read_at__isnull=True).exists()


def test_a_family_who_asked_for_letters_gets_the_reply_notice_printed(area, login, allocated, write):
    from notifications.models import MessageType, Notification, Status

    parent = area.own_child.relationships.get().parent_carer
    parent.contact_preference = "letter"
    parent.save()
    write(login("parent"), area.own_child)
    mail.outbox.clear()
    write(login("caseworker"), area.own_child, "I will call you tomorrow.")
    assert mail.outbox == []
    notice = Notification.objects.get(message_type=MessageType.MESSAGE_REPLY)
    assert (notice.parent_carer, notice.status) == (parent, Status.QUEUED_FOR_PRINT)
    assert notice.link == _thread(area.own_child) and "Amira" not in notice.subject


@pytest.mark.parametrize("query, field", [("status=nonsense", "status"), ("mine=no", "mine")])
def test_a_bad_inbox_filter_is_a_govuk_error_and_lists_nothing(area, login, allocated, write, query, field):
    with time_machine.travel(MONDAY, tick=False):
        write(login("parent"), area.own_child)
        page = login("manager").page(reverse("messaging:inbox") + "?" + query)
    assert page.select_one(f".govuk-error-summary a[href='#{field}']")
    assert page.select_one("#conversations") is None
