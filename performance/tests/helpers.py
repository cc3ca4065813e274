"""Test data for KPIs: cases whose new plans are issued on time or late, through the real services."""

from datetime import date, timedelta

from casework import services
from casework.models import AdviserType
from casework.tests.factories import open_case
from clock.case_events import EventKind as K
from people.tests.factories import ChildFactory
from performance.models import KPI, Target


def plan_issued(final_on: date, weeks: int):
    """A new plan issued on `final_on`, `weeks` weeks after the request (20 or fewer is in time)."""
    received = final_on - timedelta(weeks=weeks)
    case = open_case(ChildFactory(), received)
    services.record_event(None, case, K.DECIDED_TO_ASSESS, received + timedelta(days=28))
    advice = services.request_advice(
        None, case, AdviserType.EDUCATIONAL_PSYCHOLOGIST, received + timedelta(days=28)
    )
    services.receive_advice(None, advice, received + timedelta(days=56))
    services.record_event(None, case, K.DECIDED_TO_ISSUE, received + timedelta(days=63))
    services.record_event(None, case, K.DRAFT_SERVED, received + timedelta(days=70))
    services.record_event(None, case, K.FINAL_ISSUED, final_on)
    return case


def twenty_week_kpi(targets=((date(2025, 1, 1), 65), (date(2026, 4, 1), 75)), **fields):
    kpi = KPI.objects.create(
        code=fields.pop("code", "EHC-20W"),
        name=fields.pop("name", "New EHC plans issued within 20 weeks"),
        measures="New plans issued within 20 weeks of the request",
        source=fields.pop("source", "plans_20w_including"),
        area_code="2",
        **fields,
    )
    Target.objects.bulk_create(Target(kpi=kpi, due_on=on, value=value) for on, value in targets)
    return kpi
