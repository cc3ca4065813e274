"""This part's rows of the permission matrix (see core/tests/test_permission_matrix.py).

Each row gets a new pupil whose parent is the parent persona, so rows never trip over each other.
Only the family writes Section A, comments on a draft or uses the family's review page: everyone
else, staff included, is told the page does not exist. The child's picture is also read by case
staff (on the plan's Section A page), so it is a download row for both.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from people.models import ChildRelationship
from people.tests.factories import ChildFactory
from plans import services
from plans.tests.factories import SERVED_ON, draft_plan
from portal.models import SectionAStatus, SectionAWords, Voice
from reviews.tests.factories import review_at

CASE = {"caseworker", "manager", "panel"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pupil(area):
    child = ChildFactory(setting=area.school)
    parent = area.users["parent"].parent_carer
    ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother", verified=True)
    return child


def _served_plan(area):
    version = draft_plan(pupil(area))
    services.serve_draft(None, version, SERVED_ON)
    return [version.plan.public_id]


def _picture(area):
    words = SectionAWords(
        child=pupil(area),
        voice=Voice.CHILD,
        number=1,
        status=SectionAStatus.SUBMITTED,
        interests="Trains",
        written_at=timezone.now(),
        picture_type="image/png",
    )
    words.picture.save("picture.png", ContentFile(PNG), save=False)
    words.save()
    return [words.public_id]


MATRIX = {
    "portal:section_a": (lambda area: [pupil(area).public_id], {"parent"}, 404),
    "portal:section_a_picture": (_picture, CASE | {"parent"}, 404),
    "portal:draft_plan": (_served_plan, {"parent"}, 404),
    "portal:review": (lambda area: [review_at(pupil(area), "due").public_id], {"parent"}, 404),
}
NOT_HTML_PAGES: set[str] = {"portal:section_a_picture"}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py).
POSTERS = {
    "portal:section_a": {"parent"},
    "portal:draft_plan": {"parent"},
    "portal:review": {"parent"},
}
