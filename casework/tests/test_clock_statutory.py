"""Worked examples for the exceptions and the clocks added for issue 23, each citing its
regulation (SEND Regulations 2014, SI 2014/1530)."""

from datetime import date

from clock import CaseException, Event, ExceptionReason, Status, timeline
from clock.case_events import EventKind as K
from clock.disagreements import order_deadlines
from clock.exceptions import closure_window
from clock.reviews import transfer_out_due, transferred_plan_review_due

R = ExceptionReason
REQUEST = date(2026, 1, 5)  # 20 weeks: final plan due 25 May 2026; 16 weeks: 27 April


def line(events, exceptions=(), *, today, reassessment=False):
    return timeline(
        [Event(kind, on, ref) for kind, on, ref in events], exceptions, today=today, reassessment=reassessment
    )


def to_draft(final_on=None):
    events = [
        (K.REQUEST_RECEIVED, REQUEST, ""),
        (K.DECIDED_TO_ASSESS, date(2026, 2, 2), ""),
        (K.DECIDED_TO_ISSUE, date(2026, 4, 1), ""),
        (K.DRAFT_SERVED, date(2026, 4, 2), ""),
    ]
    if final_on:
        events.append((K.FINAL_ISSUED, final_on, ""))
    return events


# --- Exceptions excuse only the lateness they caused (regs 5(4), 8(2), 10(4), 13(3)) ------------


def test_reg_13_3_an_absence_that_starts_after_the_due_date_excuses_nothing():
    # The final plan was due 25 May; the family went abroad from 1 June: the plan was already late.
    away = CaseException(R.AWAY, date(2026, 6, 1), date(2026, 7, 15))
    step = line(to_draft(date(2026, 6, 20)), [away], today=date(2026, 7, 1)).step("final_plan")
    assert step.status is Status.MET_LATE
    assert step.exceptions == ()


def test_reg_13_3_an_absence_that_began_before_the_due_date_excuses_the_late_plan():
    away = CaseException(R.AWAY, date(2026, 5, 1), date(2026, 6, 5))
    step = line(to_draft(date(2026, 6, 20)), [away], today=date(2026, 7, 1)).step("final_plan")
    assert step.status is Status.EXCUSED
    assert step.days_late == 26  # still late "including exceptions": SEN2 Week20, KPIs both figures


def test_an_exception_tied_to_one_step_excuses_only_that_step():
    # Exceptional circumstances that delayed the decision whether to assess (reg 5(4)(c)) only.
    grief = CaseException(
        R.PERSONAL, date(2026, 2, 1), date(2026, 3, 31), steps=frozenset({"decision_to_assess"})
    )
    events = [(K.REQUEST_RECEIVED, REQUEST, ""), (K.DECIDED_TO_ASSESS, date(2026, 3, 2), "")]
    result = line(events, [grief], today=date(2026, 6, 1))
    assert result.step("decision_to_assess").status is Status.EXCUSED
    assert result.step("final_plan").status is Status.OVERDUE


# --- The closure exception: advice asked inside the window (reg 10(4)(a), 8(2)(a), 5(4)(a)) ------

SUMMER = (date(2026, 7, 20), date(2026, 8, 31))  # closed 20 July, reopens 1 September


def test_the_closure_window_runs_from_a_week_before_closing_to_a_week_before_reopening():
    assert closure_window(*SUMMER) == (date(2026, 7, 13), date(2026, 8, 25))


def _advice_case(asked_on):
    received = date(2026, 5, 1)  # 20 weeks: 18 September
    return [
        (K.REQUEST_RECEIVED, received, ""),
        (K.DECIDED_TO_ASSESS, date(2026, 6, 10), ""),
        (K.ADVICE_REQUESTED, asked_on, "school"),
        (K.ADVICE_RECEIVED, date(2026, 9, 10), "school"),
        (K.DECIDED_TO_ISSUE, date(2026, 9, 14), ""),
        (K.DRAFT_SERVED, date(2026, 9, 15), ""),
        (K.FINAL_ISSUED, date(2026, 10, 5), ""),
    ]


def test_reg_10_4_a_closure_excuses_advice_asked_inside_the_window_and_the_limits_it_delays():
    closure = CaseException(R.SETTING_CLOSED, *SUMMER, ref="school")
    result = line(_advice_case(date(2026, 7, 14)), [closure], today=date(2026, 11, 1))
    assert result.step("advice:school").status is Status.EXCUSED  # reg 8(2)(a)
    assert result.step("final_plan").status is Status.EXCUSED  # reg 13(3)(a)


def test_reg_10_4_a_closure_does_not_excuse_advice_asked_before_the_window():
    # Asked on 1 July, more than a week before the school closed: it had three weeks to answer.
    closure = CaseException(R.SETTING_CLOSED, *SUMMER, ref="school")
    result = line(_advice_case(date(2026, 7, 1)), [closure], today=date(2026, 11, 1))
    assert result.step("advice:school").status is Status.MET_LATE
    assert result.step("final_plan").status is Status.MET_LATE


def test_reg_10_4_a_closure_shorter_than_4_weeks_excuses_nothing():
    short = CaseException(R.SETTING_CLOSED, date(2026, 7, 20), date(2026, 8, 14), ref="school")
    result = line(_advice_case(date(2026, 7, 14)), [short], today=date(2026, 11, 1))
    assert result.step("advice:school").status is Status.MET_LATE


def test_reg_5_4_a_the_6_week_decision_has_its_closure_exception():
    # Information asked of the school on 14 July, a week before it closed for the summer.
    closure = CaseException(R.SETTING_CLOSED, *SUMMER, asked_on=date(2026, 7, 14))
    events = [(K.REQUEST_RECEIVED, date(2026, 7, 10), ""), (K.DECIDED_TO_ASSESS, date(2026, 9, 7), "")]
    step = line(events, [closure], today=date(2026, 9, 8)).step("decision_to_assess")
    assert step.due == date(2026, 8, 21)
    assert step.status is Status.EXCUSED


# --- Reg 10(1) times only a decision not to issue -----------------------------------------------


def test_reg_10_1_a_decision_to_issue_after_week_16_is_not_late():
    events = [
        (K.REQUEST_RECEIVED, REQUEST, ""),
        (K.DECIDED_TO_ASSESS, date(2026, 2, 2), ""),
        (K.DECIDED_TO_ISSUE, date(2026, 5, 4), ""),  # week 17
    ]
    step = line(events, today=date(2026, 5, 5)).step("decision_to_issue")
    # Done on the day it was made, and never late: reg 10(1) does not time it.
    assert (step.done, step.status) == (date(2026, 5, 4), Status.MET)


def test_reg_10_1_a_decision_not_to_issue_after_week_16_is_late():
    events = [
        (K.REQUEST_RECEIVED, REQUEST, ""),
        (K.DECIDED_TO_ASSESS, date(2026, 2, 2), ""),
        (K.DECIDED_NOT_TO_ISSUE, date(2026, 4, 28), ""),
    ]
    step = line(events, today=date(2026, 5, 5)).step("decision_to_issue")
    assert (step.due, step.status) == (date(2026, 4, 27), Status.MET_LATE)


# --- Reassessment (reg 27(2)) -------------------------------------------------------------------


def test_reg_27_2_a_reassessment_plan_is_due_14_weeks_from_the_decision_to_reassess():
    events = [(K.REQUEST_RECEIVED, REQUEST, ""), (K.DECIDED_TO_ASSESS, date(2026, 2, 2), "")]
    step = line(events, today=date(2026, 3, 1), reassessment=True).step("final_plan")
    assert step.due == date(2026, 5, 11)
    assert step.source == "SEND Regulations 2014 reg 27(2)"


# --- Moving area (reg 15) -----------------------------------------------------------------------


def test_reg_15_2_a_move_learnt_of_on_the_friday_before_a_bank_holiday():
    # Friday 22 May 2026 is day 1; Monday 25 May (spring bank holiday) is not a working day.
    assert transfer_out_due(date(2026, 5, 22)) == date(2026, 6, 12)


def test_reg_15_2_learnt_of_in_good_time_the_plan_goes_on_the_day_of_the_move():
    assert transfer_out_due(date(2026, 5, 1), moved_on=date(2026, 7, 31)) == date(2026, 7, 31)
    # Learnt of 10 working days before the move: 15 working days beginning with that day.
    assert transfer_out_due(date(2026, 6, 1), moved_on=date(2026, 6, 12)) == date(2026, 6, 19)


def test_reg_15_5_the_new_area_reviews_by_the_later_of_12_months_and_3_months():
    # Last reviewed 1 March 2026, transferred 10 January 2027: 12 months (28 Feb 2027) is earlier
    # than 3 months beginning with the transfer (9 April 2027).
    assert transferred_plan_review_due(date(2026, 3, 1), date(2027, 1, 10)) == date(2027, 4, 9)
    assert transferred_plan_review_due(date(2026, 9, 1), date(2027, 1, 10)) == date(2027, 8, 31)


# --- The tribunal (reg 44(2)(b)) and conceded appeals (reg 45) ---------------------------------


def test_reg_44_2_b_an_order_to_assess_sets_2_10_and_14_week_limits():
    deadlines = {d.key: d for d in order_deadlines("assess", date(2026, 6, 1))}
    assert deadlines["assess"].due == date(2026, 6, 15)
    assert (deadlines["no_plan"].due, deadlines["no_plan"].source) == (
        date(2026, 8, 10),
        "SEND Regulations 2014 reg 44(2)(b)(i)",
    )
    assert (deadlines["final_plan"].due, deadlines["final_plan"].source) == (
        date(2026, 9, 7),
        "SEND Regulations 2014 reg 44(2)(b)(ii)",
    )


def test_reg_45_a_conceded_appeal_counts_from_the_day_the_area_told_the_tribunal():
    conceded = {d.key: d for d in order_deadlines("assess", date(2026, 6, 3), conceded=True)}
    assert (conceded["assess"].due, conceded["assess"].source) == (
        date(2026, 6, 17),
        "SEND Regulations 2014 reg 45(3)",
    )
    assert conceded["final_plan"].source == "SEND Regulations 2014 reg 45(3A)(b)"
    amend = order_deadlines("amend", date(2026, 6, 3), conceded=True)
    assert [(d.due, d.source) for d in amend] == [(date(2026, 7, 8), "SEND Regulations 2014 reg 45(4)")]
