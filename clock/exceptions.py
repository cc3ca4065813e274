"""Which recorded exceptions excuse which late step (SEND Regulations 2014 regs 5(4), 8(2),
10(4), 13(3); CoP 9.42).

The regulations excuse a time limit only where the exception made it impractical to meet, so an
exception excuses a step only when all of these hold:

- its reason is one the step's regulation allows (StepRule.excused_by);
- it is tied to the step: an exception may name the steps it delayed (CaseException.steps); one
  that names none delays every step its reason can excuse, as recorded before steps were named;
- it was in place while the step was running: it began on or before the step's due date (one that
  starts after the due date cannot have made the deadline impractical, so it excuses nothing) and
  did not end before the step started;
- a school or early-years closure (reg 5(4)(a)/(b), 8(2)(a)/(b), 10(4)(a)/(b)) lasted at least 4
  continuous weeks and the advice it delays was asked for within the window that begins one week
  before the closure and ends one week before the setting reopens.

Pure: the caller passes the date each advice request was made (the first event carrying its ref).
"""

from datetime import date, timedelta

CLOSURE_MIN_DAYS = 28  # "closed for a continuous period of not less than 4 weeks"
CLOSURE = "closure"  # ExceptionReason.SETTING_CLOSED (engine.py imports this module)
WINDOW_DAYS = 7  # "beginning one week before ... and ending one week before the date it re-opens"


def lasts_four_weeks(start: date, end: date) -> bool:
    """Whether a period from `start` to `end` (its last day, both counted) is "a continuous period
    of not less than 4 weeks", as a closure and the child's or parent's absence (reg 5(4)(a)-(c),
    8(2), 10(4)) must be to excuse a time limit: 1 to 28 March is; 1 to 27 March is not."""
    return (end - start).days + 1 >= CLOSURE_MIN_DAYS


def closure_window(start: date, end: date) -> tuple[date, date]:
    """The days advice may be asked of a school closed from `start` to `end` (its last closed day)
    for the closure to excuse a time limit: one week before it closes to one week before it reopens."""
    reopens = end + timedelta(days=1)
    return start - timedelta(days=WINDOW_DAYS), reopens - timedelta(days=WINDOW_DAYS)


def closure_applies(exception, asked_on: date | None) -> bool:
    """Whether a closure of at least 4 weeks delayed advice asked for on `asked_on`."""
    if asked_on is None or not lasts_four_weeks(exception.start, exception.end):
        return False
    first, last = closure_window(exception.start, exception.end)
    return first <= asked_on <= last


def excusing(rule, ref: str, start: date, due: date, until: date, exceptions, asked: dict) -> tuple:
    """The exceptions that excuse step `rule` (for `ref`, if paired) started on `start`, due on
    `due`, done or still running on `until`. `asked` maps an advice ref to the day it was asked."""
    found = []
    for exception in exceptions:
        if exception.reason not in rule.excused_by:
            continue
        if exception.steps and rule.key not in exception.steps:
            continue
        if rule.paired and exception.ref and exception.ref != ref:
            continue  # a closure naming one adviser does not excuse another adviser's advice
        if exception.start > due or exception.start > until or exception.end < start:
            continue
        if exception.reason == CLOSURE:
            asked_on = exception.asked_on or asked.get(exception.ref)
            if not closure_applies(exception, asked_on):
                continue
        found.append(exception)
    return tuple(found)
