"""Each review's due date and phase transfer deadline from the engine, and the measures by month."""

from datetime import date

import pytest

from people.tests.factories import ChildFactory, SettingFactory
from reviews import decisions, meetings
from reviews.measures import review_measures
from reviews.tests.factories import at, quick_review, review_at

pytestmark = pytest.mark.django_db
PLAN_MADE = date(2026, 7, 27)


def review_of(born, setting=None, **values):
    child = ChildFactory(date_of_birth=born, setting=setting or SettingFactory(), **values)
    with at(date(2026, 8, 1)):
        return quick_review(child, PLAN_MADE)


def test_under_fives_are_reviewed_within_6_months(area):
    review = review_of(date(2023, 1, 1))
    assert (review.months, review.due_on) == (6, date(2027, 1, 26))


@pytest.mark.parametrize(
    "born,high_age,kind,deadline",
    [
        (date(2015, 10, 1), 11, "school", date(2027, 2, 15)),  # Year 6 -> secondary
        (date(2010, 10, 1), 16, "secondary_to_post16", date(2027, 3, 31)),  # Year 11 -> post-16
        (date(2019, 10, 1), 7, "school", date(2027, 2, 15)),  # Year 2 at an infant school -> junior
        (date(2019, 10, 1), 11, "", None),  # Year 2 at a primary school: staying put
        (date(2014, 10, 1), 16, "", None),  # Year 7
    ],
)
def test_phase_transfers_come_from_the_year_group_going_up_next_september(
    area, born, high_age, kind, deadline
):
    review = review_of(born, SettingFactory(statutory_high_age=high_age))
    assert (review.phase_transfer, review.phase_transfer_due) == (kind, deadline)
    if deadline:
        assert review.phase_transfer_move_on == date(2027, 9, 1)
        assert (review.next_deadline, review.next_step_key) == (deadline, "phase_transfer")


def test_a_child_starting_reception_has_the_earlier_of_the_two_deadlines(area):
    review = review_of(date(2022, 10, 1))  # nursery now, 3 years old: reviewed every 6 months
    assert (review.phase_transfer, review.phase_transfer_due, review.due_on) == (
        "school",
        date(2027, 2, 15),
        date(2027, 1, 26),
    )
    assert review.next_deadline == date(2027, 1, 26)


def test_a_move_between_colleges_is_set_by_hand_5_months_ahead(area):
    review = review_of(date(2008, 3, 1))
    with at(date(2026, 9, 1)):
        decisions.set_phase_transfer(None, review, "post16_to_post16", date(2027, 9, 6))
    review.refresh_from_db()
    assert (review.phase_transfer_due, review.phase_transfer_by_hand) == (date(2027, 4, 6), True)
    with at(date(2026, 9, 1)):
        decisions.set_phase_transfer(None, review, "", None)
    review.refresh_from_db()
    assert (review.phase_transfer, review.phase_transfer_due, review.next_step_key) == (
        "",
        None,
        "review_meeting",
    )


def test_measures_count_each_step_in_the_month_it_was_done(area, pupil):
    on_time = review_at(area.own_child, "reported")  # held 21 June, due 26 July: on time
    with at(date(2027, 9, 20)):
        decisions.decide(None, on_time, "amend", date(2027, 7, 5), "Changes needed")
        decisions.proposals_sent(None, on_time, date(2027, 8, 20))
        decisions.amended_plan_issued(None, on_time, date(2027, 9, 20))  # 12 weeks were up 13 September
    with at(date(2027, 6, 1)):
        late = quick_review(pupil(), date(2026, 5, 1))  # due 30 April 2027
        meetings.schedule(None, late, meeting_on=date(2027, 6, 21), place="School", late_reason="Backlog")
    with at(date(2027, 8, 2)):
        decisions.meeting_held(None, late, date(2027, 6, 21))
        decisions.report_sent(None, late, date(2027, 7, 1))
        decisions.decide(None, late, "maintain", date(2027, 8, 2), "No change")  # 4 weeks were up 19 July

    figures = review_measures(date(2027, 6, 1), date(2027, 9, 30), today=date(2027, 10, 1))
    june, july, august, september = figures.months
    assert (june.held.count, june.held.within) == (2, 1)
    assert (july.decisions.count, july.decisions.within) == (1, 1)
    assert (august.decisions.count, august.decisions.within) == (1, 0)
    assert (september.amended.count, september.amended.within) == (1, 0)
    assert figures.total.decisions.percent == 50.0
