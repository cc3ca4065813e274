"""'Where is my child's case?' in plain English: what each stage means, what happens next and by
when, and what the family is asked to do now.

Every date here is the clock engine's (casework.services.case_timeline); this module only chooses
words for what the engine says. No statutory date is worked out here.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import services
from casework.models import AdviceRequest, AssessmentCase, Stage
from clock import Status, Timeline
from portal import contributions
from reviews import timing
from reviews.models import AnnualReview

# What each stage means, for a reader of about 9 to 11 years.
STAGE_TEXT = {
    Stage.RECEIVED: (
        gettext_lazy("We have your request"),
        gettext_lazy(
            "We have the request for an education, health and care (EHC) needs assessment. "
            "We are looking at it to decide if we need to find out more about your child's needs."
        ),
    ),
    Stage.ASSESSING: (
        gettext_lazy("We are finding out about your child's needs"),
        gettext_lazy(
            "We have decided to do an assessment. We have asked people who know about children's needs, "
            "like teachers, doctors and psychologists, to tell us what your child needs."
        ),
    ),
    Stage.DECIDING: (
        gettext_lazy("We are deciding whether your child needs a plan"),
        gettext_lazy(
            "We have the advice we asked for. We are reading it to decide if your child needs an EHC plan."
        ),
    ),
    Stage.DRAFTING: (
        gettext_lazy("We are writing a draft plan"),
        gettext_lazy(
            "We have decided your child needs an EHC plan. We are writing a first version, called a "
            "draft plan. We will send it to you to read."
        ),
    ),
    Stage.CONSULTING: (
        gettext_lazy("The draft plan is ready for you to read"),
        gettext_lazy(
            "We have sent you the draft plan. Please read it and tell us what you think. You can also "
            "tell us which school or setting you would like your child to go to."
        ),
    ),
    Stage.FINAL: (
        gettext_lazy("Your child's EHC plan is finished"),
        gettext_lazy(
            "We have sent you the final EHC plan. It says what help your child will get. We will look "
            "at it again with you at least once a year."
        ),
    ),
    Stage.NOT_ASSESSED: (
        gettext_lazy("We decided not to do an assessment"),
        gettext_lazy(
            "We decided not to do an EHC needs assessment this time. Our letter says why. If you "
            "disagree, you can ask for mediation and appeal to the SEND Tribunal. There is a time limit."
        ),
    ),
    Stage.NOT_ISSUED: (
        gettext_lazy("We decided not to make an EHC plan"),
        gettext_lazy(
            "We decided your child does not need an EHC plan. Our letter says why. If you disagree, you "
            "can ask for mediation and appeal to the SEND Tribunal. There is a time limit."
        ),
    ),
    Stage.WITHDRAWN: (
        gettext_lazy("The request was withdrawn"),
        gettext_lazy("The request for an assessment was stopped. You can ask again at any time."),
    ),
}

# The same, said to a young person about their own case (from 16 the rights are theirs).
YOUNG_PERSON_STAGE_TEXT = {
    Stage.RECEIVED: (
        gettext_lazy("We have your request"),
        gettext_lazy(
            "We have the request for an education, health and care (EHC) needs assessment. "
            "We are looking at it to decide if we need to find out more about your needs."
        ),
    ),
    Stage.ASSESSING: (
        gettext_lazy("We are finding out about your needs"),
        gettext_lazy(
            "We have decided to do an assessment. We have asked people who know about your needs, like "
            "teachers, doctors and psychologists, to tell us what help you need."
        ),
    ),
    Stage.DECIDING: (
        gettext_lazy("We are deciding whether you need a plan"),
        gettext_lazy("We have the advice we asked for. We are reading it to decide if you need an EHC plan."),
    ),
    Stage.DRAFTING: (
        gettext_lazy("We are writing a draft plan"),
        gettext_lazy(
            "We have decided you need an EHC plan. We are writing a first version, called a draft plan. "
            "We will send it to you to read."
        ),
    ),
    Stage.CONSULTING: (
        gettext_lazy("The draft plan is ready for you to read"),
        gettext_lazy(
            "We have sent you the draft plan. Please read it and tell us what you think. You can also "
            "tell us which school, college or setting you would like to go to."
        ),
    ),
    Stage.FINAL: (
        gettext_lazy("Your EHC plan is finished"),
        gettext_lazy(
            "We have sent you the final EHC plan. It says what help you will get. We will look at it "
            "again with you at least once a year."
        ),
    ),
    Stage.NOT_ISSUED: (
        gettext_lazy("We decided not to make an EHC plan"),
        gettext_lazy(
            "We decided you do not need an EHC plan. Our letter says why. If you disagree, you can ask "
            "for mediation and appeal to the SEND Tribunal. There is a time limit."
        ),
    ),
}

# The clock engine's steps (clock/assessment.py), said the way a family would say them.
STEP_TEXT = {
    "decision_to_assess": gettext_lazy("We will tell you if we will do an assessment"),
    "advice": gettext_lazy("We should get advice from the {adviser}"),
    "decision_to_issue": gettext_lazy("We will tell you if your child will get an EHC plan"),
    "family_response": gettext_lazy("You can tell us what you think of the draft plan"),
    "consultation": gettext_lazy("The school or setting should reply about the draft plan"),
    "final_plan": gettext_lazy("We will send you the final EHC plan"),
}
FAMILY_STEPS = frozenset({"family_response"})
YOUNG_PERSON_STEP_TEXT = {"decision_to_issue": gettext_lazy("We will tell you if you will get an EHC plan")}


def long_date(day: date) -> str:
    return f"{day:%-d %B %Y}"


@dataclass(frozen=True)
class NextStep:
    text: str
    due: date
    late: bool
    # The family's own step (comments on the draft), not ours: late wording differs.
    theirs: bool = False


@dataclass(frozen=True)
class Advice:
    adviser: str
    received_on: date | None
    due: date | None


@dataclass(frozen=True)
class Task:
    """One row of the GOV.UK task list: what to do, where, and its status."""

    text: str
    url: str | None
    status: str  # "to_do", "done", "optional" or "cannot_start"
    hint: str = ""

    @property
    def status_label(self) -> str:
        return {
            "to_do": _("To do"),
            "done": _("Completed"),
            "optional": _("Optional"),
            "cannot_start": _("Cannot start yet"),
        }[self.status]


@dataclass(frozen=True)
class CaseStatus:
    case: AssessmentCase
    title: str
    explanation: str
    next_steps: list[NextStep] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def tasks_to_do(self) -> list[Task]:
        return [t for t in self.tasks if t.status == "to_do"]


def link(name: str, *args) -> str | None:
    """The address of a page other parts of the portal own, or None while it does not exist yet
    (the task is then shown without a link rather than breaking the page)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _step_text(step, adviser_names: dict, young_person: bool) -> str:
    base, _sep, ref = step.key.partition(":")
    words = {**STEP_TEXT, **YOUNG_PERSON_STEP_TEXT} if young_person else STEP_TEXT
    text = str(words.get(base, step.label))
    return text.format(adviser=adviser_names.get(ref, _("adviser")).lower())


def next_steps(timeline: Timeline, adviser_names: dict, young_person: bool = False) -> list[NextStep]:
    """The open steps, soonest first, in the family's words, with the engine's due dates."""
    steps = sorted(
        (s for s in timeline.steps if s.is_open and s.due is not None), key=lambda s: (s.due, s.key)
    )
    return [
        NextStep(
            _step_text(s, adviser_names, young_person),
            s.due,
            s.status in (Status.OVERDUE, Status.TIME_UP),
            theirs=s.key in FAMILY_STEPS,
        )
        for s in steps
    ]


def _advice(advice_rows: list[AdviceRequest], timeline: Timeline) -> list[Advice]:
    return [
        Advice(
            a.get_adviser_type_display(),
            a.received_on,
            getattr(timeline.step(f"advice:{a.ref}"), "due", None),
        )
        for a in advice_rows
        if a.cancelled_on is None
    ]


def _draft_task(case, timeline, plan) -> Task:
    step = timeline.step("family_response")
    text = _("Read the draft plan and tell us what you think")
    if step is None or step.start is None:
        return Task(text, None, "cannot_start", _("We will tell you when the draft plan is ready."))
    if step.done is not None:
        return Task(text, None, "done")
    if not step.is_open:
        return Task(text, None, "cannot_start")
    url = link("portal:draft_plan", plan.public_id) if plan else None
    if step.status in (Status.OVERDUE, Status.TIME_UP):
        hint = _("The last day was %(day)s. If you still want to comment, contact your caseworker now.")
    else:
        hint = _("Please do this by %(day)s.")
    return Task(text, url, "to_do", hint % {"day": long_date(step.due)})


def tasks(case, timeline, plan, young_person: bool = False) -> list[Task]:
    """What the family is asked to do now, as a GOV.UK task list."""
    child = case.child
    rows = []
    if case.is_open:
        about = (
            _("Tell us about you: what you like, what is hard, what you hope for")
            if young_person
            else _("Tell us about your child: what they like, what is hard, what they hope for")
        )
        rows.append(
            Task(
                about,
                link("portal:section_a", child.public_id),
                "optional",
                _("This helps everyone who gives advice."),
            )
        )
        rows.append(_draft_task(case, timeline, plan))
    rows.append(
        Task(
            _("Send a message to your caseworker"),
            link("messaging:child_thread", child.public_id),
            "optional",
            _("Ask a question or tell us about a change."),
        )
    )
    return rows


def status_of(case, today: date, *, plan=None, young_person: bool = False) -> CaseStatus:
    """The family's view of `case` on `today`; `young_person` when they read about themselves."""
    advice_rows = list(case.advice_requests.all())
    timeline = services.case_timeline(case, today, advice=advice_rows)
    names = {a.ref: a.get_adviser_type_display() for a in advice_rows}
    texts = {**STAGE_TEXT, **YOUNG_PERSON_STAGE_TEXT} if young_person else STAGE_TEXT
    title, explanation = texts[Stage(case.stage)]
    return CaseStatus(
        case=case,
        title=str(title),
        explanation=str(explanation),
        next_steps=next_steps(timeline, names, young_person),
        advice=_advice(advice_rows, timeline),
        tasks=tasks(case, timeline, plan, young_person),
    )


# The plan's next dates: the annual review (CoP 9.166) and, when the child changes phase, the date
# the amended plan must name the new school or college (reg 18). The review's own record holds the
# engine's dates once a review is open; before that the engine works them out from the plan.
REVIEW_TEXT = gettext_lazy("We will review your child's EHC plan with you")
YOUNG_PERSON_REVIEW_TEXT = gettext_lazy("We will review your EHC plan with you")
PHASE_TEXT = gettext_lazy("We will change the plan to name your child's next school or college")
YOUNG_PERSON_PHASE_TEXT = gettext_lazy("We will change your plan to name your next school or college")


def _review_dates(plan, today: date) -> tuple[date | None, date | None]:
    """(annual review due, phase transfer due) from the open review, or else the clock engine."""

    reviews = AnnualReview.objects.filter(plan=plan)
    review = reviews.filter(closed_on__isnull=True).order_by("due_on").first()
    if review is not None:
        return review.due_on, review.phase_transfer_due
    held = reviews.exclude(meeting_held_on__isnull=True).order_by("-meeting_held_on").first()
    issued = plan.latest_issued.issued_on if plan.latest_issued_id else None
    starts = [d for d in (held.meeting_held_on if held else None, issued) if d]
    if not starts:
        return None, None
    _months, due = timing.cycle_terms(plan.child, max(starts))
    move = timing.derived_phase_transfer(plan.child, due)
    return due, timing.phase_deadline(*move) if move else None


def plan_next_steps(plan, today: date, young_person: bool = False) -> list[NextStep]:
    """The live plan's next dates, soonest first, in the family's words."""
    if plan is None or not plan.is_live or not plan.latest_issued_id:
        return []
    review_due, phase_due = _review_dates(plan, today)
    steps = []
    if review_due is not None:
        text = YOUNG_PERSON_REVIEW_TEXT if young_person else REVIEW_TEXT
        steps.append(NextStep(str(text), review_due, review_due < today))
    if phase_due is not None:
        text = YOUNG_PERSON_PHASE_TEXT if young_person else PHASE_TEXT
        steps.append(NextStep(str(text), phase_due, phase_due < today))
    return sorted(steps, key=lambda s: s.due)


def tasks_without_case(child, plan, young_person: bool = False) -> list[Task]:
    """What the family is asked to do when no assessment is open: the draft or proposed changes
    within their comment period, their views for an open annual review, and messages."""
    # Function-level: portal.contributions imports reviews and plans modules that import this one.

    rows = []
    draft = contributions.served_draft(plan) if plan is not None and plan.is_live else None
    if draft is not None:
        window = contributions.comment_window(draft)
        if window.is_open:
            hint = _("Please do this by %(day)s.") % {"day": long_date(window.last_day)}
            text = _("Read the draft plan and tell us what you think")
            rows.append(Task(text, link("portal:draft_plan", plan.public_id), "to_do", hint))
    review = (
        AnnualReview.objects.filter(plan=plan, closed_on__isnull=True).order_by("due_on").first()
        if plan is not None
        else None
    )
    if review is not None:
        text = (
            _("Tell us what you think before your review")
            if young_person
            else _("Tell us what you think before your child's review")
        )
        rows.append(Task(text, link("portal:review", review.public_id), "optional"))
    rows.append(
        Task(
            _("Send a message to your caseworker"),
            link("messaging:child_thread", child.public_id),
            "optional",
            _("Ask a question or tell us about a change."),
        )
    )
    return rows
