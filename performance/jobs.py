"""Background work of the performance app: building the SEN2 return (started from its page), Ofsted's
Annex A files (every child with SEN in the area: tens of seconds at 20,000 plans) and the nightly
KPI snapshot (a scheduled task)."""

from datetime import date, time

from django.conf import settings
from django.urls import reverse

from jobs.registry import job_kind
from jobs.schedule import scheduled_task
from jobs.services import Outcome
from performance import services
from performance.returns import annex_a, reconcile, sen2, sen2_checks, sen2_files

SEN2_JOB = "performance.sen2"
ANNEX_A_JOB = "performance.annex_a"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@job_kind(SEN2_JOB, title="Build the SEN2 return")
def build_sen2(job, progress):
    census = date.fromisoformat(job.params["census"])
    progress(0, 4, "Collecting the records for the return")
    the_return = sen2.collect(census, settings.AREA_LA_CODE)
    progress(1, stage="Checking the return")
    issues = sen2_checks.check(the_return)
    progress(2, stage="Writing the XML file for the DfE")
    xml = sen2_files.to_xml(the_return).decode("utf-8")
    progress(3, stage="Writing the CSV file")
    csv_text = sen2_files.to_csv(the_return)
    requests = the_return.requests
    errors = sum(1 for issue in issues if issue.is_error)
    result = {
        "census_date": the_return.census_date.isoformat(),
        "period_start": the_return.period_start.isoformat(),
        "period_end": the_return.period_end.isoformat(),
        "la_code": the_return.la_code,
        "people": len(the_return.persons),
        "requests": sum(1 for r in requests if r.outcome != "H"),
        "active_plans": sum(1 for r in requests if r.active_plan is not None),
        # Reconciled on the page: the return's counts against the records (performance.returns.reconcile).
        "new_plans": reconcile.new_plans_reported(the_return),
        "plans_first_issued": reconcile.plans_first_issued(the_return),
        "reconciliation": [line.as_dict() for line in reconcile.lines(the_return)],
        "errors": errors,
        "queries": len(issues) - errors,
        "issues": [
            {
                "severity": i.severity,
                "code": i.code,
                "message": i.message,
                "child_id": str(i.child_id),
                "child_name": i.child_name,
                "fix_url": i.fix_url,
                "fix_label": i.fix_label,
            }
            for i in issues
        ],
        "xml": xml,
        "csv": csv_text,
    }
    url = f"{reverse('performance:sen2')}?year={census.year}&built={job.public_id}"
    return Outcome(url=url, label="See the SEN2 return and its checks", result=result)


def annex_a_title(number: int, fmt: str) -> str:
    if not number:
        return "Export Ofsted's Annex A workbook (List 1 and List 2)"
    return f"Export Ofsted's Annex A list {number} ({fmt.upper()})"


@job_kind(ANNEX_A_JOB, title="Export Ofsted's Annex A lists")
def export_annex_a(job, progress):
    """Annex A as a download: the workbook (params list 0: sheets List_1 and List_2, Ofsted's
    template) or one list as XLSX or CSV. The builders are performance.returns.annex_a's."""

    number, fmt = job.params["list"], job.params["format"]
    name = f"annex-a-{job.params['today']}" if not number else f"annex-a-list-{number}-{job.params['today']}"
    progress(0, 1, "Reading the records and writing the file")
    if not number:
        content, content_type = annex_a.workbook_bytes(), XLSX_TYPE
    elif fmt == "xlsx":
        content, content_type = annex_a.xlsx_bytes(number), XLSX_TYPE
    else:
        response = annex_a.csv_response(number, name)
        content, content_type = b"".join(response.streaming_content), response["Content-Type"]
    return Outcome(
        url=reverse("performance:annex_a"),
        label="Back to the Annex A lists",
        file=content,
        file_name=f"{name}.{fmt}",
        content_type=content_type,
    )


@scheduled_task("performance.snapshot_kpis", after=time(2, 0))
def snapshot_kpis(day):
    counts = services.snapshot(day)
    return f"{counts['created']} created, {counts['updated']} updated"
