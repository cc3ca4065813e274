"""Record integrity: the places where the statutory record disagrees with itself (issue 19).

Each check is one question asked of the database (a count and the first few rows), so the report
takes a fixed number of queries however big the area is (two a check). Each finding names the page
where a caseworker or manager puts it right. The weekly scheduled check (casework/jobs.py) emails
managers the counts; the report page (casework/views/integrity.py) lists them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from casework.models import OPEN_STAGES, AdviceRequest, AssessmentCase
from notifications.client import absolute_url
from people.codelists import SenProvision
from people.models import Child
from plans.codes import PlanStatus
from plans.models import EHCPlan
from reviews.models import OPEN_STAGES as REVIEW_OPEN
from reviews.models import AnnualReview, Stage

SHOWN = 50  # findings listed a check; the count says how many there are in all


@dataclass(frozen=True)
class Finding:
    name: str  # what is wrong: a case or review reference, or a child
    detail: str
    url: str
    fix: str  # the link's words: where it is put right


@dataclass(frozen=True)
class Result:
    key: str
    title: str
    why: str
    count: int
    findings: list[Finding]


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    why: str
    rows: Callable  # () -> a queryset of the rows at fault
    finding: Callable  # row -> Finding


def _live_plans():
    return EHCPlan.objects.filter(ceased_on__isnull=True, latest_issued__isnull=False)


def _children_marked_with_plan_but_none():
    has_plan = _live_plans().filter(child=OuterRef("pk"))
    return Child.objects.filter(sen_provision=SenProvision.EHC_PLAN).filter(~Exists(has_plan)).order_by("pk")


def _finished_cases_with_deadline():
    finished = AssessmentCase.objects.exclude(stage__in=OPEN_STAGES)
    return finished.filter(Q(next_deadline__isnull=False) | Q(is_overdue=True)).order_by("pk")


def _advice_open_on_closed_cases():
    waiting = AdviceRequest.objects.filter(received_on__isnull=True, cancelled_on__isnull=True)
    return waiting.exclude(case__stage__in=OPEN_STAGES).select_related("case").order_by("pk")


def _children_with_two_open_cases():
    open_cases = Count("assessment_cases", filter=Q(assessment_cases__stage__in=OPEN_STAGES))
    return Child.objects.annotate(open_cases=open_cases).filter(open_cases__gt=1).order_by("pk")


def _plans_without_review_cycle():
    cycle = AnnualReview.objects.filter(plan=OuterRef("pk"), stage__in=REVIEW_OPEN)
    return _live_plans().filter(~Exists(cycle)).select_related("child").order_by("pk")


def _stuck_reviews():
    """Reviews no action can move on: amending a plan whose amendment is already issued (its own
    "Issue the amended plan" is then refused), or still open on a plan that has ended."""

    open_not_ceasing = [Stage.DUE, Stage.SCHEDULED, Stage.HELD, Stage.AMENDING]
    stuck = Q(stage=Stage.AMENDING, amendment__status=PlanStatus.ISSUED) | Q(
        stage__in=open_not_ceasing, plan__ceased_on__isnull=False
    )
    return AnnualReview.objects.filter(stuck).order_by("pk")


def _case_url(case) -> str:
    return reverse("casework:case_detail", args=[case.public_id])


def _child_url(child) -> str:
    return reverse("people:child_detail", args=[child.public_id])


CHILD_FIX = "Open the child's record"

CHECKS = [
    Check(
        "plan_status_no_plan",
        "Children recorded as having an EHC plan, with no plan",
        "The child's record says \u201cEHC plan\u201d but there is no issued plan: they are missing from "
        "Annex A, SEN2 and the plans list.",
        _children_marked_with_plan_but_none,
        lambda child: Finding(
            child.full_name, "No issued plan", _child_url(child), "Open the child's record"
        ),
    ),
    Check(
        "finished_case_with_deadline",
        "Finished cases that still show a deadline",
        "A closed case has no time limit left, but lists, exports and the API still show one.",
        _finished_cases_with_deadline,
        lambda case: Finding(
            case.reference,
            f"{case.get_stage_display()}; shows \u201c{case.next_step or 'overdue'}\u201d",
            _case_url(case),
            "Open the case",
        ),
    ),
    Check(
        "advice_open_on_closed_case",
        "Advice still awaited on closed cases",
        "Closing a case cancels its advice; these advisers are still being chased.",
        _advice_open_on_closed_cases,
        lambda advice: Finding(
            advice.case.reference,
            f"{advice.get_adviser_type_display()} advice asked for on {advice.requested_on:%-d %B %Y}",
            _case_url(advice.case),
            "Open the case",
        ),
    ),
    Check(
        "two_open_cases",
        "Children with more than one open request",
        "One open request a child: a second request belongs on the open case, with one clock.",
        _children_with_two_open_cases,
        lambda child: Finding(
            child.full_name, f"{child.open_cases} open cases", _child_url(child), CHILD_FIX
        ),
    ),
    Check(
        "plan_without_review_cycle",
        "Plans with no annual review cycle",
        "Every plan must be reviewed at least every 12 months (Children and Families Act 2014 s.44).",
        _plans_without_review_cycle,
        lambda plan: Finding(
            plan.child.full_name,
            f"Plan issued {plan.first_issued_on:%-d %B %Y}" if plan.first_issued_on else "Plan issued",
            reverse("plans:plan_detail", args=[plan.public_id]),
            "Open the plan",
        ),
    ),
    Check(
        "stuck_review",
        "Reviews stuck where no action can move them on",
        "An amendment already issued, or a plan already ended, leaves the review with nothing to do.",
        _stuck_reviews,
        lambda review: Finding(
            review.reference,
            review.get_stage_display(),
            reverse("reviews:review_detail", args=[review.public_id]),
            "Open the review",
        ),
    ),
]


def run(shown: int = SHOWN) -> list[Result]:
    """Every check: how many findings, and the first `shown` of them (two queries a check)."""
    results = []
    for check in CHECKS:
        rows = check.rows()
        count = rows.count()
        findings = [check.finding(row) for row in rows[:shown]] if count else []
        results.append(Result(check.key, check.title, check.why, count, findings))
    return results


def summary(results: list[Result]) -> str:
    total = sum(r.count for r in results)
    return f"{total} record integrity findings" if total != 1 else "1 record integrity finding"


WEEKDAY = 0  # the weekly check runs on Mondays (the scheduler asks every day)


def email_managers(day) -> str:
    """The weekly check: each active manager with an email address is sent the counts (no names:
    the report page, behind sign-in, lists them). Runs once a week; other days it does nothing."""


    if day.weekday() != WEEKDAY:
        return "not the weekly day"
    results = run(shown=0)
    total = sum(r.count for r in results)
    lines = [f"The weekly record integrity check on {day:%-d %B %Y} found {summary(results)}.", ""]
    lines += [f"- {r.title}: {r.count}" for r in results]
    lines += ["", "Each finding links to the page where it is put right:", absolute_url(reverse(REPORT))]
    subject = f"Record integrity: {summary(results)}" if total else "Record integrity: no findings"
    managers = User.objects.filter(role=Role.MANAGER, is_active=True).exclude(email="")
    sent = 0
    for manager in managers.order_by("pk"):
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [manager.email])
        sent += 1
    return f"{summary(results)}; emailed {sent} managers"


REPORT = "casework:record_integrity"
