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
# They start a job (Annex A names every child with SEN: tens of seconds at 20,000 plans), or, for
# the SEN2 files with no build yet, go to the return's page that starts one.
STARTS_A_JOB = {
    "performance:annex_a_download",
    "performance:annex_a_workbook",
    "performance:sen2_xml",
    "performance:sen2_csv",
}
