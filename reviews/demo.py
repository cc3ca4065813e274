"""Demo data for reviews: the annual review history of every live plan in Brookfield.

Each plan amended after a review (plans.demo) gets that review, complete: the meeting some weeks
before the amended plan, its report, the decision and the proposals, most on time and some late;
and before it, every review since the plan was issued, about a year apart, each keeping the plan
(so the SEN2 census reads a real last review, and queries only late ones).
Every plan then has its current cycle, from the last review meeting (or the plan's first issue),
due within 12 months (6 for under-fives) and flagged when the child changes phase. Where that due
date has passed, some reviews have since had their meeting and are in progress (report, decision,
amendment, ceasing); the rest are overdue, about one in eight of all plans, as real areas see.
Those due in the next weeks mostly have a meeting arranged, with the family and the SENCo invited.

Fast: everything is planned in Python as the events a caseworker would have recorded, checked by
the clock engine for the stored deadline columns (as services.refresh_clock stores them), and
written with bulk_create. The plan's side goes through plans' own services, as the review page's
steps do (reviews.plan_link): a completed review's proposals are the amendment plans.demo issued,
sent on the day the plan records; a review now amending its plan has its draft started and, once
the proposals went out, sent, by plans.services.
"""

import random
from collections import Counter, defaultdict
from datetime import date, time, timedelta

from simple_history.utils import bulk_create_with_history

from clock.reviews import ReviewEventKind, appeal_deadline, invitations_latest
from core.demo import Weighted, chance, make_uuid
from people.models import SchoolMembership
from plans.codes import PlanStatus
from plans.models import PlanVersion
from reviews import plan_link, timing, transfers
from reviews.decisions import DECISION_EVENTS
from reviews.models import (
    OPEN_STAGES,
    AnnualReview,
    Contribution,
    Decision,
    Direction,
    Invitee,
    InviteeKind,
    ReviewEvent,
    Stage,
    Transfer,
    TransferDecision,
)
from reviews.services import stored_clock

R = ReviewEventKind
BATCH = 2000
IN_PROGRESS_IF_DUE = 0.5  # of cycles past their due date: the meeting has since been held
SCHEDULED_IF_SOON = 0.6  # of cycles due in the next 10 weeks: the meeting is arranged
LATE_AMENDMENT = 0.15  # amended plans issued more than 12 weeks after the meeting
DECISIONS = Weighted({Decision.AMEND: 55, Decision.MAINTAIN: 38, Decision.CEASE: 7})
CEASE_REASONS = Weighted({"2": 50, "3": 10, "4": 10, "6": 10, "9": 20})
DEMO_CASEWORKER_SHARE = 0.15
PLACES = ("at school", "online", "at the family's home")


def days(n: int) -> timedelta:
    return timedelta(days=n)


def build(context):
    # Issued, not ceased, and not (as plans.demo can make for a baby) dated after today.
    plans = [
        p
        for p in context.data.get("ehc_plans", [])
        if p.first_issued_on and p.first_issued_on <= context.today and p.ceased_on is None
    ]
    planner = Planner(context)
    for plan in context.progress(plans, "Annual reviews"):
        planner.plan(plan)
    planner.save(context)
    moved_in = _moved_in(context)
    stages = Counter(r.stage for r in planner.reviews)
    overdue = sum(
        1 for r in planner.reviews if r.stage in (Stage.DUE, Stage.SCHEDULED) and r.due_on < planner.today
    )
    return {
        "annual reviews": len(planner.reviews),
        "open": sum(stages[s] for s in OPEN_STAGES),
        "overdue": overdue,
        "in progress": stages[Stage.HELD] + stages[Stage.AMENDING] + stages[Stage.CEASING],
        "review events": len(planner.events),
        "plans moved in": moved_in,
    }


# Neighbouring areas, with their LA codes as SEN2's TransferLA reads them.
OTHER_AREAS = [
    "Leeds (383)",
    "Kirklees (382)",
    "Calderdale (381)",
    "Wakefield (384)",
    "North Yorkshire (815)",
]


def _moved_in(context) -> int:
    """Plans another area issued that moved here with the child (plans.demo): each has its
    transfer in, the new area's decision made within 6 weeks (reg 15(4)) once that is past."""
    rng, today = context.rng, context.today
    rows = []
    for plan in context.data.get("moved_in_plans", []):
        if plan.first_issued_on is None or plan.first_issued_on > today:
            continue
        started = min(plan.first_issued_on + timedelta(days=rng.randint(60, 700)), today)
        due = transfers.due_date(Direction.IN, started)
        done = due - timedelta(days=rng.randint(1, 10)) if due < today else None
        rows.append(
            Transfer(
                public_id=make_uuid(rng),
                direction=Direction.IN,
                child_id=plan.child_id,
                plan_id=plan.pk,
                other_area=rng.choice(OTHER_AREAS),
                started_on=started,
                due_on=due,
                done_on=done,
                decision=TransferDecision.KEEP if done else "",
            )
        )
    Transfer.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


class Planner:
    def __init__(self, context):
        self.rng, self.today = context.rng, context.today
        # The reviews held before the latest come from a stream of their own, so adding them left
        # every other choice of the demo area as it was.
        self.history_rng = random.Random(f"review-history-{context.data.get('seed', 0)}")
        workers = context.data.get("accounts", {}).get("caseworker") or [None]
        self.demo_worker, self.workers = workers[0], workers[1:] or workers
        self.reviews, self.events, self.invitees, self.contributions = [], [], [], []
        self.issued = defaultdict(list)  # plan pk -> issue dates of its versions, in order
        self.served = defaultdict(list)  # plan pk -> the days its versions were sent, in order
        rows = PlanVersion.objects.filter(status=PlanStatus.ISSUED).order_by("plan_id", "number")
        for plan_id, on, served in rows.values_list("plan_id", "issued_on", "served_on").iterator(
            chunk_size=BATCH
        ):
            self.issued[plan_id].append(on)
            self.served[plan_id].append(served)
        self.amending = []  # (review, the day its proposals went out or None): drafts made once saved
        self.family = defaultdict(list)
        for link in context.data.get("relationships", []):
            if link.parental_responsibility and link.verified:
                self.family[link.child_id].append(link.parent_carer)
        users = {u.pk: u for u in context.data.get("accounts", {}).get("senco", [])}
        self.sencos = defaultdict(list)
        for setting_id, user_id in SchoolMembership.objects.values_list("setting_id", "user_id"):
            if user_id in users:
                self.sencos[setting_id].append(users[user_id])

    # One plan --------------------------------------------------------------------------------

    def plan(self, plan):
        rng = self.rng
        case = plan.case
        worker = case.caseworker if case is not None and case.caseworker_id else None
        if worker is None:
            worker = self.demo_worker if chance(rng, DEMO_CASEWORKER_SHARE) else rng.choice(self.workers)
        issued = self.issued.get(plan.pk, [plan.first_issued_on])
        start = plan.first_issued_on
        if len(issued) > 1:
            sent = self.served[plan.pk][-1] or issued[-1] - days(16)
            start = self.completed_review(plan, worker, issued[-2], issued[-1], sent)
        self.current_cycle(plan, worker, start)

    def completed_review(self, plan, worker, before, amended_on, sent) -> date:
        """The review that led to the latest amended plan, whose proposals are the amendment sent
        to the family on `sent` (the day the plan records); returns its meeting date."""
        rng = self.rng
        lag = rng.randint(85, 140) if chance(rng, LATE_AMENDMENT) else rng.randint(28, 84)
        meeting = min(max(before + days(30), amended_on - days(lag)), sent)
        lag = (sent - meeting).days
        cycle_start = max(before, meeting - days(rng.randint(300, 380)))
        if cycle_start > before:  # the cycle began at an earlier review's meeting
            self.earlier_reviews(plan, worker, before, cycle_start)
        decided = meeting + days(min(lag, rng.randint(10, 28) if chance(rng, 0.8) else 40))
        report = meeting + days(min(rng.randint(3, 16), (decided - meeting).days))
        events = [(R.MEETING_HELD, meeting), (R.REPORT_SENT, report), (R.DECIDED_TO_AMEND, decided)]
        events.append((R.PROPOSALS_SENT, sent))
        if chance(rng, 0.8) and (sent + days(14)) < amended_on:
            events.append((R.FAMILY_COMMENTED, sent + days(rng.randint(4, 14))))
        events.append((R.AMENDED_PLAN_ISSUED, amended_on))
        self.add(
            plan,
            worker,
            cycle_start,
            events,
            stage=Stage.COMPLETED,
            decision=Decision.AMEND,
            decided_on=decided,
            closed_on=amended_on,
            meeting_on=meeting,
            meeting_held_on=meeting,
            meeting_place=PLACES[0],
            invitations_sent_on=meeting - days(rng.randint(14, 28)),
            decision_reasons="Agreed at the review meeting: the plan is updated for the coming year",
        )
        return meeting

    def earlier_reviews(self, plan, worker, since, meeting):
        """The reviews held from `since` (the plan's issue) up to the one whose meeting began the
        cycle the latest review closed: each about a year after the last (6 months for an
        under-five, clock.reviews.review_interval_months), each keeping the plan as it was (its
        versions are plans.demo's), decided within 4 weeks of the meeting (reg 20(10))."""
        rng = self.history_rng
        held = []
        while meeting > since:
            months, _due = timing.cycle_terms(plan.child, meeting - days(365))
            gap = days(rng.randint(320, 365) if months == 12 else rng.randint(150, 182))
            start = meeting - gap
            if start - since < gap / 2:
                start = since
            held.append((start, meeting))
            meeting = start
        for start, meeting in reversed(held):
            report = meeting + days(rng.randint(3, 14))
            decided = report + days(rng.randint(0, 27 - (report - meeting).days))
            events = [(R.MEETING_HELD, meeting), (R.REPORT_SENT, report)]
            events.append((DECISION_EVENTS[Decision.MAINTAIN], decided))
            self.add(
                plan,
                worker,
                start,
                events,
                rng=rng,
                stage=Stage.COMPLETED,
                decision=Decision.MAINTAIN,
                decided_on=decided,
                closed_on=decided,
                meeting_on=meeting,
                meeting_held_on=meeting,
                meeting_place=rng.choice(PLACES),
                invitations_sent_on=meeting - days(rng.randint(14, 28)),
                decision_reasons="Agreed at the review meeting: the plan still meets the child's needs",
            )

    def current_cycle(self, plan, worker, start):
        rng, today = self.rng, self.today
        months, due = timing.cycle_terms(plan.child, start)
        if due < today and chance(rng, IN_PROGRESS_IF_DUE):
            self.in_progress(
                plan, worker, start, meeting=max(start + days(1), today - days(rng.randint(1, 120)))
            )
        elif (due - today).days <= 70 and chance(rng, SCHEDULED_IF_SOON):
            meeting = today + days(rng.randint(3, 40))
            sent = min(today, invitations_latest(meeting) - days(rng.randint(0, 10)))
            review = self.add(
                plan,
                worker,
                start,
                [],
                stage=Stage.SCHEDULED,
                meeting_on=meeting,
                meeting_at=time(rng.choice((9, 10, 11, 13, 14)), rng.choice((0, 30))),
                meeting_place=rng.choice(PLACES),
                invitations_sent_on=sent,
                # As the service asks of every meeting after the review's due date (meetings.schedule).
                late_meeting_reason="The earliest date everyone invited could come" if meeting > due else "",
                combined_cin_review=plan.child.social_care_status == "CIN" and chance(rng, 0.5),
            )
            self.invite(review, plan.child, sent)
        else:
            self.add(plan, worker, start, [])

    def in_progress(self, plan, worker, start, meeting):
        rng = self.rng
        since = (self.today - meeting).days
        events = [(R.MEETING_HELD, meeting)]
        fields = {
            "stage": Stage.HELD,
            "meeting_on": meeting,
            "meeting_held_on": meeting,
            "meeting_place": rng.choice(PLACES),
            "invitations_sent_on": meeting - days(rng.randint(14, 21)),
        }
        if since >= 10 and chance(rng, 0.85):
            report = meeting + days(rng.randint(5, min(since, 20)))
            events.append((R.REPORT_SENT, report))
            if since >= 21 and chance(rng, 0.75):
                decided = report + days(rng.randint(0, min(since - (report - meeting).days, 25)))
                decision = DECISIONS.pick(rng)
                fields |= {
                    "decision": decision,
                    "decided_on": decided,
                    "decision_reasons": "Agreed at the meeting",
                }
                events.append((DECISION_EVENTS[decision], decided))
                if decision == Decision.AMEND:
                    fields["stage"] = Stage.AMENDING
                    sent = None
                    if chance(rng, 0.7):
                        sent = decided
                        events.append((R.PROPOSALS_SENT, decided))
                        waited = (self.today - decided).days
                        if waited > 4 and chance(rng, 0.7):
                            events.append(
                                (R.FAMILY_COMMENTED, decided + days(rng.randint(4, min(waited, 14))))
                            )
                elif decision == Decision.MAINTAIN:
                    fields |= {"stage": Stage.COMPLETED, "closed_on": decided}
                else:
                    fields |= {
                        "stage": Stage.CEASING,
                        "cease_reason": CEASE_REASONS.pick(rng),
                        "appeal_deadline": appeal_deadline(decided),
                    }
        review = self.add(plan, worker, start, events, **fields)
        if fields["stage"] == Stage.AMENDING:
            self.amending.append((review, sent))
        if fields.get("decision") in (Decision.AMEND, Decision.MAINTAIN):
            self.add(plan, worker, meeting, [])  # the next review, within 12 months of this one

    # Rows ------------------------------------------------------------------------------------

    def add(self, plan, worker, start, events, rng=None, **fields) -> AnnualReview:
        child = plan.child
        months, due = timing.cycle_terms(child, start)
        derived = timing.derived_phase_transfer(child, due)
        phase = {}
        if derived is not None:
            kind, move_on = derived
            phase = {
                "phase_transfer": kind.value,
                "phase_transfer_move_on": move_on,
                "phase_transfer_due": timing.phase_deadline(kind, move_on),
            }
        review = AnnualReview(
            public_id=make_uuid(rng or self.rng),
            reference=f"AR-{len(self.reviews) + 1:06d}",
            plan=plan,
            child=child,
            caseworker=worker,
            cycle_start=start,
            months=months,
            due_on=due,
            version=len(events) + 1,
            **phase,
            **fields,
        )
        pairs = [(R.CYCLE_STARTED, start), *events]
        line = timing.timeline(
            timing.events_of(pairs), months=months, phase_due=review.phase_transfer_due, today=self.today
        )
        for name, value in stored_clock(review, line).items():
            setattr(review, name, value)
        self.reviews.append(review)
        self.events += [
            ReviewEvent(review=review, kind=kind, on=on, recorded_by=worker) for kind, on in pairs
        ]
        return review

    def invite(self, review, child, on):
        people = [(InviteeKind.FAMILY, p) for p in self.family.get(child.pk, [])]
        people += [(InviteeKind.SCHOOL, u) for u in self.sencos.get(child.setting_id, [])]
        for kind, person in people:
            family = kind == InviteeKind.FAMILY
            self.invitees.append(
                Invitee(
                    review=review,
                    kind=kind,
                    user=None if family else person,
                    parent_carer=person if family else None,
                    name=str(person)[:200],
                    invited_on=on,
                )
            )
        # About half the schools have sent their paperwork by the time the meeting is near.
        if child.setting_id and chance(self.rng, 0.5):
            self.contributions.append(
                Contribution(
                    review=review,
                    kind="school",
                    submitted_on=on + days(self.rng.randint(0, max(0, (self.today - on).days))),
                    views="Enjoys school most days; finds changes of routine hard.",
                    progress=[
                        {"outcome": "All outcomes", "progress": "Good progress on most outcomes this year."}
                    ],
                )
            )

    def save(self, context):
        for i in context.progress(range(0, len(self.reviews), BATCH), "Saving reviews"):
            bulk_create_with_history(
                self.reviews[i : i + BATCH], AnnualReview, batch_size=BATCH, default_change_reason="Demo data"
            )
        for model, rows, label in (
            (ReviewEvent, self.events, "Saving review events"),
            (Invitee, self.invitees, "Saving invitations"),
            (Contribution, self.contributions, "Saving review paperwork"),
        ):
            for i in context.progress(range(0, len(rows), BATCH), label):
                model.objects.bulk_create(rows[i : i + BATCH], batch_size=BATCH)
        self.start_amendments(context)

    def start_amendments(self, context):
        """Each review now amending its plan: the draft started (decisions.decide) and, once the
        proposals went out, sent (decisions.proposals_sent), by plans' services through
        reviews.plan_link, the review page's own door to them."""
        drafts = []
        for review, sent in context.progress(self.amending, "Amendments being written"):
            review.amendment = plan_link.start_amendment(None, review.plan)
            if sent is not None:
                plan_link.serve(None, review.amendment, sent)
            drafts.append(review)
        AnnualReview.objects.bulk_update(drafts, ["amendment"], batch_size=BATCH)
