from datetime import date

import pytest

from clock.engine import CaseException, ExceptionReason
from clock.exceptions import closure_applies, lasts_four_weeks


@pytest.mark.parametrize(
    "start,end,long_enough",
    [
        (date(2026, 3, 1), date(2026, 3, 28), True),  # 28 days, both ends counted: exactly 4 weeks
        (date(2026, 3, 1), date(2026, 3, 27), False),  # 27 days: a day short
        (date(2026, 2, 1), date(2026, 2, 28), True),  # all of a 28-day February
        (date(2026, 3, 1), date(2026, 3, 1), False),  # one day
        (date(2026, 7, 22), date(2026, 9, 2), True),  # the summer holiday
    ],
)
def test_a_period_of_at_least_4_weeks_counts_its_first_and_last_days(start, end, long_enough):
    assert lasts_four_weeks(start, end) is long_enough


def test_a_closure_excuses_only_when_it_lasts_4_weeks():
    asked = date(2026, 7, 20)  # in the week before the school closes
    summer = CaseException(ExceptionReason.SETTING_CLOSED, date(2026, 7, 22), date(2026, 8, 18))
    short = CaseException(ExceptionReason.SETTING_CLOSED, date(2026, 7, 22), date(2026, 8, 17))
    assert closure_applies(summer, asked)
    assert not closure_applies(short, asked)
