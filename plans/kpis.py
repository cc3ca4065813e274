"""The KPI figures counted from the plans' quality checks (core/kpis.py): point in time, so only
for the month that holds today; plans.measures owns the rules."""

from core.kpis import from_proportion, kpi_measure, kpi_source
from plans.measures import measure

ORDER = 30


@kpi_measure("plans")
def plan_checks(measured):
    return measure(measured.today)


def _plans(attribute):
    def read(measured, month):
        if not measured.is_current(month):
            return None
        return from_proportion(getattr(measured.of("plans"), attribute))

    return read


def _plan_check(code):
    def read(measured, month):
        return from_proportion(measured.of("plans").checks.get(code)) if measured.is_current(month) else None

    return read


kpi_source("plans_no_findings", "Plans passing every quality check", _plans("no_findings"), order=ORDER,
           point_in_time=True)
kpi_source("plans_pfa", "Year 9 and above: outcomes in every adulthood area", _plans("pfa"), order=ORDER,
           point_in_time=True)
kpi_source("plans_health_advice", "Plans with health advice under 12 months old", _plans("health_advice"),
           order=ORDER, point_in_time=True)
kpi_source("plans_social_care_advice", "Plans with social care advice where needed",
           _plans("social_care_advice"), order=ORDER, point_in_time=True)
kpi_source("plans_key_stage", "Plans with no outcome for a key stage already left",
           _plan_check("key_stage_left"), order=ORDER, point_in_time=True)
kpi_source("plans_advice_current", "Plans with current advice (section K)", _plans("advice_current"),
           order=ORDER, point_in_time=True)
