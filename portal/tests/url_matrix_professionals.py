"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

MATRIX: dict = {}
NOT_HTML_PAGES: set[str] = set()
