"""The clock engine: events in, every statutory step's due date and status out.

Pure: no database, no HTTP, no "today" of its own (the caller passes it). Every page, list,
reminder and measure that shows a statutory deadline asks this package; nothing else does date
arithmetic on statutory steps. Each rule is written once, with its source beside it
(STATUTORY_RULES.md), so a change in the law is a change here:

- engine.py: statuses, steps, timelines and the machinery that runs a set of rules;
- assessment.py: the EHC needs assessment (regs 5, 8, 10, 13);
- reviews.py: annual reviews, amendments, phase transfers, moves between areas, appeals;
- disagreements.py: mediation certificates and meetings, tribunal orders (reg 44), complaints;
- periods.py: "within N months" and working days (England and Wales bank holidays);
- dates.py: school years, ages and age bands, calendar months, financial years, days left and
  look-aheads (the date ranges lists and reports filter on);
- local_offer.py, health.py, waits.py, retention.py: the Local Offer's reviews, health
  assessments, NHS waiting times and keeping records.
"""

from clock.assessment import CASE_ENDING, RULES, RULES_BY_KEY, timeline
from clock.engine import (
    ALL_REASONS,
    DUE_SOON_DAYS,
    STATUS_LABELS,
    CaseException,
    Event,
    ExceptionReason,
    Status,
    Step,
    StepRule,
    Timeline,
    due_date,
    due_soon_range,
    due_status,
    run,
)
from clock.periods import add_working_days, is_working_day, within_months

__all__ = [
    "ALL_REASONS",
    "CASE_ENDING",
    "DUE_SOON_DAYS",
    "RULES",
    "RULES_BY_KEY",
    "STATUS_LABELS",
    "CaseException",
    "Event",
    "ExceptionReason",
    "Status",
    "Step",
    "StepRule",
    "Timeline",
    "add_working_days",
    "due_date",
    "due_soon_range",
    "due_status",
    "is_working_day",
    "run",
    "timeline",
    "within_months",
]
