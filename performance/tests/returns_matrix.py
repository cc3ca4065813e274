"""The statutory returns' rows of the permission matrix (added to url_matrix.py): managers only."""

MANAGER = {"manager"}

MATRIX = {
    "performance:sen2": (None, MANAGER, 403),
    "performance:sen2_xml": (None, MANAGER, 403),
    "performance:sen2_csv": (None, MANAGER, 403),
    "performance:annex_a": (None, MANAGER, 403),
    "performance:annex_a_download": (lambda area: [1, "xlsx"], MANAGER, 403),
    "performance:annex_a_workbook": (None, MANAGER, 403),
}
NOT_HTML_PAGES = {
    "performance:sen2_xml",
    "performance:sen2_csv",
    "performance:annex_a_download",
    "performance:annex_a_workbook",
}
