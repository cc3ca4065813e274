"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from performance.tests.kpi_matrix import MATRIX as KPI_MATRIX
from performance.tests.kpi_matrix import NOT_HTML_PAGES as KPI_NOT_HTML_PAGES

MATRIX: dict = {}
NOT_HTML_PAGES: set[str] = set()

# KPIs (performance/tests/kpi_matrix.py): aggregate figures for managers, boards, leads, DCO, DSCO.
MATRIX.update(KPI_MATRIX)
NOT_HTML_PAGES |= KPI_NOT_HTML_PAGES

# Statutory returns (performance/tests/returns_matrix.py): the SEN2 return and Annex A, managers only.
from performance.tests import returns_matrix  # noqa: E402

MATRIX.update(returns_matrix.MATRIX)
NOT_HTML_PAGES |= returns_matrix.NOT_HTML_PAGES
STARTS_A_JOB = set(returns_matrix.STARTS_A_JOB)

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "performance:comparison_add": {"manager"},
    "performance:measurement_add": {"action_lead", "manager"},
    "performance:measurement_change": {"action_lead", "manager"},
    "performance:refresh": {"manager"},
    "performance:sen2": {"manager"},
    "performance:sen2_csv": {"manager"},
    "performance:sen2_xml": {"manager"},
}
