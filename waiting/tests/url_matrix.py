"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py)."""

from datetime import date

from waiting.tests.factories import pathways

READERS = {"health_officer", "dco", "manager"}
KEEPERS = {"health_officer", "dco"}
HOLDERS = {"health_officer", "dco", "dsco"}


def _pathway(area):
    return [pathways()["autism"].public_id]


def _entry(area):
    from waiting.tests.factories import RegisterEntryFactory

    return [RegisterEntryFactory(child=area.own_child).public_id]


def _episode(area):
    from waiting.models import CareEpisode

    return [CareEpisode.objects.create(child=area.own_child, started_on=date(2025, 3, 3)).public_id]


def _referral(area):
    from waiting.tests.factories import ReferralFactory

    return [ReferralFactory(child=area.own_child).public_id]


MATRIX = {
    "waiting:pathway_list": (None, READERS, 403),
    "waiting:pathway_detail": (_pathway, READERS, 403),
    "waiting:import": (None, KEEPERS, 403),
    "waiting:family_lists": (None, {"parent", "young_person"}, 403),
    "waiting:register_list": (None, HOLDERS, 403),
    "waiting:register_add": (None, HOLDERS, 403),
    "waiting:panel_list": (None, HOLDERS, 403),
    "waiting:register_entry": (_entry, HOLDERS, 403),
    "waiting:register_edit": (_entry, HOLDERS, 403),
    "waiting:register_rating": (_entry, HOLDERS, 403),
    "waiting:referral_list": (None, READERS, 403),
    "waiting:referral_add": (None, KEEPERS, 403),
    "waiting:referral_edit": (_referral, KEEPERS, 403),
    "waiting:pathway_admin": (None, {"administrator"}, 403),
    "waiting:pathway_edit": (_pathway, {"administrator"}, 403),
    "waiting:health_checks": (None, READERS, 403),
    "waiting:health_list": (None, HOLDERS, 403),
    "waiting:episode_add": (None, HOLDERS, 403),
    "waiting:episode_detail": (_episode, HOLDERS, 403),
}
NOT_HTML_PAGES: set[str] = set()

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "waiting:import": KEEPERS,
    "waiting:register_add": HOLDERS,
    "waiting:panel_list": HOLDERS,
    "waiting:register_edit": HOLDERS,
    "waiting:register_rating": HOLDERS,
    "waiting:referral_list": READERS,  # the names typed go to the session, not the URL
    "waiting:referral_add": KEEPERS,
    "waiting:referral_edit": KEEPERS,
    "waiting:pathway_edit": {"administrator"},
    "waiting:health_checks": KEEPERS,
    "waiting:episode_add": HOLDERS,
    "waiting:episode_detail": HOLDERS,
}
