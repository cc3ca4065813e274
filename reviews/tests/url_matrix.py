"""This app's rows of the permission matrix (core/tests/test_permission_matrix.py): url name ->
(arguments from the test area, roles that may open it, status for others).

Each row gets a review of a new pupil at the SENCo's school whose parent is the parent persona,
so rows never trip over each other's reviews. The letter download is a PDF: the matrix test
lists it in NOT_HTML_PAGES.
"""

from clock import dates
from people.models import ChildRelationship
from people.tests.factories import ChildFactory
from reviews import transfers
from reviews.tests.factories import review_at

CASE = {"caseworker", "manager", "panel"}
ACTORS = {"caseworker", "manager"}


def pupil(area):
    child = ChildFactory(setting=area.school)
    parent = area.users["parent"].parent_carer
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother")
    return child


def _review(stage="due", *extra):
    return lambda area: [review_at(pupil(area), stage).public_id, *extra]


def _letter(area):
    review = review_at(pupil(area), "ceasing")
    return [review.public_id, review.documents.get().public_id]


def _transfer(area):
    review = review_at(pupil(area), "due")
    transfer = transfers.open_transfer(
        None,
        direction="out",
        child=review.child,
        plan=review.plan,
        other_area="Kirkholme",
        started_on=dates.today(),
    )
    return [transfer.public_id]


MATRIX = {
    "reviews:review_list": (None, CASE, 403),
    "reviews:paperwork_list": (None, {"senco"}, 403),
    "reviews:family_list": (None, {"parent", "young_person"}, 403),
    "reviews:bulk_schedule": (None, {"manager"}, 403),
    "reviews:measures": (None, CASE, 403),
    "reviews:transfer_list": (None, CASE, 403),
    "reviews:transfer_create": (None, ACTORS, 403),
    "reviews:transfer_detail": (_transfer, CASE, 404),
    "reviews:review_detail": (_review(), CASE, 404),
    "reviews:allocate": (_review(), {"manager"}, 404),
    "reviews:schedule": (_review(), ACTORS, 404),
    "reviews:step": (_review("scheduled", "meeting-held"), ACTORS, 404),
    "reviews:decision": (_review("reported"), ACTORS, 404),
    "reviews:plan_ended": (_review("ceasing"), ACTORS, 404),
    "reviews:mediation": (_review("ceasing"), ACTORS, 404),
    "reviews:phase_transfer": (_review(), ACTORS, 404),
    "reviews:paperwork": (_review("scheduled"), ACTORS | {"senco"}, 404),
    "reviews:family_views": (_review("scheduled"), ACTORS | {"parent"}, 404),
    "reviews:document_download": (_letter, CASE | {"parent"}, 404),
}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "reviews:review_list": CASE,  # the names typed go to the session, not the URL
    "reviews:bulk_schedule": {"manager"},
    "reviews:transfer_create": ACTORS,
    "reviews:transfer_detail": ACTORS,
    "reviews:allocate": {"manager"},
    "reviews:schedule": ACTORS,
    "reviews:step": ACTORS,
    "reviews:decision": ACTORS,
    "reviews:plan_ended": ACTORS,
    "reviews:mediation": ACTORS,
    "reviews:phase_transfer": ACTORS,
    "reviews:paperwork": ACTORS | {"senco"},
    "reviews:family_views": ACTORS | {"parent"},
}
