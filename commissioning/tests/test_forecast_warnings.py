"""The forecast says when its data cannot be trusted: no plan has ever ended (so it only adds
plans, and grows even at 0% growth), or there is less history than its rates are averaged over."""

import numpy as np
import pandas as pd

from commissioning import forecast


def _plans(*rows):
    return pd.DataFrame(
        [(need, birth, start, np.nan if end is None else end, n) for need, birth, start, end, n in rows],
        columns=forecast.COLUMNS,
    )


def test_no_ceasings_is_warned_and_the_forecast_grows_at_zero_growth():
    plans = _plans(
        ("ASD", 2015, 2019, None, 10), ("ASD", 2016, 2021, None, 10), ("ASD", 2017, 2023, None, 10)
    )
    found = forecast.warnings(plans, 2024)
    assert any("No plan in the data has ever ended" in warning for warning in found)
    projected = forecast.by_need(forecast.project(plans, 2024))
    assert projected["ASD"].iloc[-1] > 30  # the growth the warning explains


def test_too_little_history_is_warned():
    plans = _plans(("ASD", 2015, 2024, None, 10), ("ASD", 2010, 2024, 2024, 3))
    found = forecast.warnings(plans, 2024)
    assert any("1 year of history" in warning for warning in found)


def test_good_data_has_no_warnings():
    plans = _plans(("ASD", 2010, 2018, 2023, 5), ("ASD", 2012, 2019, None, 10), ("SLCN", 2014, 2022, 2024, 2))
    assert forecast.warnings(plans, 2024) == []
