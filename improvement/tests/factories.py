"""Test data: the Bradford plan loaded for real, with actions led by the test area's personas."""

from datetime import timedelta

from django.utils import timezone

from clock import dates
from improvement import documents
from improvement.models import Action, ReportKind, ScheduledReport
from improvement.plan_data import load_plan
from improvement.services import update_action


def plan_for(area):
    """Load the plan once per test area; the action_lead persona leads 2.1.2 and 2.3.1, the DCO
    leads 2.2.2; 2.1.2 is amber with a narrative."""
    found = getattr(area, "improvement_actions", None)
    if found is None:
        load_plan()
        Action.objects.filter(number__in=["2.1.2", "2.3.1"]).update(lead=area.users["action_lead"])
        Action.objects.filter(number="2.2.2").update(lead=area.users["dco"])
        found = area.improvement_actions = {a.number: a for a in Action.objects.all()}
        amber = found["2.1.2"]
        update_action(
            amber, area.users["action_lead"], amber.version, "amber", "Portal launch slipped a month."
        )
        amber.refresh_from_db()
    return found


def action_for(area, number="2.1.2"):
    return plan_for(area)[number]


def issued_report_for(area, kind=ReportKind.QUARTERLY):
    report = getattr(area, "improvement_report", None)
    if report is None:
        plan_for(area)
        report = area.improvement_report = documents.issue(kind, dates.today(), area.users["manager"])
    return report


def schedule_slot(kind=ReportKind.QUARTERLY, in_days=5):
    return ScheduledReport.objects.create(kind=kind, due_on=dates.today() + timedelta(days=in_days))


def moments_ago(minutes: int):
    return timezone.now() - timedelta(minutes=minutes)
