"""Small hand-built areas for the statutory returns' tests.

Most children are made through the real services (casework, plans, reviews factories); the
scaling test adds many children straight through the ORM, the same rows the services write, so it
stays quick."""

from datetime import date, timedelta

from casework.models import AssessmentCase, CaseEvent, RequestSource, Stage
from clock.case_events import EventKind as K
from people.tests.factories import ChildFactory, SettingFactory
from plans.models import EHCPlan

CENSUS_2027 = date(2027, 1, 21)  # the third Thursday of January 2027: the census for 2026


def direct_case(child, received_on, *steps, source=RequestSource.SETTING, reference=None):
    """An AssessmentCase with events `steps` ((kind, date) pairs), written straight to the tables."""
    stage = {
        K.DECIDED_TO_ASSESS: Stage.ASSESSING,
        K.DECIDED_NOT_TO_ASSESS: Stage.NOT_ASSESSED,
        K.FINAL_ISSUED: Stage.FINAL,
        K.WITHDRAWN: Stage.WITHDRAWN,
        K.DECIDED_NOT_TO_ISSUE: Stage.NOT_ISSUED,
    }
    last = steps[-1] if steps else None
    case = AssessmentCase.objects.create(
        reference=reference or f"T{child.pk:06d}-{received_on:%y%m%d}",
        child=child,
        source=source,
        received_on=received_on,
        reasons="Test",
        stage=stage.get(last[0], Stage.RECEIVED) if last else Stage.RECEIVED,
        closed_on=last[1]
        if last and last[0] in (K.FINAL_ISSUED, K.WITHDRAWN, K.DECIDED_NOT_TO_ASSESS)
        else None,
    )
    events = [CaseEvent(case=case, kind=K.REQUEST_RECEIVED, on=received_on)]
    events += [CaseEvent(case=case, kind=kind, on=on) for kind, on in steps]
    CaseEvent.objects.bulk_create(events)
    return case


def planned_children(count, school=None, start=date(2026, 2, 2)):
    """`count` children, each with a request in 2026 that led to a plan issued 18 weeks later."""
    school = school or SettingFactory()
    made = []
    for n in range(count):
        child = ChildFactory(setting=school, secondary_need="SLCN")
        received = start + timedelta(days=n % 200)
        case = direct_case(
            child,
            received,
            (K.DECIDED_TO_ASSESS, received + timedelta(days=35)),
            (K.DECIDED_TO_ISSUE, received + timedelta(days=84)),
            (K.DRAFT_SERVED, received + timedelta(days=98)),
            (K.FINAL_ISSUED, received + timedelta(days=126)),
        )
        EHCPlan.objects.create(child=child, case=case, first_issued_on=received + timedelta(days=126))
        made.append(child)
    return made
