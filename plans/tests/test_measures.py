"""plans.measures: plan quality counted across the area, in a fixed number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.tests.factories import ChildFactory
from plans import editing, measures, services
from plans.models import AdviceEntry
from plans.tests.factories import add_provision, issued_plan

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def test_measures_count_plans_passing_each_check(area):
    issued_plan(area.own_child)  # Year 7 in 2026/27: passes everything
    _, vague = issued_plan(ChildFactory(setting=None))  # no setting named in section I
    teenager = ChildFactory(
        setting=area.other_school, date_of_birth=date(2011, 3, 1), social_care_status="CIN"
    )
    plan, _ = issued_plan(teenager)  # Year 10: no preparing for adulthood outcomes, no social care advice
    draft = services.start_amendment(None, plan)
    add_provision(draft, [draft.needs.get()], what="Access to a laptop", duration="", who="Teacher")
    editing.save_item(None, draft, AdviceEntry, adviser_type="health", received_on=date(2024, 1, 5))
    services.serve_draft(None, draft, date(2026, 10, 1))
    services.issue(None, draft, date(2026, 10, 16))  # after the family's 15 days (reg 22(2))
    ceased, _ = issued_plan(ChildFactory(setting=None))
    services.cease(None, ceased, date(2026, 11, 1), "3")

    figures = measures.measure(TODAY)
    assert figures.plans == 3
    assert figures.no_findings.within == 1
    assert figures.checks["no_base"].within == 2
    assert figures.checks["pfa_missing"].within == 2
    assert (
        figures.checks["provision_vague"].within == 2 and figures.checks["provision_no_duration"].within == 2
    )
    assert figures.checks["social_care_advice_missing"].within == 2
    assert figures.checks["health_advice_old"].within == 2
    assert (figures.pfa.count, figures.pfa.within) == (1, 0)
    assert (figures.social_care_advice.count, figures.social_care_advice.within) == (1, 0)
    assert figures.health_advice.within == 0
    assert figures.advice_current.within == 2  # all but the teenager known to social care
    assert figures.no_named_setting == 1


def test_measures_take_the_same_queries_for_2_or_8_plans(area):
    for _ in range(2):
        issued_plan(ChildFactory(setting=area.school))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            measures.measure(TODAY)
        return len(captured)

    few = queries()
    for _ in range(6):
        issued_plan(ChildFactory(setting=area.school))
    assert queries() == few
