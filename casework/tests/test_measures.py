"""casework.measures against cases built by hand through the services, with figures worked out by
hand from the dates below (6 weeks = 42 days, 20 weeks = 140 days after the request).

    case  request     decision             advice (asked -> in)             final plan
    A     6 Jan 2025  3 Feb, day 28, met   EP 3 Feb -> 10 Mar, 35 days      12 May, day 126 (18 wk), met
                                           health 3 Feb -> 24 Mar, 49, late
    B     13 Jan      3 Mar, day 49, late  EP 3 Mar -> 7 Apr, 35            23 Jun, day 161 (23 wk), late
    C     3 Feb       10 Mar, day 35, met  EP 10 Mar -> 5 May, 56, late*    7 Jul, day 154 (22 wk), late*
    D     3 Mar       not to assess 21 Apr, day 49, late
    E     7 Apr       12 May, day 35, met  EP 12 May -> 9 Jun, 28           18 Aug, day 133 (19 wk), met*
    F     5 May       withdrawn 20 May, before any decision
    G     4 Nov 2024  2 Dec 2024 (out of range)  EP 2 Dec -> 6 Jan 2025, 35   17 Mar, day 133 (19 wk), met
    H     4 Aug       8 Sep, day 35, met   EP 8 Sep -> 13 Oct, 35           5 Jan 2026 (out of range)

    * C has a personal exception (1 Mar - 30 Apr 2025) and E a family-away one (1 Jul - 5 Aug 2025):
      both are left out of the "excluding exceptions" plan figure, late or not (the DfE's way).

For 2025: decisions 6, 4 within (66.7%); plans 5, 3 within (60.0%) including exceptions and 3, 2
within (66.7%) excluding them; EP advice 6, 5 within (83.3%: C's late advice is excused, not
within); health advice 1, 0 within; median weeks to plan of 18, 19, 19, 22, 23 = 19.0.
"""

from datetime import date

import pytest

from casework import services
from casework.measures import Proportion, assessment_measures
from casework.tests.factories import open_case
from clock.case_events import EventKind as K
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def d(text: str) -> date:
    return date.fromisoformat(text)


def build_case(received, decided=None, advice=(), issue=None, final=None, not_assessed=None, withdrawn=None):
    case = open_case(ChildFactory(), d(received))
    if withdrawn:
        services.record_event(None, case, K.WITHDRAWN, d(withdrawn))
        return case
    if not_assessed:
        services.record_event(None, case, K.DECIDED_NOT_TO_ASSESS, d(not_assessed))
        return case
    services.record_event(None, case, K.DECIDED_TO_ASSESS, d(decided))
    for adviser_type, asked, received_on in advice:
        request = services.request_advice(None, case, adviser_type, d(asked))
        services.receive_advice(None, request, d(received_on))
    services.record_event(None, case, K.DECIDED_TO_ISSUE, d(issue))
    services.record_event(None, case, K.DRAFT_SERVED, d(issue))
    services.record_event(None, case, K.FINAL_ISSUED, d(final))
    return case


@pytest.fixture
def cases():
    a = build_case(
        "2025-01-06",
        "2025-02-03",
        [("ep", "2025-02-03", "2025-03-10"), ("health", "2025-02-03", "2025-03-24")],
        issue="2025-03-31",
        final="2025-05-12",
    )
    b = build_case(
        "2025-01-13",
        "2025-03-03",
        [("ep", "2025-03-03", "2025-04-07")],
        issue="2025-04-14",
        final="2025-06-23",
    )
    c = build_case(
        "2025-02-03",
        "2025-03-10",
        [("ep", "2025-03-10", "2025-05-05")],
        issue="2025-05-12",
        final="2025-07-07",
    )
    services.record_exception(None, c, "personal", d("2025-03-01"), d("2025-04-30"), "Bereavement")
    build_case("2025-03-03", not_assessed="2025-04-21")
    e = build_case(
        "2025-04-07",
        "2025-05-12",
        [("ep", "2025-05-12", "2025-06-09")],
        issue="2025-06-16",
        final="2025-08-18",
    )
    services.record_exception(None, e, "away", d("2025-07-01"), d("2025-08-05"), "Abroad")
    build_case("2025-05-05", withdrawn="2025-05-20")
    build_case(
        "2024-11-04",
        "2024-12-02",
        [("ep", "2024-12-02", "2025-01-06")],
        issue="2025-01-13",
        final="2025-03-17",
    )
    build_case(
        "2025-08-04",
        "2025-09-08",
        [("ep", "2025-09-08", "2025-10-13")],
        issue="2025-10-20",
        final="2026-01-05",
    )
    return {"a": a, "b": b, "c": c, "e": e}


def test_the_year_matches_the_figures_worked_out_by_hand(cases, django_assert_num_queries):
    with django_assert_num_queries(3):
        measures = assessment_measures(d("2025-01-01"), d("2025-12-31"))
    total = measures.total
    assert total.decisions == Proportion(6, 4)
    assert total.decisions.percent == 66.7
    assert total.plans_including == Proportion(5, 3)
    assert total.plans_including.percent == 60.0
    assert total.plans_excluding == Proportion(3, 2)
    assert total.plans_excluding.percent == 66.7
    assert total.advice["ep"] == Proportion(6, 5)
    assert total.advice["ep"].percent == 83.3
    assert total.advice["health"] == Proportion(1, 0)
    assert total.advice["health"].percent == 0.0
    assert total.advice["social_care"] == Proportion(0, 0)
    assert total.advice["social_care"].percent is None
    assert total.median_weeks_to_plan == 19.0


def test_each_figure_is_filed_under_the_month_of_its_step(cases):
    measures = assessment_measures(d("2025-01-01"), d("2025-12-31"))
    months = {figures.start.month: figures for figures in measures.months}
    assert [f.start for f in measures.months] == [date(2025, m, 1) for m in range(1, 13)]
    assert months[12].end == date(2025, 12, 31) and months[2].end == date(2025, 2, 28)
    assert months[1].decisions == Proportion(0, 0)  # G was decided in December 2024
    assert months[1].advice["ep"] == Proportion(1, 1)  # ... but its advice came in January
    assert months[2].decisions == Proportion(1, 1)  # A
    assert months[3].decisions == Proportion(2, 1)  # B late, C on time
    assert months[4].decisions == Proportion(1, 0)  # D, not to assess, late
    assert months[3].plans_including == Proportion(1, 1)  # G: 19 weeks
    assert months[3].advice["health"] == Proportion(1, 0)  # A's health advice: 49 days
    assert months[3].median_weeks_to_plan == 19.0
    assert months[6].plans_including == Proportion(1, 0)  # B: 23 weeks
    assert months[7].plans_including == Proportion(1, 0)  # C: late, excused by its exception
    assert months[7].plans_excluding == Proportion(0, 0)
    assert months[7].plans_excluding.percent is None
    assert months[8].plans_including == Proportion(1, 1)  # E: on time, but had an exception
    assert months[8].plans_excluding == Proportion(0, 0)
    assert months[5].advice["ep"] == Proportion(1, 0)  # C: late though excused
    assert months[9].decisions == Proportion(1, 1)  # H
    assert months[1].median_weeks_to_plan is None


def test_a_part_month_range_counts_only_inside_it(cases):
    measures = assessment_measures(d("2025-03-05"), d("2025-05-31"))
    assert [f.start for f in measures.months] == [d("2025-03-05"), d("2025-04-01"), d("2025-05-01")]
    # A (3 Feb) and B (3 March) decided before the range; C (10 March, met), D (April, late) and
    # E (May, met) inside it.
    assert measures.total.decisions == Proportion(3, 2)
    # G (17 March) and A (12 May) in range; B, C and E issued later.
    assert measures.total.plans_including == Proportion(2, 2)
    assert measures.total.median_weeks_to_plan == 18.5
