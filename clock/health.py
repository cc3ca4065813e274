"""Health assessments of children in care (looked-after children).

Statutory guidance "Promoting the health and well-being of looked-after children" (DfE and DHSC,
2015), under the Care Planning, Placement and Case Review (England) Regulations 2010 reg 7: the
initial health assessment is done within 20 working days of the child coming into care; review
health assessments every six months before the child's fifth birthday and every 12 months after.
"""

from datetime import date

from clock.dates import age_on
from clock.periods import add_working_days, within_months

INITIAL_WORKING_DAYS = 20


def initial_health_assessment_due(came_into_care: date) -> date:
    """The last day for the initial health assessment: 20 working days after coming into care."""
    return add_working_days(came_into_care, INITIAL_WORKING_DAYS)


def review_health_assessment_due(date_of_birth: date, last_assessment: date) -> date:
    """Six months after the last assessment for a child under 5 on that day, else 12 months."""
    months = 6 if age_on(date_of_birth, last_assessment) < 5 else 12
    return within_months(last_assessment, months)


def next_review_due(date_of_birth: date, last_assessment: date) -> date | None:
    """The next review health assessment's due date, or None when the young person is 18 by then
    (review health assessments are for children in care, up to their 18th birthday)."""
    due = review_health_assessment_due(date_of_birth, last_assessment)
    return None if age_on(date_of_birth, due) >= 18 else due
