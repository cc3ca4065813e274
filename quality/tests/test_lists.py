"""The quality lists (all plan audits, quality actions) filter through core/filters.py: a value the list
cannot use is a GOV.UK error with nothing listed, never a 500 nor a wider list. The child's name
searched for on the audit list goes to the session, never into a URL."""

import pytest
from django.urls import reverse

from core.tests.list_export_helpers import csv_lines, exported
from jobs.models import Job
from people.models import Child
from quality import services
from quality.models import ActionStatus, AuditStatus, QualityAction
from quality.tests.factories import CYCLE, audit_cycle, bulk_plans

pytestmark = pytest.mark.django_db

AUDITS = reverse("quality:audit_list")
ACTIONS = reverse("quality:action_list")
NAME = "Zephyrine"  # a name no page's own links contain
URL_ATTRIBUTES = ("href", "action", "src", "formaction")


def _rows(page, table):
    return [row.th.get_text(strip=True) for row in page.select(f"#{table} tbody tr") if row.th]


def _error(page):
    summary = page.find(class_="govuk-error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def test_the_audit_list_filters_by_status(area, login):
    cycle = audit_cycle(area)
    page = login("manager").page(AUDITS, data={"status": AuditStatus.MODERATING})
    assert _rows(page, "audits") == [cycle.moderating.plan.child.full_name]
    assert page.find("select", id="status").find("option", selected=True)["value"] == "moderating"


@pytest.mark.parametrize("value", ["nonsense", "1", "Submitted"])
def test_an_unknown_audit_status_is_a_govuk_error_and_lists_nothing(area, login, value):
    audit_cycle(area)
    client = login("manager")
    page = client.page(AUDITS, data={"status": value})
    assert "Status: choose one of the options in the list" in _error(page)
    assert _rows(page, "audits") == [] and "No audits match" in page.get_text()
    # Nor is an export of a list it cannot draw started.
    response = client.get(AUDITS, {"status": value, "format": "csv"})
    assert response.status_code == 200 and not Job.objects.exists()


def _actions_listed(page):
    return {a["href"].rstrip("/").rsplit("/", 1)[1] for a in page.select("#actions tbody th a")}


def test_the_action_list_shows_the_actions_to_do_unless_asked_otherwise(area, login):
    cycle = audit_cycle(area)
    client = login("caseworker")
    mine = QualityAction.objects.filter(assigned_to=area.users["caseworker"])
    to_do = {str(a.public_id) for a in mine}
    assert len(to_do) > 1 and _actions_listed(client.page(ACTIONS)) == to_do
    assert _actions_listed(client.page(ACTIONS, data={"status": ActionStatus.DONE})) == set()
    mine.filter(pk=cycle.action.pk).update(status=ActionStatus.DONE)
    assert _actions_listed(client.page(ACTIONS)) == to_do - {str(cycle.action.public_id)}
    done = client.page(ACTIONS, data={"status": ActionStatus.DONE})
    assert _actions_listed(done) == {str(cycle.action.public_id)}
    assert done.find("select", id="status").find("option", selected=True)["value"] == "done"


@pytest.mark.parametrize("value", ["nonsense", "3", "open "])
def test_an_unknown_action_status_is_a_govuk_error_and_lists_nothing(area, login, value):
    audit_cycle(area)
    page = login("caseworker").page(ACTIONS, data={"status": value})
    assert "Show: choose one of the options in the list" in _error(page)
    assert _actions_listed(page) == set() and "No actions to show" in page.get_text()


def _many_audits_of(manager, name, count):
    bulk_plans(count)
    Child.objects.update(legal_first_name=name)
    for child in Child.objects.all():
        child.search_name = f"{name} {child.legal_last_name}".lower()
        child.save(update_fields=["search_name"])
    services.draw_sample(None, manager, cycle=CYCLE, kind="random", size=count, seed=1)


def _urls(page):
    return [tag[attr] for attr in URL_ATTRIBUTES for tag in page.find_all(attrs={attr: True})]


def test_the_name_searched_for_never_appears_in_a_url(area, login):
    _many_audits_of(area.users["manager"], NAME, 55)
    other = audit_cycle(area).assigned.plan.child  # not a Zephyrine
    client = login("manager")
    response = client.post(AUDITS + "?status=assigned&page=2", {"q": NAME})
    location = response["Location"]
    assert response.status_code == 302 and NAME.lower() not in location.lower()
    assert "status=assigned" in location and "page=" not in location and "s=" in location

    first = client.page(location)
    assert len(_rows(first, "audits")) == 50 and other.full_name not in _rows(first, "audits")
    assert first.find(id="result-count").get_text(strip=True) == "55 audits found"
    assert first.find("input", id="q")["value"] == NAME  # the box still shows the words
    second = client.page(AUDITS + first.find("a", rel="next")["href"])
    assert len(_rows(second, "audits")) == 5
    for page in (first, second):
        urls = _urls(page)
        assert urls and not [url for url in urls if NAME.lower() in url.lower()]

    # The export of the searched list: its link and the job's page carry no words, the file only the matches.
    export = first.find("a", href=lambda href: href and "format=csv" in href)["href"]
    export = AUDITS + export
    response = client.get(export)
    assert response.status_code == 302 and NAME.lower() not in response["Location"].lower()
    lines = csv_lines(exported(client, export))[1:]
    assert len(lines) == 55 and all(NAME in line for line in lines)


def test_an_empty_search_clears_the_words_and_keeps_the_filters(area, login):
    audit_cycle(area)
    client = login("manager")
    searched = client.post(AUDITS, {"q": "nobody by this name"})["Location"]
    assert client.page(searched).find(id="result-count").get_text(strip=True) == "0 audits found"
    cleared = client.post(searched.replace("?", "?status=submitted&", 1), {"q": " "})["Location"]
    assert cleared == AUDITS + "?status=submitted"
    assert client.page(cleared).find(id="result-count").get_text(strip=True) == "1 audit found"
