"""The demand forecast: plans by primary need and phase for the next five years, by cohort
progression. Pure (pandas and numpy, no database), so it is tested on small hand-checked data and
benchmarked on a synthetic all-England set.

The input is a table of plans, one row per group of plans alike in what the method needs:
    need, birth_year, start_year, end_year (missing while the plan is in force), n (how many)
A child's age in a calendar year is the year minus the birth year (the age they reach that year).

The method, for each year after the base year:
1. every plan in force ages a year (the oldest age, 25, leaves: plans end at 25);
2. some leave at each age, at the leaver rate for that age seen over the recent window;
3. new plans arrive at each age and need, at the recent window's yearly average, grown by the
   need's growth assumption (per cent a year, compounding).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

AGES = np.arange(0, 26)
WINDOW = 3  # recent years whose rates the forecast uses
YEARS = 5
GROWTH_MIN, GROWTH_MAX = -50.0, 50.0  # per cent a year: outside this is not a planning assumption
COLUMNS = ["need", "birth_year", "start_year", "end_year", "n"]
# The phase a child is in by the age they reach in the year (an approximation of year groups).
PHASES = [(4, "Early years"), (10, "Primary"), (15, "Secondary"), (18, "Post-16"), (25, "Post-19")]


class AssumptionError(ValueError):
    """A growth rate no forecast should use: the message says which and why."""


def phase_of(age: int) -> str:
    for top, name in PHASES:
        if age <= top:
            return name
    return PHASES[-1][1]


def check_growth(growth: dict[str, float]) -> dict[str, float]:
    """The growth rates, or AssumptionError naming the first impossible one."""
    for need, rate in growth.items():
        if rate is None or not np.isfinite(rate):
            raise AssumptionError(f"Enter a growth rate for {need} as a number")
        if rate < GROWTH_MIN or rate > GROWTH_MAX:
            raise AssumptionError(
                f"Growth for {need} must be between {GROWTH_MIN:g}% and {GROWTH_MAX:g}% a year"
            )
    return growth


def compact(plans: pd.DataFrame) -> pd.DataFrame:
    """Plans alike in need, birth, start and end years summed into one row: the arithmetic after
    this grows with the number of kinds of plan (bounded), not the number of plans."""
    if plans.empty:
        return plans
    grouped = plans.groupby(COLUMNS[:-1], dropna=False, sort=False, observed=True)["n"].sum()
    return grouped.reset_index()


def _matrix(frame: pd.DataFrame, needs: list[str], age: pd.Series) -> np.ndarray:
    """Sum of n by (need, age) as a needs x ages array; ages outside 0-25 are left out."""
    keep = (age >= 0) & (age <= AGES[-1])
    grouped = frame.loc[keep, "n"].groupby([frame.loc[keep, "need"], age[keep]]).sum()
    table = grouped.unstack(fill_value=0).reindex(index=needs, columns=AGES, fill_value=0)
    return table.to_numpy(dtype=float)


def in_force(plans: pd.DataFrame, year: int, needs: list[str]) -> np.ndarray:
    """Plans in force at the end of `year`, needs x ages (age reached in `year`)."""
    live = plans[(plans["start_year"] <= year) & ~(plans["end_year"] <= year)]
    return _matrix(live, needs, year - live["birth_year"])


@dataclass
class Rates:
    new: np.ndarray  # needs x ages: new plans a year
    leave: np.ndarray  # ages: share of plans in force that end in a year


def rates(plans: pd.DataFrame, base_year: int, needs: list[str], window: int = WINDOW) -> Rates:
    """New plans by need and age (yearly average) and leaver rates by age, over the `window` years
    up to and including `base_year`."""
    first = base_year - window + 1
    started = plans[plans["start_year"].between(first, base_year)]
    new = _matrix(started, needs, started["start_year"] - started["birth_year"]) / window
    ended = plans[plans["end_year"].between(first, base_year)]
    leavers = _matrix(ended, needs, ended["end_year"] - ended["birth_year"]).sum(axis=0)
    # Exposure: plans in force at the end of the year before, at the age they reach in the year.
    exposure = np.zeros(len(AGES))
    for year in range(first, base_year + 1):
        exposure[1:] += in_force(plans, year - 1, needs).sum(axis=0)[:-1]
    leave = np.divide(leavers, exposure, out=np.zeros_like(leavers), where=exposure > 0)
    return Rates(new=new, leave=np.clip(leave, 0, 1))


def _step(current: np.ndarray, r: Rates, factor: np.ndarray) -> np.ndarray:
    aged = np.zeros_like(current)
    aged[:, 1:] = current[:, :-1]  # the oldest leave: plans end at 25
    return aged * (1 - r.leave) + r.new * factor[:, None]


def project(
    plans: pd.DataFrame, base_year: int, growth: dict[str, float] | None = None, years: int = YEARS
) -> pd.DataFrame:
    """Forecast plans in force at the end of each of the `years` after `base_year`:
    a long table of year, need, phase, plans (plans rounded to whole numbers)."""
    growth = check_growth(dict(growth or {}))
    plans = compact(plans)
    needs = sorted(plans["need"].unique())
    r = rates(plans, base_year, needs)
    current = in_force(plans, base_year, needs)
    yearly = np.array([1 + growth.get(need, 0.0) / 100 for need in needs])
    out = []
    for step in range(1, years + 1):
        current = _step(current, r, yearly**step)
        out.append(_long(current, needs, base_year + step))
    return (
        pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=["year", "need", "phase", "plans"])
    )


def _long(matrix: np.ndarray, needs: list[str], year: int) -> pd.DataFrame:
    frame = pd.DataFrame(matrix, index=needs, columns=AGES)
    frame.columns = [phase_of(int(age)) for age in AGES]
    by_phase = frame.T.groupby(level=0, sort=False).sum().T
    table = by_phase.stack().rename("plans").reset_index()
    table.columns = ["need", "phase", "plans"]
    table.insert(0, "year", year)
    table["plans"] = table["plans"].round().astype(int)
    return table


def by_need(forecast: pd.DataFrame) -> pd.DataFrame:
    """Forecast plans by year (rows) and need (columns)."""
    return forecast.pivot_table(index="year", columns="need", values="plans", aggfunc="sum", fill_value=0)


def back_test(plans: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Last year's forecast against what happened: the one-year forecast made from `base_year - 1`
    (with the rates known then) beside the plans in force at the end of `base_year`, by need."""
    plans = compact(plans)
    needs = sorted(plans["need"].unique())
    known = plans[plans["start_year"] <= base_year - 1].copy()
    known.loc[known["end_year"] > base_year - 1, "end_year"] = np.nan
    r = rates(known, base_year - 1, needs)
    forecast = _step(in_force(known, base_year - 1, needs), r, np.ones(len(needs))).sum(axis=1)
    actual = in_force(plans, base_year, needs).sum(axis=1)
    table = pd.DataFrame(
        {"need": needs, "forecast": forecast.round().astype(int), "actual": actual.astype(int)}
    )
    table["difference"] = table["forecast"] - table["actual"]
    return table


def warnings(plans: pd.DataFrame, base_year: int, window: int = WINDOW) -> list[str]:
    """What a reader must know before trusting the forecast: data with no plans ever ending (so
    the forecast only adds plans, and grows even at 0% growth), or too little history for the
    rates (new plans and leavers are averaged over `window` years)."""
    if plans.empty:
        return []
    found = []
    ended = plans["end_year"].notna() & (plans["end_year"] <= base_year)
    if not ended.any():
        found.append(
            "No plan in the data has ever ended, so the forecast assumes none will: it only adds "
            "plans and grows even at 0% growth. Check that ceased plans are recorded."
        )
    elif not plans.loc[ended, "end_year"].between(base_year - window + 1, base_year).any():
        found.append(
            f"No plan in the data ended in the last {window} years, so no one leaves in the forecast."
        )
    first = int(plans["start_year"].min())
    history = base_year - first + 1
    if history < window:
        found.append(
            f"The data starts in {first}: {history} {'year' if history == 1 else 'years'} of history, "
            f"fewer than the {window} the rates are averaged over, so new plans are under-counted."
        )
    return found
