"""This app's rows of the permission matrix (core/tests/test_permission_matrix.py): url name ->
(arguments from the test area, roles that may open it, status for others[, anonymous status])."""

from clock import dates
from conftest import PERSONA_ROLES
from directory import dip_samples
from directory.tests.factories import local_offer_for

ALL = set(PERSONA_ROLES)
PUBLIC = (ALL, None, 200)  # no sign-in: everyone, and anonymous visitors, get the page
KEEPERS = {"service_owner", "manager"}
EDITORS = {"manager"}


def _service(area):
    return [local_offer_for(area).service.pk]


def _dip_sample(area):
    found = getattr(area, "dip_sample", None)
    if found is None:
        local_offer_for(area)
        found = area.dip_sample = dip_samples.start(dates.today(), area.users["manager"], seed=1)
    return found


MATRIX = {
    "directory:home": (None, *PUBLIC),
    "directory:audience": (lambda a: ["parents-and-carers"], *PUBLIC),
    "directory:search": (None, *PUBLIC),
    "directory:service_detail": (_service, *PUBLIC),
    "directory:waiting_index": (None, *PUBLIC),
    "directory:waiting_support": (lambda a: ["autism-assessment"], *PUBLIC),
    "directory:you_said_we_did": (None, *PUBLIC),
    "directory:feedback_useful": (None, "post-only", None),
    "directory:report_problem": (None, *PUBLIC),
    "directory:dashboard": (None, KEEPERS, 403),
    "directory:confirm_service": (_service, "post-only", None),
    "directory:propose_change": (_service, KEEPERS, 403),
    "directory:change_list": (None, EDITORS, 403),
    "directory:change_detail": (lambda a: [local_offer_for(a).change.pk], EDITORS, 403),
    "directory:feedback_list": (None, KEEPERS, 403),
    "directory:feedback_done": (lambda a: [local_offer_for(a).feedback.pk], "post-only", None),
    "directory:freshness": (None, EDITORS, 403),
    "directory:import_services": (None, EDITORS, 403),
    "directory:import_feed": (None, EDITORS, 403),
    "directory:service_list": (None, EDITORS, 403),
    "directory:dip_sample_list": (None, EDITORS, 403),
    "directory:dip_sample_detail": (lambda a: [_dip_sample(a).pk], EDITORS, 403),
    "directory:dip_sample_check": (
        lambda a: [_dip_sample(a).pk, _dip_sample(a).checks.order_by("pk").first().pk],
        EDITORS,
        403,
    ),
    "directory:you_said_we_did_manage": (None, EDITORS, 403),
    "directory:you_said_we_did_publish": (lambda a: [local_offer_for(a).item.pk], "post-only", None),
    # Open Referral UK API: open to anyone, no key.
    "oruk:api_info": (None, *PUBLIC),
    "oruk:service_list": (None, *PUBLIC),
    "oruk:service_detail": (_service, *PUBLIC),
    "oruk:taxonomy_list": (None, *PUBLIC),
    "oruk:taxonomy_detail": (
        lambda a: [local_offer_for(a).service.taxonomy_terms.first().taxonomy_id],
        *PUBLIC,
    ),
    "oruk:taxonomy_term_list": (None, *PUBLIC),
    "oruk:taxonomy_term_detail": (lambda a: [local_offer_for(a).service.taxonomy_terms.first().pk], *PUBLIC),
    "oruk:service_at_location_list": (None, *PUBLIC),
    "oruk:service_at_location_detail": (
        lambda a: [local_offer_for(a).service.service_at_locations.first().pk],
        *PUBLIC,
    ),
}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "directory:feedback_useful": "anyone",
    "directory:report_problem": "anyone",
    "directory:confirm_service": KEEPERS,
    "directory:propose_change": KEEPERS,
    "directory:change_detail": EDITORS,
    "directory:feedback_done": KEEPERS,
    "directory:import_services": EDITORS,
    "directory:import_feed": EDITORS,
    "directory:dip_sample_list": EDITORS,
    "directory:dip_sample_check": EDITORS,
    "directory:you_said_we_did_manage": EDITORS,
    "directory:you_said_we_did_publish": EDITORS,
}
