"""The SEN2 return's counts reconciled with the records: new plans in the year (plans first issued
in it, less those moved in from another area), plans in place on the census day, and requests
received in the year; a difference shows on the SEN2 page as a failure."""

from datetime import date

import pytest
from django.urls import reverse

from people.tests.factories import ChildFactory
from performance.returns import reconcile, sen2
from performance.tests.returns_builders import CENSUS_2027
from plans.models import EHCPlan
from plans.tests.factories import issued_plan
from reviews.models import Direction, Transfer

pytestmark = pytest.mark.django_db


def _lines():
    return {line.key: line for line in reconcile.lines(sen2.collect(CENSUS_2027, "999"))}


def test_the_returns_counts_agree_with_the_records(area):
    issued_plan(area.own_child)  # requested and issued in 2026
    moved = ChildFactory(setting=area.school)
    plan = EHCPlan.objects.create(child=moved, first_issued_on=date(2026, 3, 2))  # issued by Leeds
    Transfer.objects.create(
        direction=Direction.IN, child=moved, plan=plan, other_area="Leeds (383)",
        started_on=date(2026, 5, 1), due_on=date(2026, 6, 12),
    )  # fmt: skip
    lines = _lines()
    assert (lines["new_plans"].reported, lines["new_plans"].recorded) == (1, 1)
    assert (lines["active_plans"].reported, lines["active_plans"].recorded) == (2, 2)
    assert (lines["requests"].reported, lines["requests"].recorded) == (1, 1)
    assert all(line.agrees for line in lines.values())


def test_a_plan_first_issued_in_the_year_without_its_request_makes_the_new_plans_differ(area, login):
    issued_plan(area.own_child)
    alone = ChildFactory(setting=area.school)
    EHCPlan.objects.create(child=alone, first_issued_on=date(2026, 4, 20))  # no request, not moved in
    line = _lines()["new_plans"]
    assert (line.reported, line.recorded, line.agrees) == (1, 2, False)

    soup = login("manager").page(reverse("performance:sen2") + "?year=2027")
    assert soup.select_one("#reconciliation-summary") is not None
    row = soup.select_one('#reconciliation-table tr[data-key="new_plans"]')
    assert " ".join(row.get_text().split()).endswith("1 2 Differs")
    assert (
        soup.select_one('#reconciliation-table tr[data-key="requests"]').get_text().strip().endswith("Agrees")
    )
