"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from waiting.tests.factories import pathways

READERS = {"health_officer", "dco", "manager"}
KEEPERS = {"health_officer", "dco"}


def _pathway(area):
    return [pathways()["autism"].public_id]


MATRIX = {
    "waiting:pathway_list": (None, READERS, 403),
    "waiting:pathway_detail": (_pathway, READERS, 403),
    "waiting:import": (None, KEEPERS, 403),
    "waiting:family_lists": (None, {"parent", "young_person"}, 403),
}
NOT_HTML_PAGES: set[str] = set()
