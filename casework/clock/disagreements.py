"""Timing of disagreement resolution: mediation, tribunal orders and complaints.

Sources (STATUTORY_RULES.md, "mediation and appeal"): SEND Regulations 2014 regs 33-35 and 39
(mediation), reg 44 (compliance with the First-tier Tribunal's orders), SEND Code of Practice
chapter 11. Pure, like the rest of the engine: the caller passes "today".
"""

from datetime import date, timedelta
from enum import StrEnum

from casework.clock.engine import DUE_SOON_DAYS, Status
from casework.clock.periods import add_working_days

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


def order_due(kind: OrderKind | str, made_on: date) -> date:
    """The date by which the area must comply with an order made on `made_on` (reg 44(2)):
    "immediately" orders are due the day they are made."""
    _label, weeks, _source = ORDER_PERIODS[OrderKind(kind)]
    return made_on + timedelta(weeks=weeks)


def order_source(kind: OrderKind | str) -> str:
    return f"SEND Regulations 2014 {ORDER_PERIODS[OrderKind(kind)][2]}"


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
