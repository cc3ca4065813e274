"""Everything a board report shows, as plain JSON: built once when the report is previewed or
issued, then frozen. The PDF, the Word file and the reopened page are all drawn from this dict, so
an issued report reads exactly as it was sent, whatever changes in the plan afterwards."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from core.suppression import TABLE_MARKER, is_suppressed
from improvement import charts, queries
from improvement.models import RATING_ORDER, RATING_SHORT, REPORT_KINDS, Rating, ReportKind
from performance.scorecard import kpi_scorecard
from quality import measures

SECTION_TITLES = {
    "summary": "Summary of progress",
    "scorecard": "KPI scorecard",
    "exceptions": "Exceptions: red and amber actions",
    "changes": "What changed since the last report",
    "actions": "Progress on every action",
    "quality": "Plan quality: independent audits",
}
UNIT_SUFFIX = {"percent": "%", "weeks": " weeks", "number": ""}


def report_title(kind: str, as_of: date) -> str:
    return f"{ReportKind(kind).label}: {as_of:%-d %B %Y}"


def _number(value, unit: str) -> str:
    if value is None:
        return "No figure"
    if isinstance(value, Decimal | float):
        value = f"{value:.1f}".removesuffix(".0")
    return f"{value}{UNIT_SUFFIX.get(unit, '')}"


def _published_latest(row: dict) -> str:
    """The latest figure as published: a rate of fewer than 5 children is suppressed."""

    if row["counts_children"] and (is_suppressed(row["numerator"]) or is_suppressed(row["denominator"])):
        return TABLE_MARKER
    return _number(row["latest"], row["unit"])


def scorecard(as_of: date) -> list[dict]:
    rows = []
    for row in kpi_scorecard(as_of):
        rows.append(
            {
                "code": row["code"],
                "name": row["name"],
                "area": row["area"],
                "baseline": _number(row["baseline"], row["unit"]),
                "target": _number(row["target"], row["unit"]),
                "latest": _published_latest(row),
                "latest_on": f"{row['latest_on']:%b %Y}" if row["latest_on"] else "",
                "rag": row["rag"],
                "rag_label": row["rag_label"],
                "trend_label": row["trend_label"],
                "direction": "Higher is better" if row["direction"] == "higher" else "Lower is better",
            }
        )
    return rows


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _action_row(action, latest=None) -> dict:
    return {
        "number": action.number,
        "text": action.text,
        "lead": str(action.lead) if action.lead else "",
        "lead_post": action.lead_post,
        "timeframe": action.timeframe,
        "resource": action.get_resource_display(),
        "rating": action.rating,
        "rating_label": RATING_SHORT[action.rating],
        "narrative": latest.narrative if latest else "",
        "updated_on": f"{latest.written_on:%-d %B %Y}" if latest else "",
    }


def summary(counts: dict) -> dict:
    rows = [{"rating": r, "label": RATING_SHORT[r], "count": counts[r]} for r in RATING_ORDER]
    return {
        "total": sum(counts.values()),
        "counts": rows,
        "chart_svg": charts.rating_bars(rows, "Actions by BRAGG rating"),
    }


def build(kind: str, as_of: date, prepared_by=None) -> dict:
    sections = REPORT_KINDS[kind][2]
    all_actions = list(queries.actions())
    latest = queries.latest_updates([a.pk for a in all_actions])
    counts = dict.fromkeys(Rating.values, 0)
    for action in all_actions:
        counts[action.rating] += 1
    snapshot = {
        "title": report_title(kind, as_of),
        "kind": kind,
        "kind_label": ReportKind(kind).label,
        "audience": REPORT_KINDS[kind][0],
        "as_of": as_of.isoformat(),
        "as_of_label": f"{as_of:%-d %B %Y}",
        "area_name": settings.AREA_NAME,
        "prepared_by": str(prepared_by) if prepared_by else "",
        "sections": [{"key": key, "title": SECTION_TITLES[key]} for key in sections],
        "summary": summary(counts),
        "by_area": [],
        "scorecard": scorecard(as_of) if "scorecard" in sections else [],
        "exceptions": [],
        "changes": None,
        "areas": [],
        "quality": quality() if "quality" in sections else None,
    }
    by_area: dict = {}
    for action in all_actions:
        area = action.objective.area
        entry = by_area.setdefault(
            area.number,
            {
                "number": area.number,
                "title": area.title,
                "sro": f"{area.sro_name}, {area.sro_role}".strip(", "),
                "counts": dict.fromkeys(RATING_ORDER, 0),
            },
        )
        entry["counts"][action.rating] += 1
    snapshot["by_area"] = [
        {
            **entry,
            "counts": [
                {"rating": r, "label": RATING_SHORT[r], "count": entry["counts"][r]} for r in RATING_ORDER
            ],
        }
        for entry in by_area.values()
    ]
    if "exceptions" in sections:
        snapshot["exceptions"] = [_action_row(a, a.latest) for a in queries.exceptions()]
    if "changes" in sections:
        snapshot["changes"] = changes(queries.last_issued_report())
    if "actions" in sections:
        snapshot["areas"] = areas(all_actions, latest)
    return snapshot


def _share(share) -> dict:
    return {"label": share.label, "good": share.good, "total": share.total, "percent": share.percent}


def quality() -> dict:
    """The plan quality audits (quality.measures): % good or better overall, by month and section,
    the automatic checks beside the audit grade, and weaknesses found in more than one audit."""

    checks = measures.checks_against_grade()
    return {
        "overall": _share(measures.overall()),
        "months": [_share(s) for s in measures.by_month()],
        "sections": [_share(s) for s in measures.by_section()],
        "checks": [_share(s) for s in checks],
        "weaknesses": [_share(s) for s in measures.repeated_weaknesses()],
    }


def changes(last_report) -> dict:
    since = last_report.issued_at if last_report else None
    rating_changes, updates = queries.changes_since(since)
    return {
        "since": _when(since) if since else "",
        "since_title": last_report.title if last_report else "",
        "rating_changes": [
            {
                "number": change.action.number,
                "when": _when(change.changed_at),
                "who": change.changed_by_label,
                "from": RATING_SHORT[change.from_rating],
                "to": RATING_SHORT[change.to_rating],
                "to_rating": change.to_rating,
                "why": change.reason,
            }
            for change in rating_changes[:200]
        ],
        "updates": [
            {
                "number": u.action.number,
                "when": f"{u.written_on:%-d %B %Y}",
                "who": u.author_label,
                "rating_label": RATING_SHORT[u.rating],
                "narrative": u.narrative,
            }
            for u in updates[:200]
        ],
    }


def areas(all_actions, latest) -> list[dict]:
    result: dict = {}
    for action in all_actions:
        objective = action.objective
        area = objective.area
        area_entry = result.setdefault(
            area.number,
            {
                "number": area.number,
                "title": area.title,
                "sro": f"{area.sro_name}, {area.sro_role}".strip(", "),
                "objectives": {},
            },
        )
        objective_entry = area_entry["objectives"].setdefault(
            objective.number, {"number": objective.number, "text": objective.text, "actions": []}
        )
        objective_entry["actions"].append(_action_row(action, latest.get(action.pk)))
    return [{**a, "objectives": list(a["objectives"].values())} for a in result.values()]
