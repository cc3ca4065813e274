"""Demo data: Bradford's 2022 Written Statement of Action (seeds/000) as Brookfield's improvement
plan, part-way through: leads from the demo action leads (the demo action_lead persona owns
several actions, one amber and one red), ratings with dated progress updates, the reporting
schedule for the past and coming year, and one quarterly report already issued."""

from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from core.demo import make_uuid
from improvement import documents
from improvement.models import Action, ProgressUpdate, Rating, ReportKind, ScheduledReport
from improvement.plan_data import load_plan
from improvement.services import update_action
from performance.models import KPI

# The persona's own actions, with the rating each has now (for the demo journeys).
PERSONA_ACTIONS = {"2.1.2": "amber", "2.3.1": "green", "1.5.1": "red", "1.1.1": "blue"}
NARRATIVES = {
    "blue": "Complete and embedded: the success measure is met and the work is now business as usual.",
    "green": "On track: the work is going as planned and the next milestone should be met.",
    "amber": "In progress, but the next milestone is at risk: recruitment is slower than planned. "
    "A recovery plan goes to the next workstream meeting.",
    "red": "Significantly delayed: the supplier missed the agreed date and the milestone will be missed. "
    "Escalated to the senior responsible officer.",
    "grey": "Not started: waiting on the actions this one depends on.",
}
# The plan began in September 2022; the demo is about fourteen months in.
PLAN_START = (2022, 9)
MONTHS_IN = 14


def _shift(today) -> int:
    start_index = PLAN_START[0] * 12 + PLAN_START[1] - 1
    return (today.year * 12 + today.month - 1) - MONTHS_IN - start_index


def _rating_for(action, today, rng) -> str:
    milestones = list(action.milestones.all())
    passed = [m for m in milestones if m.due_on < today]
    if milestones and len(passed) == len(milestones):
        return rng.choice(["blue", "blue", "blue", "red"])
    if passed:
        return rng.choice(["green", "green", "amber", "blue"])
    return rng.choice(["green", "grey", "grey", "amber"])


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _leads(context) -> dict:
    accounts = context.data.get("accounts", {})
    users = context.data.get("users", {})
    return {
        "action_lead": accounts.get("action_lead") or [u for u in [users.get("action_lead")] if u],
        "dco": users.get("dco"),
        "dsco": users.get("dsco"),
        "manager": users.get("manager"),
    }


def _link_kpis(actions) -> None:
    """Link each action to the KPIs whose plan reference names it (performance.KPI.reference)."""

    kpis = list(KPI.objects.exclude(reference=""))
    for action in actions:
        linked = [k for k in kpis if action.number in k.reference.replace(",", " ").split()]
        if linked:
            action.kpis.add(*linked)


def _schedule(today) -> list[ScheduledReport]:
    slots = []
    start = today.replace(day=1) - relativedelta(months=12)
    for offset in range(25):
        month_start = start + relativedelta(months=offset)
        board_day = month_start + timedelta(days=(3 - month_start.weekday()) % 7 + 14)  # third Thursday
        slots.append(ScheduledReport(kind=ReportKind.MONTHLY_KPI, due_on=board_day))
        if offset % 2 == 0:
            slots.append(ScheduledReport(kind=ReportKind.EXCEPTION, due_on=board_day))
        if offset % 3 == 0:
            slots.append(ScheduledReport(kind=ReportKind.QUARTERLY, due_on=board_day + timedelta(days=7)))
        if offset % 6 == 0:
            slots.append(ScheduledReport(kind=ReportKind.SCRUTINY, due_on=board_day + timedelta(days=14)))
        if offset % 12 == 0:
            slots.append(ScheduledReport(kind=ReportKind.ANNUAL, due_on=board_day + timedelta(days=21)))
    return ScheduledReport.objects.bulk_create(slots)


def build(context):
    today, rng = context.today, context.rng
    actions = load_plan(shift_months=_shift(today), make_uuid=lambda: make_uuid(rng))
    leads = _leads(context)
    pool = leads["action_lead"]
    persona = pool[0] if pool else None
    by_number = {a.number: a for a in actions}
    for index, action in enumerate(actions):
        if action.number in PERSONA_ACTIONS:
            action.lead = persona
        elif action.number == "2.2.2" and leads["dco"]:
            action.lead = leads["dco"]
        elif action.number == "2.2.1" and leads["dsco"]:
            action.lead = leads["dsco"]
        elif pool:
            action.lead = pool[1 + index % (len(pool) - 1)] if len(pool) > 1 else pool[0]
    Action.objects.bulk_update(actions, ["lead"])
    _link_kpis(actions)

    # Ratings as they stood at the last quarterly report, then changes since, so "what changed"
    # and the exception list have something to show.
    report_day = today - timedelta(days=40)
    writer = leads["manager"] or persona
    if writer is None:
        return {"actions": len(actions)}
    targets = []
    for action in Action.objects.prefetch_related("milestones").order_by("pk"):
        target = PERSONA_ACTIONS.get(action.number) or _rating_for(action, today, rng)
        first = Rating.GREEN if target in ("blue", "red", "amber") else target
        update_action(
            action,
            action.lead or writer,
            action.version,
            first,
            NARRATIVES[first],
            now=_at(report_day - timedelta(days=rng.randint(5, 30))),
        )
        targets.append((action, first, target))
    _schedule(today)
    # The last quarterly report was issued with those ratings; the changes since come after it.
    # documents.issue files it against the next quarterly slot in the schedule.
    documents.issue(ReportKind.QUARTERLY, report_day, writer, now=_at(report_day, 16))
    for action, first, target in targets:
        if target != first:
            update_action(
                action,
                action.lead or writer,
                action.version,
                target,
                NARRATIVES[target],
                now=_at(today - timedelta(days=rng.randint(1, 30))),
            )
    context.data["improvement_actions"] = by_number
    return {
        "actions": len(actions),
        "progress updates": ProgressUpdate.objects.count(),
        "scheduled reports": ScheduledReport.objects.count(),
        "issued reports": 1,
    }
