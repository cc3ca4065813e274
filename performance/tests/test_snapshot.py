"""System KPI figures: the sources read the measures modules, the nightly snapshot stores one row a
KPI a month (and updates it when run again), and the seed's KPIs load as data."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from casework.measures import assessment_measures
from performance import services
from performance.data.bradford_wsa import KPIS
from performance.models import KPI, Measurement, Origin
from performance.scorecard import kpi_scorecard
from performance.sources import SOURCES, Measured
from performance.tests.helpers import plan_issued, twenty_week_kpi

pytestmark = pytest.mark.django_db

MAY = date(2026, 5, 1)


@pytest.fixture
def may_plans():
    """Five new plans in May 2026: three in time (18, 19, 20 weeks), two late (22, 30 weeks)."""
    for day, weeks in ((4, 18), (11, 19), (18, 20), (20, 22), (27, 30)):
        plan_issued(date(2026, 5, day), weeks)


def test_the_twenty_week_source_gives_the_casework_figure(may_plans):
    figure = SOURCES["plans_20w_including"].read(Measured(MAY, date(2026, 5, 31), date(2026, 6, 1)), MAY)
    assert (figure.numerator, figure.denominator, figure.value) == (3, 5, Decimal("60.0"))
    month = assessment_measures(MAY, date(2026, 5, 31), today=date(2026, 6, 1)).months[0]
    assert (month.plans_including.within, month.plans_including.count) == (3, 5)


def test_a_month_with_nothing_counted_has_no_figure(may_plans):
    measured = Measured(date(2026, 4, 1), date(2026, 4, 30), date(2026, 6, 1))
    assert SOURCES["plans_20w_including"].read(measured, date(2026, 4, 1)) is None


def test_the_snapshot_stores_the_month_to_date_once_however_often_it_runs(may_plans):
    kpi = twenty_week_kpi()
    first = services.snapshot(date(2026, 5, 19))
    row = Measurement.objects.get(kpi=kpi)
    assert first == {"created": 1, "updated": 0}
    assert (row.period_start, row.period_end, row.numerator, row.denominator) == (
        MAY,
        date(2026, 5, 19),
        3,
        3,
    )
    again = services.snapshot(date(2026, 5, 31))
    row.refresh_from_db()
    assert again == {"created": 0, "updated": 1}
    assert Measurement.objects.filter(kpi=kpi).count() == 1
    assert (row.period_end, row.value, row.numerator, row.denominator) == (
        date(2026, 5, 31),
        Decimal("60"),
        3,
        5,
    )
    assert row.version == 2


def test_the_command_prints_progress_and_is_idempotent(may_plans, capsys):
    twenty_week_kpi()
    call_command("snapshot_kpis", "--date", "2026-05-31")
    call_command("snapshot_kpis", "--date", "2026-05-31")
    out = capsys.readouterr().out
    assert "EHC-20W New EHC plans issued within 20 weeks" in out
    assert "snapshot_kpis 2026-05-31: 1 created, 0 updated" in out
    assert "snapshot_kpis 2026-05-31: 0 created, 1 updated" in out
    assert Measurement.objects.count() == 1


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date must be a date like"):
        call_command("snapshot_kpis", "--date", "31/05/2026")


def test_a_figure_typed_in_for_the_month_is_never_overwritten(may_plans):
    kpi = twenty_week_kpi()
    services.add_measurement(None, kpi, as_at=date(2026, 5, 31), value=Decimal(62), note="Checked by hand")
    assert services.snapshot(date(2026, 5, 31)) == {"created": 0, "updated": 0}
    row = Measurement.objects.get(kpi=kpi)
    assert (row.origin, row.value) == (Origin.MANUAL, Decimal(62))


def test_manual_kpis_are_not_snapshotted(may_plans):
    twenty_week_kpi(source="manual")
    assert services.snapshot(date(2026, 5, 31)) == {"created": 0, "updated": 0}


def test_history_is_stored_month_by_month(may_plans):
    kpi = twenty_week_kpi()
    plan_issued(date(2026, 6, 10), 15)
    months = [date(2026, 4, 1), MAY, date(2026, 6, 1)]
    counts = services.store_history([kpi], Measured(months[0], date(2026, 6, 30), date(2026, 7, 1)), months)
    assert counts == {"created": 2, "updated": 0}  # April had no plans: no figure, not 0%
    assert list(kpi.measurements.values_list("period_end", "value")) == [
        (date(2026, 5, 31), Decimal("60")),
        (date(2026, 6, 30), Decimal("100")),
    ]


def test_every_source_key_in_the_seed_data_exists():
    for entry in KPIS:
        assert entry["source"] == "manual" or entry["source"] in SOURCES, entry["code"]


def test_the_seed_kpis_load_with_their_trajectories_and_load_again_without_duplicates():
    services.load_definitions(KPIS)
    services.load_definitions(KPIS)
    assert KPI.objects.count() == len(KPIS)
    longest = KPI.objects.get(code="4.1b")
    assert not longest.higher_is_better and longest.unit == "weeks"
    assert (longest.baseline_value, longest.baseline_on) == (101, date(2022, 6, 30))
    assert list(longest.targets.values_list("due_on", "value")) == [
        (date(2023, 3, 31), 90),
        (date(2023, 9, 30), 60),
        (date(2024, 3, 31), 52),
        (date(2024, 9, 30), 45),
    ]
    antenatal = KPI.objects.get(code="3.1.1")
    assert (antenatal.baseline_value, antenatal.source, antenatal.area_code) == (
        Decimal("34.3"),
        "manual",
        "3",
    )
    assert KPI.objects.get(code="EHC-20W-X").comparisons.get().value == Decimal("46.4")


def test_the_scorecard_rates_the_latest_figure_against_the_target_then(may_plans):
    kpi = twenty_week_kpi(baseline_value=70, baseline_on=date(2022, 9, 30))
    services.snapshot(date(2026, 3, 31))  # no plans in March: nothing stored
    services.add_measurement(
        None, kpi, as_at=date(2026, 3, 31), value=Decimal(66), note="From the old system"
    )
    services.snapshot(date(2026, 5, 31))
    [row] = kpi_scorecard(date(2026, 6, 15))
    assert row["code"] == "EHC-20W" and row["area"] == "2" and row["direction"] == "higher"
    assert (row["latest"], row["latest_on"], row["numerator"], row["denominator"]) == (
        Decimal("60"),
        date(2026, 5, 31),
        3,
        5,
    )
    assert row["target"] == 75  # the April 2026 milestone
    assert row["rag"] == "red" and row["trend"] == "worsening"
    assert row["baseline"] == 70 and row["next_target"] is None
    [earlier] = kpi_scorecard(date(2026, 3, 31))
    assert (earlier["latest"], earlier["target"], earlier["rag"]) == (Decimal(66), 65, "green")
    assert earlier["next_target"] == 75 and earlier["next_target_on"] == date(2026, 4, 1)


def test_the_scorecard_costs_the_same_queries_for_many_kpis(django_assert_max_num_queries):
    services.load_definitions(KPIS)
    with django_assert_max_num_queries(3):
        rows = kpi_scorecard(date(2026, 6, 1))
    assert len(rows) == len(KPIS)


def test_published_scorecards_hide_figures_about_fewer_than_five_children(may_plans):
    from performance.scorecard import for_publication

    small = twenty_week_kpi()
    services.add_measurement(
        None, small, as_at=date(2026, 4, 30), value=Decimal(75), numerator=3, denominator=4
    )
    large = twenty_week_kpi(code="2.3", name="Adulthood outcomes", source="manual")
    services.add_measurement(
        None, large, as_at=date(2026, 4, 30), value=Decimal(60), numerator=30, denominator=50
    )
    rows = {r["code"]: r for r in for_publication(kpi_scorecard(date(2026, 4, 30)))}
    assert (rows["EHC-20W"]["latest"], rows["EHC-20W"]["numerator"], rows["EHC-20W"]["denominator"]) == (
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
    )
    assert (rows["2.3"]["latest"], rows["2.3"]["numerator"]) == (Decimal(60), 30)
    survey = twenty_week_kpi(code="1.2", name="Schools surveyed", source="manual", counts_children=False)
    services.add_measurement(
        None, survey, as_at=date(2026, 4, 30), value=Decimal(50), numerator=1, denominator=2
    )
    rows = {r["code"]: r for r in for_publication(kpi_scorecard(date(2026, 4, 30)))}
    assert (rows["1.2"]["latest"], rows["1.2"]["numerator"]) == (Decimal(50), 1)  # schools, not children


def test_a_month_in_progress_is_labelled_so_far_and_not_rated(may_plans):
    kpi = twenty_week_kpi()
    services.snapshot(date(2026, 5, 20))  # May counted on its 20th day: a month still in progress
    [row] = kpi_scorecard(date(2026, 5, 20))
    assert row["latest_on"] == date(2026, 5, 20)
    assert row["so_far"] is True and row["rag"] == "none"
    assert row["rag_label"].startswith("Month so far")
    services.snapshot(date(2026, 5, 31))  # the month complete: rated as a month
    [row] = kpi_scorecard(date(2026, 6, 1))
    assert row["so_far"] is False and row["rag"] in ("red", "amber", "green")
    assert kpi.frequency == "monthly"


def test_a_kpi_whose_targets_have_all_passed_says_it_has_no_current_target(may_plans):
    twenty_week_kpi(targets=((date(2024, 9, 1), 65),))
    [row] = kpi_scorecard(date(2026, 6, 1))
    assert row["target_ended_on"] == date(2024, 9, 1)
    twenty_week_kpi(code="LATER", targets=((date(2027, 4, 1), 80),))
    later = {r["code"]: r for r in kpi_scorecard(date(2026, 6, 1))}["LATER"]
    assert later["target_ended_on"] is None
