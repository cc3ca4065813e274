"""Surveys: building, sending by each person's channel, answering by link (once, while open,
anonymously where chosen), results with small numbers suppressed, and the KPI they feed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from clock import dates
from engagement import survey_measures, survey_services
from engagement.models import Answer, Invitation, QuestionKind, Survey, SurveyResponse
from engagement.services import Refused
from engagement.tests.survey_factories import invitation, survey, training_pair
from jobs.models import Job
from notifications import client as notify_client
from notifications.client import NotifyNotifier
from notifications.models import Notification
from people.tests.factories import ParentCarerFactory
from performance import services as kpi_services
from performance.data.bradford_wsa import KPIS
from performance.models import KPI

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _answers(made, yes=True, text=""):
    kept, other = made.questions.all()
    return {kept: "Yes, always" if yes else "No", other: text}


class FakeNotifyApi:
    """GOV.UK Notify's API client (the outside service), keeping what it was asked to send."""

    def __init__(self):
        self.sms, self.email = [], []

    def send_sms_notification(self, phone, template_id, personalisation):
        self.sms.append((phone, personalisation))
        return {"id": f"sms-{len(self.sms)}"}

    def send_email_notification(self, email, template_id, personalisation):
        self.email.append((email, personalisation))
        return {"id": f"email-{len(self.email)}"}


def test_a_manager_builds_reorders_and_opens_a_survey_through_the_pages(area, login):
    client = login("manager")
    today = dates.today()
    client.page(reverse("surveys:new"))
    response = client.post(
        reverse("surveys:new"),
        {
            "title": "Keeping you informed",
            "audience": "families",
            **_date("opens_on", today),
            **_date("closes_on", today + timedelta(days=14)),
            "anonymous": "on",
            "form_token": "0b0f7c3e-4a0e-4c1e-9d3e-1f2a3b4c5d6e",
        },
    )
    made = Survey.objects.get()
    assert response["Location"] == reverse("surveys:detail", args=[made.public_id])
    add = reverse("surveys:question_new", args=[made.public_id])
    bad = client.post(add, {"kind": "single", "text": "How are we doing?", "options": "Well"})
    assert "Enter at least 2 answers to choose from" in bad.content.decode()
    assert not made.questions.exists()
    client.post(add, {"kind": "rating", "text": "How well do we listen?"})
    client.post(
        add,
        {
            "kind": "single",
            "text": "Do you feel kept informed?",
            "options": "Yes\nNo",
            "measure": "kept_informed",
            "positive_options": "Yes",
        },
    )
    second = made.questions.get(kind=QuestionKind.SINGLE)
    client.post(reverse("surveys:question_move", args=[made.public_id, second.pk]), {"direction": "up"})
    assert [q.text for q in made.questions.all()] == ["Do you feel kept informed?", "How well do we listen?"]
    client.post(reverse("surveys:open", args=[made.public_id]))
    made.refresh_from_db()
    assert made.is_open_on(today)
    page = client.page(reverse("surveys:detail", args=[made.public_id])).get_text(" ", strip=True)
    assert "Send invitations" in page and "Move up" not in page


def test_a_measure_question_must_say_which_answers_count_as_yes(area):
    made = survey(opened=False)
    with pytest.raises(Refused) as refused:
        survey_services.add_question(
            None,
            None,
            made,
            kind="single",
            text="Q",
            options="A\nB",
            measure="kept_informed",
            positive_options="C",
        )
    assert refused.value.field == "positive_options"


def test_invitations_go_by_each_familys_channel_and_are_not_sent_twice(area, settings, monkeypatch):
    settings.NOTIFY_TEMPLATE_IDS = {"survey_invitation": {"email": "t-email", "sms": "t-sms"}}
    api = FakeNotifyApi()
    monkeypatch.setattr(notify_client, "get_notifier", lambda: NotifyNotifier(api_key="x", client=api))
    ParentCarerFactory(contact_preference="sms", phone="07700 900123")
    ParentCarerFactory(contact_preference="letter")
    made = survey()
    counts = survey_services.send_invitations(None, area.users["manager"], made)
    assert counts == {"invited": 3, "failed": 0}  # Sara Hussain (email), the text and the letter
    assert len(api.email) == 1 and len(api.sms) == 1
    token = Invitation.objects.get(parent_carer__phone="07700 900123").token
    assert reverse("surveys:answer", args=[token]) in api.sms[0][1]["link"]
    assert (
        Notification.objects.filter(message_type="survey_invitation", status="queued_for_print").count() == 1
    )
    assert survey_services.send_invitations(None, None, made) == {"invited": 0, "failed": 0}
    assert Invitation.objects.count() == 3


def test_sending_from_the_page_runs_as_a_background_job(area, login):
    ParentCarerFactory(contact_preference="letter")
    made = survey()
    client = login("manager")
    sent = client.post(reverse("surveys:send", args=[made.public_id]))
    # The job (run at once in the tests) ends back on the survey, saying how many were sent.
    job = Job.objects.get(kind="engagement.send_survey_invitations")
    assert job.params == {"survey": str(made.public_id)} and job.result == {"invited": 2, "failed": 0}
    assert sent["Location"] == reverse("surveys:detail", args=[made.public_id])
    assert "Invitations sent: 2" in client.get(sent["Location"]).content.decode()
    job_page = client.get(reverse("jobs:detail", args=[job.public_id])).content.decode()
    assert "Invitations sent: 2." in job_page and "Back to the survey" in job_page
    assert Invitation.objects.count() == 2
    # Sending again invites nobody twice.
    client.post(reverse("surveys:send", args=[made.public_id]))
    assert Invitation.objects.count() == 2


def test_a_survey_not_open_is_not_sent_and_starts_no_job(area, login):
    made = survey(opened=False)
    client = login("manager")
    response = client.post(reverse("surveys:send", args=[made.public_id]))
    assert response["Location"] == reverse("surveys:detail", args=[made.public_id])
    assert "Open the survey before sending it" in client.get(response["Location"]).content.decode()
    assert not Job.objects.exists() and not Invitation.objects.exists()


def test_a_second_click_while_sending_follows_the_first_job(area, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    made = survey()
    client = login("manager")
    first = client.post(reverse("surveys:send", args=[made.public_id]))
    again = client.post(reverse("surveys:send", args=[made.public_id]))
    job = Job.objects.get(kind="engagement.send_survey_invitations")  # queued for the worker, once
    assert first["Location"] == again["Location"] == reverse("jobs:detail", args=[job.public_id])
    assert not Invitation.objects.exists()


def test_invitations_by_email_use_the_email_backend_without_notify(area):
    made = survey()
    survey_services.send_invitations(None, None, made)
    (sent,) = mail.outbox
    assert sent.subject == "Tell us what you think"
    assert reverse("surveys:answer", args=[Invitation.objects.get().token]) in sent.body


def test_a_parent_answers_once_by_the_link_without_signing_in(area, client):
    made = survey(anonymous=False)
    invited = invitation(made, area.users["parent"].parent_carer)
    url = reverse("surveys:answer", args=[invited.token])
    kept, other = made.questions.all()
    page = client.get(url)
    assert page.status_code == 200 and "Do you feel kept informed" in page.content.decode()
    response = client.post(url, {f"q{kept.pk}": "Yes, always", f"q{other.pk}": ""})
    assert response["Location"] == reverse("surveys:thanks")
    again = client.post(url, {f"q{kept.pk}": "No"})
    assert again.status_code == 409
    assert "already been sent using this link" in again.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.invitation == invited  # not anonymous: the answer is linked
    assert Answer.objects.get().choices == ["Yes, always"]


def test_a_missing_answer_shows_a_govuk_error_and_saves_nothing(area, client):
    made = survey()
    invited = invitation(made, area.users["parent"].parent_carer)
    response = client.post(reverse("surveys:answer", args=[invited.token]), {})
    assert "govuk-error-summary" in response.content.decode()
    assert "Answer the question: Do you feel kept informed" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    invited.refresh_from_db()
    assert invited.answered_at is None


def test_an_anonymous_answer_stores_no_link_to_the_person(area):
    made = survey(anonymous=True)
    invited = invitation(made, area.users["parent"].parent_carer)
    survey_services.submit(made, invited, _answers(made))
    row = SurveyResponse.objects.values().get()
    assert row["invitation_id"] is None
    assert set(row) == {"id", "survey_id", "invitation_id", "submitted_on"}  # nothing else to link by
    invited.refresh_from_db()
    assert invited.answered_at is not None
    with pytest.raises(Refused, match="already been sent"):
        survey_services.submit(made, invited, _answers(made))
    assert SurveyResponse.objects.count() == 1


def test_no_answer_after_the_survey_closes(area, client):
    made = survey()
    invited = invitation(made, area.users["parent"].parent_carer)
    with pytest.raises(Refused, match="closed"):
        survey_services.submit(made, invited, _answers(made), today=made.closes_on + timedelta(days=1))
    Survey.objects.filter(pk=made.pk).update(closes_on=dates.today() - timedelta(days=1))
    kept = made.questions.first()
    response = client.post(reverse("surveys:answer", args=[invited.token]), {f"q{kept.pk}": "No"})
    assert "This survey is closed" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_open_link_works_only_for_surveys_open_by_link(area, client):
    closed_link = survey()
    assert client.get(reverse("surveys:answer_link", args=[closed_link.link_token])).status_code == 404
    open_link = survey(open_by_link=True)
    kept = open_link.questions.first()
    client.post(reverse("surveys:answer_link", args=[open_link.link_token]), {f"q{kept.pk}": "Sometimes"})
    assert SurveyResponse.objects.get().survey == open_link


def test_results_escape_free_text_and_suppress_small_numbers_when_published(area, login):
    made = survey()
    survey_services.submit(made, None, _answers(made, text="<script>alert(1)</script> too slow"))
    for _ in range(5):
        survey_services.submit(made, None, _answers(made, yes=False))
    client = login("manager")
    url = reverse("surveys:results", args=[made.public_id])
    html = client.page(url)
    raw = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt; too slow" in raw
    table = html.find("caption", string=lambda s: s and "kept informed" in s).find_parent("table")
    cells = [
        [c.get_text(strip=True) for c in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")
    ]
    assert cells[0] == ["Yes, always", "1", "16.7%"] and cells[2] == ["No", "5", "83.3%"]
    published = client.page(url + "?published=1")
    table = published.find("caption", string=lambda s: s and "kept informed" in s).find_parent("table")
    cells = [
        [c.get_text(strip=True) for c in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")
    ]
    assert cells[0] == ["Yes, always", "[c]", "[c]"] and cells[2] == ["No", "5", "83.3%"]
    assert "too slow" not in published.get_text()  # free text is not published


def test_results_filter_by_month(area):
    made = survey(opens_on=dates.today() - timedelta(days=70))
    survey_services.submit(made, None, _answers(made), today=dates.today())
    earlier = dates.today().replace(day=1) - timedelta(days=1)
    survey_services.submit(made, None, _answers(made, yes=False), today=earlier)
    found = survey_measures.results(made, month=earlier.replace(day=1))
    assert found.responses == 1
    assert [o.count for o in found.questions[0].options] == [0, 0, 1]
    assert len(survey_measures.results(made).by_month) == 2


def test_the_kept_informed_answers_move_the_kpi(area):
    kpi_services.load_definitions([k for k in KPIS if k["code"] == "1.1"])
    made = survey()
    for yes in (True, True, True, False):
        survey_services.submit(made, None, _answers(made, yes=yes))
    kpi_services.snapshot(dates.today())
    figure = KPI.objects.get(code="1.1").measurements.get()
    assert (figure.value, figure.numerator, figure.denominator) == (75, 3, 4)
    survey_services.submit(made, None, _answers(made, yes=True))
    kpi_services.snapshot(dates.today())
    figure.refresh_from_db()
    assert (figure.value, figure.numerator, figure.denominator) == (80, 4, 5)


def test_training_impact_shows_the_difference_before_and_after(area, login):
    pair = training_pair()
    survey_services.submit(pair.before, None, _answers(pair.before, yes=False))
    survey_services.submit(pair.before, None, _answers(pair.before, yes=True))
    survey_services.submit(pair.after, None, _answers(pair.after, yes=True))
    (difference,) = survey_measures.training_difference(pair)
    assert (difference.before, difference.after, difference.change) == (50.0, 100.0, 50.0)
    page = login("manager").page(reverse("surveys:pair_detail", args=[pair.public_id]))
    assert "+50.0" in page.get_text()


def test_the_results_page_does_not_query_per_answer(area, login, django_assert_max_num_queries):
    made = survey()
    client = login("manager")
    url = reverse("surveys:results", args=[made.public_id])
    survey_services.submit(made, None, _answers(made, text="one"))
    client.get(url)
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    for _ in range(8):
        survey_services.submit(made, None, _answers(made, text="more"))
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_the_survey_list_counts_answers_by_audience_and_month(area, login):
    families = survey()
    schools = survey("Place planning", audience="schools")
    for _ in range(3):
        survey_services.submit(families, None, _answers(families))
    survey_services.submit(schools, None, _answers(schools))
    page = login("manager").page(reverse("surveys:list"))
    table = page.find(id="by-audience")
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    assert rows["Families"][-1] == "3" and rows["Schools"][-1] == "1" and rows["Partners"][-1] == "0"
    assert len(rows["Families"]) == 6  # this month and the five before
    filtered = login("manager").page(reverse("surveys:list") + "?audience=schools")
    assert [a.get_text() for a in filtered.select("#surveys tbody a")] == ["Place planning"]


def test_the_results_list_the_latest_free_text_answers_only(area, monkeypatch):
    monkeypatch.setattr(survey_measures, "TEXT_LIMIT", 2)
    made = survey()
    for text in ("first", "second", "third"):
        survey_services.submit(made, None, _answers(made, text=text))
    texts = survey_measures.results(made).questions[1]
    assert (texts.texts, texts.answered) == (["third", "second"], 3)


def test_a_bad_audience_filter_is_a_govuk_error_and_lists_no_survey(area, login):
    survey()
    page = login("manager").page(reverse("surveys:list") + "?audience=nonsense")
    assert page.select_one(".govuk-error-summary a[href='#audience']")
    assert page.find(id="surveys") is None
