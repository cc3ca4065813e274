"""The demand forecast on small data, every figure worked out by hand (no database)."""

import math

import numpy as np
import pandas as pd
import pytest

from commissioning import forecast
from commissioning.forecast import AssumptionError


def _plans(*rows):
    return pd.DataFrame(
        [(need, birth, start, np.nan if end is None else end, n) for need, birth, start, end, n in rows],
        columns=forecast.COLUMNS,
    )


def _cell(table, year, need, phase):
    match = table[(table["year"] == year) & (table["need"] == need) & (table["phase"] == phase)]
    return int(match["plans"].sum())


def test_each_year_the_children_age_a_year_and_move_phase():
    # 10 plans for children born in 2015: aged 10 in 2025 (primary), 11 in 2026 (secondary).
    table = forecast.project(_plans(("ASD", 2015, 2020, None, 10)), 2024)
    assert _cell(table, 2025, "ASD", "Primary") == 10
    assert _cell(table, 2026, "ASD", "Primary") == 0
    assert _cell(table, 2026, "ASD", "Secondary") == 10
    assert sorted(table["year"].unique()) == [2025, 2026, 2027, 2028, 2029]


def test_new_plans_come_at_the_recent_rate_grown_by_the_assumption():
    # 3 new plans at age 2 in each of 2022-2024: 3 a year. With 10% growth: 3.3 in 2025, 3.63 in 2026.
    plans = _plans(("ASD", 2020, 2022, None, 3), ("ASD", 2021, 2023, None, 3), ("ASD", 2022, 2024, None, 3))
    table = forecast.project(plans, 2024, growth={"ASD": 10})
    # 2025: the 9 (now 5, 4 and 3... born 2020-2022, so aged 5, 4, 3) plus 3.3 new aged 2.
    assert _cell(table, 2025, "ASD", "Primary") == 3  # born 2020, aged 5
    assert _cell(table, 2025, "ASD", "Early years") == round(6 + 3.3)
    # 2026: born 2020 and 2021 in primary (6); born 2022 (aged 4) 3, 2025's 3.3 and 2026's 3.63.
    assert _cell(table, 2026, "ASD", "Primary") == 6
    assert _cell(table, 2026, "ASD", "Early years") == round(3 + 3.3 + 3.63)
    flat = forecast.project(plans, 2024)
    assert _cell(flat, 2026, "ASD", "Early years") == 9


def test_leavers_go_at_the_rate_seen_at_their_age():
    # Of 8 plans for children born 2007, 4 ended in 2024 at 17: the leaver rate at 17 is 4 / 8.
    plans = _plans(
        ("SEMH", 2007, 2015, 2024, 4), ("SEMH", 2007, 2015, None, 4), ("SEMH", 2008, 2015, None, 10)
    )
    rates = forecast.rates(plans, 2024, ["SEMH"])
    assert rates.leave[17] == 0.5
    assert rates.leave[18] == 0
    table = forecast.project(plans, 2024)
    # 2025: born 2008 reach 17, half leave (5 stay); born 2007 reach 18 and stay (4).
    assert _cell(table, 2025, "SEMH", "Post-16") == 9


def test_plans_end_at_25():
    table = forecast.project(_plans(("PD", 2000, 2010, None, 6)), 2024)
    assert _cell(table, 2025, "PD", "Post-19") == 6  # aged 25
    assert table[table["year"] == 2026]["plans"].sum() == 0


@pytest.mark.parametrize("rate", [-51, 50.5, 400, math.nan])
def test_impossible_growth_rates_are_refused(rate):
    with pytest.raises(AssumptionError, match="ASD"):
        forecast.project(_plans(("ASD", 2015, 2020, None, 10)), 2024, growth={"ASD": rate})


def test_growth_at_the_bounds_is_allowed():
    assert forecast.check_growth({"ASD": 50, "SEMH": -50}) == {"ASD": 50, "SEMH": -50}


def test_back_test_compares_last_years_forecast_with_what_happened():
    plans = _plans(
        ("ASD", 2015, 2018, None, 9),
        ("ASD", 2015, 2018, 2024, 1),  # ended in 2024: last year's forecast could not know
        *[("ASD", year - 3, year, None, 3) for year in (2021, 2022, 2023, 2024)],
    )
    table = forecast.back_test(plans, 2024).set_index("need")
    # Forecast for 2024 from 2023: 10 + 9 in force, 3 new a year (2021-2023), nobody leaving: 22.
    assert table.loc["ASD", "forecast"] == 22
    assert table.loc["ASD", "actual"] == 21
    assert table.loc["ASD", "difference"] == 1


def test_phases_by_age():
    assert [forecast.phase_of(a) for a in (0, 4, 5, 10, 11, 15, 16, 18, 19, 25)] == [
        "Early years",
        "Early years",
        "Primary",
        "Primary",
        "Secondary",
        "Secondary",
        "Post-16",
        "Post-16",
        "Post-19",
        "Post-19",
    ]
