"""Issue 22's busy pages do the same database work for an area and one four times its size: the
query count of each page does not grow with children, cases, plans, reviews, KPI figures or
Local Offer services (bench/bench_http.py measures what they cost over HTTP)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.tests.factories import case_at
from directory.tests.factories import make_service, postcode
from people.tests.factories import ChildFactory
from performance.models import Measurement, Origin
from performance.tests.helpers import twenty_week_kpi
from plans.tests.factories import issued_plan
from reviews.tests.factories import at, quick_review

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 2)


def captured_for(client, url):
    caches["public"].clear()  # the signed-out pages' own work, not a cached answer
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in captured]


def queries_for(client, url):
    return len(captured_for(client, url))


def grow(area, kpi, start, n):
    """n more of everything the pages list or count: children (all called Smith), open cases,
    issued plans, reviews, a month of KPI figures each, and Local Offer services near BF1 1AA."""
    caseworker = area.users["caseworker"]
    for i in range(start, start + n):
        child = ChildFactory(setting=area.school if i % 2 else area.other_school, legal_last_name="Smith")
        case_at(child, "assessing", caseworker=caseworker if i % 3 else None)
        issued_plan(ChildFactory(setting=area.school, legal_last_name="Smith"))
        quick_review(ChildFactory(setting=area.school), date(2026, 1, 1) + timedelta(days=7 * i), caseworker)
        month = date(2020, 1, 1) + timedelta(days=31 * i)
        Measurement.objects.create(
            kpi=kpi,
            period_start=month.replace(day=1),
            period_end=month.replace(day=28),
            value=Decimal(60 + i % 20),
            numerator=10,
            denominator=15,
            origin=Origin.SYSTEM,
        )
        make_service(
            name=f"Autism group {i}",
            description="For autistic children.",
            latitude=53.80 + i / 1000,
            longitude=-1.75,
        )


def pages(area, login):
    caseworker, manager, visitor = login("caseworker"), login("manager"), type(login("caseworker"))()
    case = case_at(area.own_child, "assessing", caseworker=area.users["caseworker"])
    plan, _ = issued_plan(area.other_child)
    search = caseworker.post(reverse("people:child_list"), {"q": "Smith"})["Location"]
    return [
        (caseworker, reverse("casework:my_cases")),
        (caseworker, reverse("casework:case_list")),
        (caseworker, reverse("reviews:review_list")),
        (caseworker, reverse("core:home")),
        (caseworker, reverse("casework:case_detail", args=[case.public_id])),
        (caseworker, reverse("plans:plan_detail", args=[plan.public_id])),
        (caseworker, search),
        (manager, reverse("performance:kpi_list")),
        (manager, reverse("core:home")),
        (visitor, reverse("directory:search") + "?q=autism"),
        (visitor, reverse("directory:search") + "?q=autism&postcode=BF1+1AA&distance=25"),
        (visitor, reverse("oruk:service_list")),
    ]


def test_the_busy_pages_use_the_same_queries_for_an_area_four_times_the_size(area, login):
    with at(TODAY):
        postcode("BF1 1AA", 53.80, -1.75)
        kpi = twenty_week_kpi()
        grow(area, kpi, 0, 3)
        visits = pages(area, login)
        for client, url in visits:
            client.get(url)  # the first page of a session renews it (once a minute, not each page)
        few = {url: queries_for(client, url) for client, url in visits}
        grow(area, kpi, 3, 9)
        many = {url: queries_for(client, url) for client, url in visits}
    assert many == few


def test_the_fixed_work_of_a_signed_in_page_is_reading_the_session_user_and_second_factor(area, login):
    """What every signed-in page pays before its own work: one read each of the session, the user
    and their authenticator. Not a session write on every page (SESSION_SAVE_EVERY_REQUEST), not
    Django's model permissions (ModelBackend, two queries whenever a rule said no), and at most
    one audit INSERT on a page that shows a child's record."""
    with at(TODAY):
        visits = pages(area, login)
        for client, url in visits:
            client.get(url)  # the first page of a session renews it; measured from the second
        for client, url in visits[:9]:  # the signed-in ones
            sql = captured_for(client, url)
            assert not [q for q in sql if "auth_permission" in q], url
            assert not [q for q in sql if "django_session" in q and not q.startswith("SELECT")], url
            assert len([q for q in sql if q.startswith("INSERT") and "audit_auditevent" in q]) <= 1, url
            assert [q.split(" FROM ")[1].split()[0] for q in sql[:3]] == [
                '"django_session"',
                '"accounts_user"',
                '"otp_totp_totpdevice"',
            ], url


@pytest.mark.parametrize("persona", ["caseworker", "manager", "parent", "administrator"])
def test_the_menu_asks_the_database_nothing_and_lists_what_the_role_may_open(area, login, persona):
    """Every signed-in page draws the menu: it used to load the user's Django model permissions
    (two queries) through user.has_perm for each entry the role may not open."""
    from django.test import RequestFactory

    from core import navigation

    user = area.users[persona]
    request = RequestFactory().get("/accessibility/")
    request.user = user
    user.is_verified = lambda: True
    with CaptureQueriesContext(connection) as captured:
        navigation.menu_for(request)
        entries = navigation._entries_for(user)
    assert len(captured) == 0
    expected = [
        reverse(name) for _, _, name, perm in navigation.NAVIGATION if not perm or user.has_perm(perm)
    ]
    assert [entry["url"] for entry in entries] == expected


def test_the_pages_tuned_by_issue_22_keep_their_query_counts(area, login):
    """The counts this session lowered or held, so a new query on these pages is a choice: the case
    page reads the child's plans once (the clock's reassessment test and the plan link share it),
    the caseworker home reads the stored children counts (people.provision_counts) and the
    reviews page's backlog is two index-only counts (reviews.queries.backlog)."""
    with at(TODAY):
        grow(area, twenty_week_kpi(), 0, 2)
        names = ["my", "all", "reviews", "home", "case", "plan"]
        visits = dict(zip(names, pages(area, login)[:6], strict=True))
        for client, url in visits.values():
            client.get(url)
        counts = {name: queries_for(client, url) for name, (client, url) in visits.items()}
    assert counts == {"my": 6, "all": 7, "reviews": 8, "home": 6, "case": 14, "plan": 7}
