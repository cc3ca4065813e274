"""The needs analysis: read-only counts of children with plans and on SEN support, from the same
records the casework keeps (never typed in again).

A few aggregate queries bring back counts grouped by the fields the analysis needs (one row per
combination, not per child); pandas does the rest. "Area" is the postcode district (the outward
code, such as "BD3"), the finest area the records hold for every child.
"""

from datetime import date

import pandas as pd
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Left, Length, Trim, Upper

from clock.dates import year_group_label
from people import codelists
from people.codelists import SenProvision
from people.models import Child
from plans.models import EHCPlan

PROVISION = {p.value: p.label for p in (SenProvision.EHC_PLAN, SenProvision.SEN_SUPPORT)}
NOT_KNOWN = "Not known"

# What the analysis can be broken down by: key -> (label, column).
BREAKDOWNS = {
    "need": "Primary need",
    "year_group": "Year group",
    "area": "Area (postcode district)",
    "setting_type": "Setting type",
    "phase": "Phase",
}
COLUMNS = ["group", "plans", "support", "total"]


def children_frame() -> pd.DataFrame:
    """One row per combination of the breakdown fields, with a count of children: one query."""
    rows = (
        Child.objects.filter(sen_provision__in=PROVISION)
        .annotate(
            birth_year=ExtractYear("date_of_birth"),
            birth_month=ExtractMonth("date_of_birth"),
            district=Upper(Trim(Left("postcode", Length("postcode") - 3))),
            stype=Coalesce(F("setting__setting_type"), Value("")),
            sphase=Coalesce(F("setting__phase"), Value("")),
        )
        .values(
            "sen_provision",
            "primary_need",
            "birth_year",
            "birth_month",
            "year_group_override",
            "district",
            "stype",
            "sphase",
        )
        .annotate(children=Count("pk"))
        .order_by()
    )
    columns = [
        "sen_provision",
        "primary_need",
        "birth_year",
        "birth_month",
        "year_group_override",
        "district",
        "stype",
        "sphase",
        "children",
    ]
    return pd.DataFrame.from_records(list(rows), columns=columns)


def year_groups(frame: pd.DataFrame, on: date) -> pd.Series:
    """National curriculum year on `on` (clock.dates.national_curriculum_year), for every row at once:
    the cohort is the academic year of birth, Reception the September after the fourth birthday."""
    cohort = frame["birth_year"] - (frame["birth_month"] < 9).astype(int)
    academic = on.year if on.month >= 9 else on.year - 1
    computed = academic - (cohort + 5)
    override = pd.to_numeric(frame["year_group_override"], errors="coerce")
    return override.fillna(computed).astype(int)


def _year_group_label(value: int) -> str:
    return year_group_label(int(value))


RAW = {"need": "primary_need", "area": "district", "setting_type": "stype", "phase": "sphase"}


def _label(by: str, value) -> str:
    value = value if isinstance(value, str) else ""
    if by == "need":
        return codelists.label(codelists.SEN_TYPE, value) or NOT_KNOWN
    if by == "area":
        return value or NOT_KNOWN
    if by == "setting_type":
        return codelists.label(codelists.SETTING_TYPE, value) or NOT_KNOWN
    return codelists.label(codelists.SETTING_PHASE, value) or NOT_KNOWN


def breakdown(frame: pd.DataFrame, by: str, on: date) -> list[dict]:
    """Children with plans and on SEN support in each group: [{group, plans, support, total}],
    largest first (year groups in order). Sums by the stored code first (one pass over the rows),
    then labels the few groups, so the time grows with the rows and not with label lookups."""
    if by not in BREAKDOWNS:
        raise ValueError(f"Unknown breakdown: {by}")
    if frame.empty:
        return []
    key = year_groups(frame, on) if by == "year_group" else frame[RAW[by]]
    work = pd.DataFrame({"key": key, "provision": frame["sen_provision"], "children": frame["children"]})
    table = (
        work.groupby(["key", "provision"], dropna=False, sort=False)["children"]
        .sum()
        .unstack(fill_value=0)
        .reindex(columns=list(PROVISION), fill_value=0)
    )
    table.columns = ["plans", "support"]
    if by == "year_group":
        table = table.sort_index()
        table.index = [_year_group_label(v) for v in table.index]
    else:
        table.index = [_label(by, v) for v in table.index]
        table = table.groupby(level=0).sum()  # codes that share a label ("" and missing: Not known)
    table["total"] = table["plans"] + table["support"]
    if by != "year_group":
        table = table.sort_values(["total"], ascending=False, kind="stable")
    return [
        {"group": str(group), "plans": int(r.plans), "support": int(r.support), "total": int(r.total)}
        for group, r in table.iterrows()
    ]


def plan_trend(last_year: int, years: int = 6) -> list[dict]:
    """Plans started, ceased and in force at the end of each calendar year, from the plans' own
    first-issued and ceased dates: two aggregate queries."""
    started = dict(
        EHCPlan.objects.filter(first_issued_on__isnull=False)
        .annotate(year=ExtractYear("first_issued_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ceased = dict(
        EHCPlan.objects.filter(first_issued_on__isnull=False, ceased_on__isnull=False)
        .annotate(year=ExtractYear("ceased_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    first = last_year - years + 1
    every = pd.RangeIndex(min([first, *started, *ceased]), last_year + 1)
    frame = pd.DataFrame(
        {
            "started": pd.Series(started, dtype="int64").reindex(every, fill_value=0),
            "ceased": pd.Series(ceased, dtype="int64").reindex(every, fill_value=0),
        }
    )
    frame["in_force"] = (frame["started"] - frame["ceased"]).cumsum()
    frame = frame.loc[first:last_year]
    return [
        {"year": int(year), "started": int(r.started), "ceased": int(r.ceased), "in_force": int(r.in_force)}
        for year, r in frame.iterrows()
    ]


def plans_frame() -> pd.DataFrame:
    """Every issued plan, grouped as commissioning.forecast needs it (need, birth year, start year,
    end year, how many): one aggregate query."""
    rows = (
        EHCPlan.objects.filter(first_issued_on__isnull=False)
        .annotate(
            need=F("child__primary_need"),
            birth_year=ExtractYear("child__date_of_birth"),
            start_year=ExtractYear("first_issued_on"),
            end_year=ExtractYear("ceased_on"),
        )
        .values_list("need", "birth_year", "start_year", "end_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["need", "birth_year", "start_year", "end_year", "n"]
    )
    frame["need"] = frame["need"].map(lambda v: v or "OTH")
    frame["end_year"] = pd.to_numeric(frame["end_year"], errors="coerce")
    return frame
