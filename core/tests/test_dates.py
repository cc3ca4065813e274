from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clock import dates


@pytest.mark.parametrize(
    "born,on,year,stage",
    [
        (date(2019, 9, 1), date(2024, 9, 2), 0, "EYFS"),  # oldest in the cohort: Reception at 5
        (date(2020, 8, 31), date(2024, 9, 2), 0, "EYFS"),  # youngest in the same cohort
        (date(2020, 9, 1), date(2024, 9, 2), -1, "EYFS"),  # a day later: a year behind (nursery)
        (date(2015, 5, 14), date(2026, 11, 22), 7, "KS3"),
        (date(2015, 5, 14), date(2026, 7, 20), 6, "KS2"),
        (date(2012, 3, 1), date(2026, 6, 30), 9, "KS3"),  # Year 9: preparation for adulthood
        (date(2012, 3, 1), date(2026, 9, 1), 10, "KS4"),  # 1 September moves everyone up
        (date(2009, 1, 1), date(2026, 11, 22), 13, "KS5"),
        (date(2004, 1, 1), date(2026, 11, 22), 18, "POST19"),
    ],
)
def test_year_group_and_key_stage_follow_the_1_september_cut_off(born, on, year, stage):
    assert dates.national_curriculum_year(born, on) == year
    assert dates.key_stage(year) == stage


def test_year_group_labels_read_as_schools_say_them():
    assert [dates.year_group_label(y) for y in (-3, -1, 0, 1, 13, 14)] == [
        "Not yet in nursery",
        "Nursery",
        "Reception",
        "Year 1",
        "Year 13",
        "Post-19",
    ]


@given(
    st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=365 * 25),
)
def test_children_born_in_one_academic_year_share_a_year_group(born, days_later):
    on = born + timedelta(days=days_later)
    cohort_start = date(dates.academic_year_start(born), 9, 1)
    assert dates.national_curriculum_year(born, on) == dates.national_curriculum_year(cohort_start, on)


@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31)))
def test_year_group_rises_by_one_each_september(born):
    on = date(born.year + 6, 8, 31)
    assert dates.national_curriculum_year(born, on + timedelta(days=1)) == (
        dates.national_curriculum_year(born, on) + 1
    )


@pytest.mark.parametrize(
    "born,on,age",
    [
        (date(2015, 5, 14), date(2026, 5, 13), 10),
        (date(2015, 5, 14), date(2026, 5, 14), 11),
        (date(2016, 2, 29), date(2026, 2, 28), 9),
    ],
)
def test_age_counts_whole_years(born, on, age):
    assert dates.age_on(born, on) == age


def test_academic_year_label():
    assert dates.academic_year_label(date(2026, 11, 22)) == "2026/27"
    assert dates.academic_year_label(date(2027, 3, 1)) == "2026/27"
