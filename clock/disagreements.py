"""Timing of disagreement resolution: mediation, tribunal orders and complaints.

Sources (STATUTORY_RULES.md, "mediation and appeal"): SEND Regulations 2014 regs 33-35 and 39
(mediation), reg 44 (compliance with the First-tier Tribunal's orders), SEND Code of Practice
chapter 11. Pure, like the rest of the engine: the caller passes "today".
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from clock.engine import DUE_SOON_DAYS, Status
from clock.periods import add_working_days

MEDIATION_SOURCE = "SEND Regulations 2014 regs 33-35 and 39; CoP 11.20-11.22, 11.38"
ORDER_SOURCE = "SEND Regulations 2014 reg 44(2); CoP 11.58"
COMPLAINT_SOURCE = "The area's complaints procedure (a local service level, not a statutory limit)"
COMPLAINT_WORKING_DAYS = 20


def information_certificate_due(informed_on: date) -> date:
    """When the family only wanted information about mediation (or decides not to pursue it), the
    mediation adviser issues the certificate within 3 working days (reg 33; CoP 11.20-11.22)."""
    return add_working_days(informed_on, 3)


def mediation_due(informed_on: date) -> date:
    """The area makes sure mediation takes place within 30 days of being told the family wants
    it (reg 34(1); reg 35 where health care provision is in dispute)."""
    return informed_on + timedelta(days=30)


def certificate_after_mediation_due(held_on: date) -> date:
    """After mediation, the certificate within 3 working days of its end (reg 39(3))."""
    return add_working_days(held_on, 3)


def certificate_due(requested_on: date, information_only: bool, held_on: date | None) -> date | None:
    """The certificate's deadline: 3 working days from an information-only request, otherwise 3
    working days from the mediation (None while mediation has not been held)."""
    if information_only:
        return information_certificate_due(requested_on)
    if held_on is not None:
        return certificate_after_mediation_due(held_on)
    return None


class OrderKind(StrEnum):
    """What the First-tier Tribunal ordered (reg 44(2)); each has its compliance period."""

    CEASE = "cease"
    ASSESS = "assess"
    MAKE_PLAN = "make_plan"
    ISSUE_FINAL = "issue_final"
    RECONSIDER = "reconsider"
    AMEND = "amend"
    CONTINUE = "continue"
    CONTINUE_AND_AMEND = "continue_amend"
    NAME_SCHOOL = "name_school"


ORDER_PERIODS = {
    # kind: (plain-English label, weeks from the date of the order, paragraph of reg 44(2))
    OrderKind.CEASE: ("Cease the plan (appeal against ceasing dismissed)", 0, "reg 44(2)(a)"),
    OrderKind.ASSESS: ("Tell the family the area will assess or reassess", 2, "reg 44(2)(b)"),
    OrderKind.MAKE_PLAN: ("Make and maintain a plan: issue the draft", 5, "reg 44(2)(c)(i)"),
    OrderKind.ISSUE_FINAL: ("Make and maintain a plan: issue the final plan", 11, "reg 44(2)(c)(ii)"),
    OrderKind.RECONSIDER: ("Reconsider the decision referred back", 2, "reg 44(2)(d)"),
    OrderKind.AMEND: ("Issue the amended plan", 5, "reg 44(2)(e)"),
    OrderKind.CONTINUE: ("Continue to maintain the plan", 0, "reg 44(2)(f)"),
    OrderKind.CONTINUE_AND_AMEND: ("Continue to maintain and issue the amended plan", 5, "reg 44(2)(g)"),
    OrderKind.NAME_SCHOOL: ("Name the school or setting the family asked for", 2, "reg 44(2)(h)"),
}


# After an order to assess or reassess (reg 44(2)(b)) the area must, besides telling the family
# within 2 weeks that it will assess, either tell them within 10 weeks of the order that no plan is
# needed, giving reasons (b)(i), or send the final plan within 14 weeks of the order (b)(ii).
FOLLOW_ON = {
    OrderKind.ASSESS: (
        ("no_plan", "If no plan is needed: tell the family, with reasons", 10, "(i)"),
        ("final_plan", "If a plan is needed: send the final plan", 14, "(ii)"),
    ),
}

# An appeal the area concedes or does not oppose is treated as decided for the family (reg 45, as
# substituted by SI 2015/359 reg 8): the same periods as the tribunal's orders, counted from the
# day the area told the tribunal. Paragraphs as substituted; the rest cite reg 45 as a whole.
CONCEDED_SOURCES = {
    OrderKind.ASSESS: "reg 45(3)",
    OrderKind.AMEND: "reg 45(4)",
    OrderKind.CONTINUE_AND_AMEND: "reg 45(4)",
}
CONCEDED_FOLLOW_ON_SOURCE = "reg 45(3A)"


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    due: date
    source: str


def order_due(kind: OrderKind | str, made_on: date) -> date:
    """The date by which the area must comply with an order made on `made_on` (reg 44(2)), or
    with a conceded appeal from the day it told the tribunal (reg 45): "immediately" orders are due
    the day they are made."""
    _label, weeks, _source = ORDER_PERIODS[OrderKind(kind)]
    return made_on + timedelta(weeks=weeks)


def order_source(kind: OrderKind | str, conceded: bool = False) -> str:
    kind = OrderKind(kind)
    if conceded:
        return f"SEND Regulations 2014 {CONCEDED_SOURCES.get(kind, 'reg 45')}"
    return f"SEND Regulations 2014 {ORDER_PERIODS[kind][2]}"


def order_deadlines(kind: OrderKind | str, made_on: date, conceded: bool = False) -> tuple[Deadline, ...]:
    """Every deadline an order (or a conceded appeal, reg 45) sets, each with its regulation:
    the order's own, then for an order to assess the 10-week "no plan" and 14-week final plan
    limits (reg 44(2)(b)(i)-(ii); reg 45(3A)(a)-(b))."""
    kind = OrderKind(kind)
    label, _weeks, _source = ORDER_PERIODS[kind]
    deadlines = [Deadline(kind.value, label, order_due(kind, made_on), order_source(kind, conceded))]
    for key, text, weeks, part in FOLLOW_ON.get(kind, ()):
        if conceded:
            source = f"{CONCEDED_FOLLOW_ON_SOURCE}({'a' if part == '(i)' else 'b'})"
        else:
            source = f"{ORDER_PERIODS[kind][2]}{part}"
        deadlines.append(
            Deadline(key, text, made_on + timedelta(weeks=weeks), f"SEND Regulations 2014 {source}")
        )
    return tuple(deadlines)


def complaint_response_due(received_on: date) -> date:
    """A reply within 20 working days of receiving the complaint (COMPLAINT_SOURCE)."""
    return add_working_days(received_on, COMPLAINT_WORKING_DAYS)


def status(due: date | None, done: date | None, today: date) -> Status:
    """A single deadline's status on `today`, judged as the engine judges a step."""
    if due is None:
        return Status.MET if done else Status.NOT_STARTED
    if done is not None:
        return Status.MET if done <= due else Status.MET_LATE
    if today > due:
        return Status.OVERDUE
    if (due - today).days < DUE_SOON_DAYS:
        return Status.DUE_SOON
    return Status.ON_TRACK
