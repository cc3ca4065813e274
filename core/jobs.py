"""The one job that writes any list's CSV or XLSX export (core/list_exports.py)."""

from datetime import date, timedelta

from django.db.models import QuerySet

from core import exports, list_exports
from jobs.registry import job_kind
from jobs.services import JobFailed, Outcome

EXPORT_CHUNK = 2000  # rows read per step, and how often progress is reported


@job_kind("core.export_list", title="Export a list", time_limit=timedelta(minutes=20))
def export_list(job, progress):
    params = job.params
    spec = list_exports.get(params["list"])
    owner = job.owner
    # The file is built as its owner: who has lost the right to export since asking gets nothing.
    if not (owner.is_active and owner.has_perm(spec.permission)):
        raise JobFailed("You are not allowed to export this list.", can_retry=False)
    built = spec.build(
        owner, list_exports.query_of(params), params.get("terms", ""), date.fromisoformat(params["today"])
    )
    found, row = built[:2]
    headers = built[2] if len(built) > 2 else spec.headers  # columns that depend on the user's rights
    is_query = isinstance(found, QuerySet)
    total = found.count() if is_query else len(found)
    progress(0, total, "Reading the rows")
    rows, chunk = [], []
    for n, item in enumerate(found.iterator(chunk_size=EXPORT_CHUNK) if is_query else found, 1):
        rows.append(row(item))
        chunk.append(item)
        if n % EXPORT_CHUNK == 0:
            _read(spec, owner, params, chunk)
            chunk = []
            progress(n)
    _read(spec, owner, params, chunk)
    progress(len(rows), stage="Writing the file")
    fmt = params["format"]
    content, content_type = exports.export_file(fmt, spec.filename, headers, rows)
    back = params.get("back", "")
    return Outcome(
        url=back + (f"?{params['query']}" if back and params.get("query") else ""),
        label="Back to the list",
        result={"rows": len(rows)},
        file=content,
        file_name=f"{spec.filename}.{fmt}",
        content_type=content_type,
    )


def _read(spec, owner, params, items):
    """Lists whose every row read is audited (health records) say so as they are exported."""
    if spec.on_read and items:
        spec.on_read(owner, params.get("ip"), params.get("back", ""), items)
