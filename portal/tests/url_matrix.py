"""The portal's rows of the permission matrix, merged from each part's module."""

from portal.tests import (
    url_matrix_contributions,
    url_matrix_family,
    url_matrix_professionals,
    url_matrix_requests,
)

_PARTS = (url_matrix_family, url_matrix_requests, url_matrix_contributions, url_matrix_professionals)
MATRIX = {name: row for part in _PARTS for name, row in part.MATRIX.items()}
NOT_HTML_PAGES = set().union(*(part.NOT_HTML_PAGES for part in _PARTS))
POSTERS = {name: row for part in _PARTS for name, row in part.POSTERS.items()}
