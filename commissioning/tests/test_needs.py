"""The needs analysis: counts by need, year group, area, setting type and phase, from the records."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from clock import dates
from commissioning import queries
from people.models import Child
from people.tests.factories import ChildFactory, SettingFactory
from plans.models import EHCPlan

pytestmark = pytest.mark.django_db

ON = date(2026, 12, 3)


def _only_these(*children):
    Child.objects.exclude(pk__in=[c.pk for c in children]).update(sen_provision="N")


def test_breakdown_by_need_counts_plans_and_support_separately(area):
    kids = [
        ChildFactory(sen_provision="E", primary_need="ASD"),
        ChildFactory(sen_provision="E", primary_need="ASD"),
        ChildFactory(sen_provision="K", primary_need="ASD"),
        ChildFactory(sen_provision="E", primary_need="SEMH"),
        ChildFactory(sen_provision="N", primary_need="SLCN"),
    ]
    _only_these(*kids)
    rows = queries.breakdown(queries.children_frame(), "need", ON)
    assert rows == [
        {"group": "Autistic spectrum disorder", "plans": 2, "support": 1, "total": 3},
        {"group": "Social, emotional and mental health", "plans": 1, "support": 0, "total": 1},
    ]


def test_year_groups_match_the_core_dates_rule_for_every_birthday_in_a_year(area):
    kids = [ChildFactory(date_of_birth=date(2015, month, 15)) for month in range(1, 13)]
    kids.append(ChildFactory(date_of_birth=date(2016, 8, 31), year_group_override=3))
    _only_these(*kids)
    frame = queries.children_frame()
    got = sorted(queries.year_groups(frame, ON).repeat(frame["children"]))
    expected = sorted(k.year_group(ON) for k in kids)
    assert got == expected
    assert expected != [expected[0]] * len(expected)  # the months straddle September
    rows = queries.breakdown(frame, "year_group", ON)
    assert [r["group"] for r in rows] == [dates.year_group_label(y) for y in sorted(set(expected))]


def test_area_setting_type_and_phase(area):
    special = SettingFactory(setting_type="special", phase="secondary")
    kids = [
        ChildFactory(postcode="BD3 8QX", setting=special),
        ChildFactory(postcode="bd3 9aa", setting=special),
        ChildFactory(postcode="BD10 1AA", setting=None),
    ]
    _only_these(*kids)
    frame = queries.children_frame()
    assert {r["group"]: r["total"] for r in queries.breakdown(frame, "area", ON)} == {"BD3": 2, "BD10": 1}
    by_type = {r["group"]: r["total"] for r in queries.breakdown(frame, "setting_type", ON)}
    assert by_type == {"Special school": 2, "Not known": 1}
    assert {r["group"]: r["total"] for r in queries.breakdown(frame, "phase", ON)} == {
        "Secondary": 2,
        "Not known": 1,
    }


def test_plan_trend_counts_plans_in_force_at_each_year_end(area):
    child = ChildFactory()
    EHCPlan.objects.create(child=child, first_issued_on=date(2019, 5, 1), ceased_on=date(2022, 3, 1))
    EHCPlan.objects.create(child=ChildFactory(), first_issued_on=date(2021, 6, 1))
    EHCPlan.objects.create(child=ChildFactory(), first_issued_on=date(2022, 1, 9))
    trend = {t["year"]: t for t in queries.plan_trend(2023, years=4)}
    assert trend[2020] == {"year": 2020, "started": 0, "ceased": 0, "in_force": 1}
    assert trend[2021]["in_force"] == 2
    assert trend[2022] == {"year": 2022, "started": 1, "ceased": 1, "in_force": 2}
    assert trend[2023]["in_force"] == 2


def test_page_shows_a_chart_with_a_table_beside_it(area, login):
    _only_these(ChildFactory(primary_need="ASD"))
    soup = login("commissioner").page(reverse("commissioning:needs") + "?by=need")
    table = soup.find(id="needs-table")
    assert soup.find("svg") is not None and table is not None
    assert "Autistic spectrum disorder" in table.get_text()
    assert area.own_child.legal_last_name not in soup.get_text()


def test_export_suppresses_small_numbers_and_is_audited(area, login):
    kids = [ChildFactory(primary_need="ASD") for _ in range(6)] + [ChildFactory(primary_need="HI")]
    _only_these(*kids)
    response = login("commissioner").get(reverse("commissioning:needs") + "?by=need&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Primary need"
    assert ["Autistic spectrum disorder", "6", "0", "6"] in rows
    assert ["Hearing impairment", "[c]", "0", "[c]"] in rows
    assert AuditEvent.objects.filter(summary__startswith="Exported the needs analysis").exists()


def test_page_queries_do_not_grow_with_children(area, login, django_assert_max_num_queries):
    client = login("commissioner")
    url = reverse("commissioning:needs")
    ChildFactory.create_batch(30, postcode="BD5 1AA")
    with django_assert_max_num_queries(12):
        client.page(url + "?by=area")


def test_plans_frame_feeds_the_forecast(area):
    EHCPlan.objects.all().delete()
    born_2015 = [ChildFactory(date_of_birth=date(2015, 3, 1), primary_need="ASD") for _ in range(2)]
    for child in born_2015:
        EHCPlan.objects.create(child=child, first_issued_on=date(2022, 4, 1))
    EHCPlan.objects.create(
        child=ChildFactory(primary_need="SEMH", date_of_birth=date(2009, 1, 1)),
        first_issued_on=date(2020, 1, 1),
        ceased_on=date(2024, 7, 1),
    )
    frame = queries.plans_frame().sort_values("need").reset_index(drop=True)
    assert frame[["need", "birth_year", "start_year", "n"]].values.tolist() == [
        ["ASD", 2015, 2022, 2],
        ["SEMH", 2009, 2020, 1],
    ]
    assert frame["end_year"].isna().tolist() == [True, False]
    assert frame.loc[1, "end_year"] == 2024
