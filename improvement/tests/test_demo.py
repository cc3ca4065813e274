"""The demo builder: the Bradford plan part-way through, with the persona's own actions."""

import random

import pytest

from accounts.roles import Role
from clock import dates
from core.demo import DemoContext
from improvement import demo, queries
from improvement.models import Action, ProgressUpdate, RatingChange, Report, ScheduledReport
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_plan_is_part_way_through_with_one_report_issued(area):
    others = [UserFactory(role=Role.ACTION_LEAD) for _ in range(3)]
    context = DemoContext(
        rng=random.Random(7),
        scale=0.01,
        today=dates.today(),
        progress=lambda items, *args, **kwargs: items,
        data={"users": area.users, "accounts": {"action_lead": [area.users["action_lead"], *others]}},
    )
    counts = demo.build(context)
    assert counts["actions"] == Action.objects.count() == 55
    persona = area.users["action_lead"]
    mine = dict(Action.objects.filter(lead=persona).values_list("number", "rating"))
    assert mine == demo.PERSONA_ACTIONS
    assert Action.objects.get(number="2.2.2").lead == area.users["dco"]
    assert not Action.objects.filter(lead__isnull=True).exists()
    assert ProgressUpdate.objects.count() >= 55
    report = Report.objects.get()
    assert report.kind == "quarterly" and report.slot.kind == "quarterly"
    assert ScheduledReport.objects.filter(due_on__gt=dates.today()).count() >= 12
    # Changes after the issued report: the persona's red and amber among them.
    rating_changes, _ = queries.changes_since(report.issued_at)
    changed = {c.action.number for c in rating_changes}
    assert {"2.1.2", "1.5.1", "1.1.1"} <= changed
    assert RatingChange.objects.filter(changed_at__lte=report.issued_at).count() >= 1
    exceptions = {a.number for a in queries.exceptions()}
    assert {"2.1.2", "1.5.1"} <= exceptions
