"""The share of audited plans good or better, from real audits made through the services."""

import pytest

from quality import measures, services
from quality.models import Audit
from quality.tests.factories import CYCLE, plan_for

pytestmark = pytest.mark.django_db


def audit_plan(area, audit, overall, weak_area=None):
    auditor = area.users["auditor"]
    services.assign(None, audit, auditor, area.users["manager"])
    audit.refresh_from_db()
    grades = {}
    for criterion in audit.rubric.criteria.all():
        weak = criterion.area == weak_area
        grades[criterion.pk] = ("inadequate" if weak else "good", "")
    services.save_audit(None, audit, auditor, audit.version, grades, overall, submit=True)


def test_good_or_better_overall_by_month_section_agency_and_caseworker(area, django_assert_max_num_queries):
    for _ in range(4):
        plan_for(area.users["caseworker"])
    services.draw_sample(None, None, cycle=CYCLE, kind="random", size=4, seed=3)
    audits = list(Audit.objects.order_by("pk"))
    audit_plan(area, audits[0], "outstanding")
    audit_plan(area, audits[1], "good", weak_area="health")
    audit_plan(area, audits[2], "requires_improvement", weak_area="E")
    # audits[3] is not yet submitted, so it is not counted.

    with django_assert_max_num_queries(5):
        overall = measures.overall()
        months = measures.by_month()
        sections = {s.label: s for s in measures.by_section()}
        agencies = {s.label: s for s in measures.by_agency()}
        caseworkers = measures.by_caseworker()
    assert (overall.good, overall.total, overall.percent) == (2, 3, 66.7)
    assert [(m.label, m.good, m.total) for m in months] == [("September 2026", 2, 3)]
    assert (sections["Outcomes"].good, sections["Outcomes"].total) == (2, 3)
    assert sections["Placement"].percent == 100.0
    assert agencies["Health contribution"].percent == 66.7
    assert len(agencies) == 3
    assert [(c.good, c.total) for c in caseworkers] == [(2, 3)]


def test_no_audits_means_no_percentage():
    assert measures.overall().percent is None
    assert measures.by_month() == []


def test_the_kpi_source_reads_the_month_s_share(area):
    from datetime import date

    from performance.sources import SOURCES, Measured

    plan_for(area.users["caseworker"])
    sample = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=1, seed=1)
    audit_plan(area, sample.audits.get(), "good")
    measured = Measured(date(2026, 8, 1), date(2026, 10, 31), today=date(2026, 10, 15))
    source = SOURCES["plans_audited_good"]
    figure = source.read(measured, CYCLE)
    assert (figure.value, figure.numerator, figure.denominator) == (100, 1, 1)
    assert source.read(measured, date(2026, 8, 1)) is None


def test_kpi_2_5_of_the_seed_plan_is_counted_from_the_audits():
    from performance.data.bradford_wsa import KPIS

    assert next(k for k in KPIS if k["code"] == "2.5")["source"] == "plans_audited_good"


def test_the_quarterly_board_report_has_a_plan_quality_section(area):
    from improvement import documents, snapshot

    plan_for(area.users["caseworker"])
    sample = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=1, seed=1)
    audit_plan(area, sample.audits.get(), "good")
    report = snapshot.build("quarterly", CYCLE)
    assert report["quality"]["overall"] == {
        "label": "All audited plans",
        "good": 1,
        "total": 1,
        "percent": 100.0,
    }
    html = documents.render_html(report)
    assert (
        "Plan quality: independent audits" in html and "100.0% of audited plans were good or better" in html
    )
    assert "September 2026" in html
