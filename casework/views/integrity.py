"""The record integrity report for managers (issue 19): where the statutory record disagrees with
itself, each finding linked to the page that puts it right (casework.integrity)."""

from django.shortcuts import render

from casework import integrity
from core.permissions import permission_required


@permission_required("casework.view_record_integrity")
def record_integrity(request):
    results = integrity.run()
    return render(
        request,
        "casework/record_integrity.html",
        {"results": results, "total": sum(r.count for r in results), "shown": integrity.SHOWN},
    )
