"""Who may open the retention review pages (registered in core/tests/test_permission_matrix.py)."""

from datetime import date


def _old_record(area):
    from people.tests.factories import ChildFactory

    return [ChildFactory(date_of_birth=date(1980, 1, 1)).public_id]


MATRIX = {
    "people:retention_list": (None, {"manager"}, 403),
    "people:retention_delete": (_old_record, {"manager"}, 403),
}

NOT_HTML_PAGES: set[str] = set()

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {"people:retention_delete": {"manager"}}
