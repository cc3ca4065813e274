"""The plan: loading the Bradford WSOA, updating an action and its rating history, and the pages."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from core.concurrency import StaleEditError
from core.tests.list_export_helpers import csv_lines, export_job, exported
from improvement import reminders
from improvement.models import Action, Area, Milestone, ProgressUpdate, RatingChange, ScheduledReport
from improvement.plan_data import BRADFORD_WSA, month_end
from improvement.services import UpdateRefused, update_action
from improvement.tests.factories import action_for, plan_for, schedule_slot

pytestmark = pytest.mark.django_db


def test_the_bradford_plan_loads_every_area_objective_and_action(area):
    plan_for(area)
    data = json.loads(BRADFORD_WSA.read_text())
    expected = [a["number"] for ar in data["areas"] for o in ar["objectives"] for a in o["actions"]]
    assert list(Action.objects.values_list("number", flat=True)) == expected
    assert list(Area.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert Area.objects.get(number=3).sro_name == "Sarah Muckle"
    first = Action.objects.get(number="1.1.1")
    assert first.lead_post == "Strategic Manager SEND CBMDC"
    assert "VCSE Groups" in first.partner_list
    assert Milestone.objects.get(action__number="2.1.1").measure == "8 FTE Annual Review Officers recruited"
    assert Action.objects.get(number="2.1.1").resource == "additional"


def test_a_month_in_the_plan_means_the_end_of_that_month():
    assert month_end("2022-11").isoformat() == "2022-11-30"
    assert month_end("2023-02").isoformat() == "2023-02-28"
    assert month_end("2022-11", shift_months=3).isoformat() == "2023-02-28"


def test_red_and_amber_need_a_narrative_and_a_failed_update_saves_nothing(area):
    action = action_for(area, "2.3.1")
    lead = area.users["action_lead"]
    for rating in ("red", "amber"):
        with pytest.raises(UpdateRefused, match=f"why the action is {rating}"):
            update_action(action, lead, action.version, rating, "  ")
    with pytest.raises(UpdateRefused, match="why the rating has changed"):
        update_action(action, lead, action.version, "blue", "")
    assert not RatingChange.objects.filter(action=action).exists()
    assert not ProgressUpdate.objects.filter(action=action).exists()


def test_a_rating_change_is_kept_with_who_when_from_to_and_why(area):
    action = action_for(area, "2.3.1")
    lead = area.users["action_lead"]
    update_action(action, lead, action.version, "red", "The PFA audit found 25%, below the trajectory.")
    change = RatingChange.objects.get(action=action)
    assert (change.from_rating, change.to_rating, change.changed_by) == ("grey", "red", lead)
    assert change.reason == "The PFA audit found 25%, below the trajectory."
    action.refresh_from_db()
    assert action.rating == "red" and action.rating_changed_at == change.changed_at
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        RatingChange.objects.filter(pk=change.pk).update(reason="rewritten")
    with pytest.raises(PermissionError):
        change.delete()


def test_an_update_without_a_rating_change_writes_no_rating_history(area):
    action = action_for(area, "2.1.2")
    before = RatingChange.objects.filter(action=action).count()
    update_action(action, area.users["manager"], action.version, "amber", "Still waiting on the portal.")
    assert RatingChange.objects.filter(action=action).count() == before
    assert action.updates.first().narrative == "Still waiting on the portal."


def test_two_people_cannot_overwrite_each_other(area):
    action = action_for(area, "2.3.1")
    opened = action.version
    update_action(action, area.users["action_lead"], opened, "green", "On track.")
    stale = Action.objects.get(pk=action.pk)
    with pytest.raises(StaleEditError):
        update_action(stale, area.users["manager"], opened, "red", "Delayed.")
    assert Action.objects.get(pk=action.pk).rating == "green"
    assert RatingChange.objects.filter(action=action).count() == 1


def test_the_lead_updates_through_the_form_with_an_error_summary_first(area, login):
    action = action_for(area, "2.3.1")
    client = login("action_lead")
    url = reverse("improvement:action_update", args=[action.public_id])
    soup = client.page(url)
    assert soup.find("input", attrs={"name": "rating", "value": "grey", "checked": True})
    response = client.post(url, {"rating": "amber", "narrative": "", "version": action.version})
    assert response.status_code == 200
    summary = response.content.decode()
    assert (
        "govuk-error-summary" in summary
        and "Enter a progress update saying why the action is amber" in summary
    )
    assert not RatingChange.objects.filter(action=action).exists()
    first_milestone = action.milestones.first()
    response = client.post(
        url,
        {
            "rating": "amber",
            "narrative": "Audit slipped a term.",
            "version": action.version,
            "milestones_met": [first_milestone.pk],
        },
    )
    assert response.status_code == 302
    first_milestone.refresh_from_db()
    assert first_milestone.met_on is not None
    assert action.milestones.filter(met_on__isnull=True).count() == 1
    soup = client.page(reverse("improvement:action_detail", args=[action.public_id]))
    history = soup.find("table", id="rating-changes").get_text(" ", strip=True)
    assert "Grey" in history and "Amber" in history and "Audit slipped a term." in history


def test_a_stale_form_is_refused_with_a_clear_message(area, login):
    action = action_for(area, "2.3.1")
    opened = action.version
    update_action(action, area.users["manager"], opened, "green", "On track.")
    response = login("action_lead").post(
        reverse("improvement:action_update", args=[action.public_id]),
        {"rating": "red", "narrative": "Delayed.", "version": opened},
    )
    assert response.status_code == 200 and "Someone else saved a change" in response.content.decode()
    assert Action.objects.get(pk=action.pk).rating == "green"


def test_only_the_lead_or_a_manager_may_update(area, login):
    action = action_for(area, "2.2.2")  # led by the DCO
    url = reverse("improvement:action_update", args=[action.public_id])
    assert login("dco").get(url).status_code == 200
    assert login("manager").get(url).status_code == 200
    assert login("action_lead").get(url).status_code == 403
    response = login("board_member").post(url, {"rating": "red", "narrative": "x", "version": action.version})
    assert response.status_code == 403
    assert not RatingChange.objects.filter(action=action).exists()


def test_the_plan_filters_searches_and_exports(area, login):
    plan_for(area)
    client = login("board_member")
    soup = client.page(reverse("improvement:plan") + "?rating=amber")
    assert soup.find(id="result-count").get_text(strip=True) == "1 action found"
    soup = client.page(reverse("improvement:plan") + "?area=3")
    assert soup.find(id="result-count").get_text(strip=True) == "8 actions found"
    mine = login("action_lead").page(reverse("improvement:plan") + "?lead=me")
    assert mine.find(id="result-count").get_text(strip=True) == "2 actions found"
    response = client.post(reverse("improvement:plan"), {"q": "wheelchairs"})
    assert "wheelchairs" not in response["Location"]
    soup = client.page(response["Location"])
    assert soup.find(id="result-count").get_text(strip=True) == "3 actions found"
    text = "\n".join(csv_lines(exported(client, reverse("improvement:plan") + "?rating=amber&format=csv")))
    assert "2.1.2" in text and "Portal launch slipped a month." in text and "1.1.1" not in text
    job = export_job(client, reverse("improvement:plan") + "?format=xlsx")
    xlsx = client.get(reverse("jobs:download", args=[job.public_id]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # On the job queue (issue 22): the search applies, "my actions" are the lead's, and the file is
    # its owner's alone.
    searched = csv_lines(exported(client, response["Location"] + "&format=csv"))
    assert len(searched) == 1 + 3
    mine = exported(login("action_lead"), reverse("improvement:plan") + "?lead=me&format=csv")
    assert len(csv_lines(mine)) == 3
    assert login("dsco").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_the_exception_list_shows_red_and_amber_with_their_narrative(area, login):
    plan_for(area)
    red = Action.objects.get(number="4.4.3")
    update_action(red, area.users["manager"], red.version, "red", "Workforce analysis not started.")
    soup = login("dsco").page(reverse("improvement:exceptions"))
    text = soup.get_text(" ", strip=True)
    assert "2 actions rated red or amber" in text
    assert text.index("Action 4.4.3") < text.index("Action 2.1.2")  # red first
    assert "Workforce analysis not started." in text and "Portal launch slipped a month." in text
    # Its export runs on the job queue (issue 22), red first as on the page, an area's filter kept.
    lines = csv_lines(exported(login("dsco"), reverse("improvement:exceptions") + "?format=csv"))
    assert [line.split(",")[0] for line in lines[1:]] == ["4.4.3", "2.1.2"]
    lines = csv_lines(exported(login("dsco"), reverse("improvement:exceptions") + "?area=4&format=csv"))
    assert [line.split(",")[0] for line in lines[1:]] == ["4.4.3"]
    bad = login("dsco").page(reverse("improvement:exceptions") + "?area=abc")
    assert bad.select_one(".govuk-error-summary a[href='#area']")
    assert "0 actions rated red or amber" in bad.get_text(" ", strip=True)


def test_what_changed_since_the_last_report(area, login):
    plan_for(area)
    soup = login("manager").page(reverse("improvement:changes"))
    assert "No report has been issued yet" in soup.get_text()
    assert "Portal launch slipped a month." in soup.find(id="rating-changes").get_text()


def test_leads_are_reminded_once_before_a_scheduled_report(area, settings):
    from clock import dates

    plan_for(area)
    slot = schedule_slot(in_days=5)
    schedule_slot(in_days=30)  # too far ahead to remind yet
    assert reminders.send_reminders(dates.today(), base_url="https://send.example") >= 1
    to_lead = [m for m in mail.outbox if area.users["action_lead"].email in m.to]
    assert len(to_lead) == 1
    assert (
        "Action 2.1.2" in to_lead[0].body and "https://send.example/improvement/?lead=me" in to_lead[0].body
    )
    assert "Update your improvement plan actions" in to_lead[0].subject
    sent = len(mail.outbox)
    assert reminders.send_reminders(dates.today()) == 0
    assert len(mail.outbox) == sent
    slot.refresh_from_db()
    assert slot.reminders_sent_on == dates.today()
    assert ScheduledReport.objects.filter(reminders_sent_on__isnull=True).count() == 1


def test_the_plan_page_does_not_query_per_action(area, login, django_assert_max_num_queries):
    plan_for(area)
    client = login("manager")
    client.get(reverse("improvement:plan"))  # warm the session and permission caches
    with django_assert_max_num_queries(16):
        response = client.get(reverse("improvement:plan"))
    assert response.status_code == 200 and response.content.decode().count("opensend-bragg-") >= 55


@pytest.mark.parametrize(
    "query, field", [("area=" + "9" * 30, "area"), ("lead=someone", "lead"), ("rating=purple", "rating")]
)
def test_a_bad_plan_filter_is_a_govuk_error_and_lists_no_action(area, login, query, field):
    plan_for(area)
    soup = login("board_member").page(reverse("improvement:plan") + "?" + query)
    assert soup.select_one(f".govuk-error-summary a[href='#{field}']")
    assert soup.find(id="result-count").get_text(strip=True) == "0 actions found"
