"""The KPI pages' rows of the permission matrix (core/tests/test_permission_matrix.py)."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import check_upload
from performance import services
from performance.models import KPI
from performance.tests.helpers import twenty_week_kpi

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
READERS = {"manager", "board_member", "action_lead", "dco", "dsco"}


def _kpi(area):
    # Owned by the action lead: the owner may type in figures, as may a manager. Made once per test.
    return KPI.objects.filter(code="EHC-20W").first() or twenty_week_kpi(owner=area.users["action_lead"])


def _figure(area):
    kpi = _kpi(area)
    figure = kpi.measurements.first() or services.add_measurement(
        None, kpi, as_at=date(2026, 3, 31), value=Decimal(70), note="Report"
    )
    return [kpi.public_id, figure.public_id]


def _evidence(area):
    kpi = _kpi(area)
    figure = kpi.measurements.exclude(evidence="").first()
    if figure is None:
        upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
        figure = services.add_measurement(
            None,
            kpi,
            as_at=date(2026, 1, 31),
            value=Decimal(68),
            note="Report",
            evidence=check_upload(upload),
        )
    return [kpi.public_id, figure.public_id]


MATRIX = {
    "performance:kpi_list": (None, READERS, 403),
    "performance:refresh": (None, "post-only", None),
    "performance:kpi_detail": (lambda a: [_kpi(a).public_id], READERS, 403),
    "performance:measurement_add": (lambda a: [_kpi(a).public_id], {"manager", "action_lead"}, 403),
    "performance:measurement_change": (_figure, {"manager", "action_lead"}, 403),
    "performance:evidence_download": (_evidence, READERS, 403),
    "performance:comparison_add": (lambda a: [_kpi(a).public_id], {"manager"}, 403),
}
NOT_HTML_PAGES: set[str] = {"performance:evidence_download"}
