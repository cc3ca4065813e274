"""Every URL the project defines, fetched as every role: each sees what it may and nothing more.

A new URL must be added to MATRIX below, or `test_every_url_is_in_the_matrix` fails: nobody can
add a page without saying who may open it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.tests.url_matrix import MATRIX as API_MATRIX
from casework.tests import url_matrix as casework_matrix
from casework.tests.url_matrix import MATRIX as CASEWORK_MATRIX
from commissioning.tests import url_matrix as commissioning_matrix
from conftest import PERSONA_ROLES
from directory.tests import url_matrix as directory_matrix
from directory.tests.url_matrix import MATRIX as DIRECTORY_MATRIX
from engagement.tests import url_matrix as engagement_matrix
from improvement.tests import url_matrix as improvement_matrix
from jobs.tests import url_matrix as jobs_matrix
from messaging.tests import url_matrix as messaging_matrix
from people.tests import url_matrix_retention as retention_matrix
from performance.tests import url_matrix as performance_matrix
from plans.tests import url_matrix as plans_matrix
from plans.tests.url_matrix import MATRIX as PLANS_MATRIX
from portal.tests import url_matrix as portal_matrix
from quality.tests import url_matrix as quality_matrix
from reviews.tests import url_matrix as reviews_matrix
from reviews.tests.url_matrix import MATRIX as REVIEWS_MATRIX
from waiting.tests import url_matrix as waiting_matrix

pytestmark = pytest.mark.django_db

ALL = set(PERSONA_ROLES)


def _role_change(area):
    """A manager's request to raise the caseworker to manager, waiting for an administrator."""
    from accounts.models import RoleChangeRequest

    user = area.users["caseworker"]
    return RoleChangeRequest.objects.create(
        user=user, from_role=user.role, to_role="manager", requested_by=area.users["manager"]
    ).pk
CASE = {"caseworker", "manager", "panel"}
NONE: set[str] = set()

# url name -> (how to build its arguments from the test area, roles that get the page, status
# for everyone else[, status for anonymous visitors]). "redirect" means every signed-in role is
# sent elsewhere (302). Anonymous visitors are sent to sign in unless a fourth item says otherwise
# (an API answers 401 or 403 instead). The `area` fixture is in conftest.py; apps may add to it.
MATRIX = {
    "core:start": (None, "redirect", None),
    "core:home": (None, ALL, None),
    "core:accessibility": (None, ALL, None, 200),
    "core:health": (None, ALL, None, 200),
    "core:ready": (None, ALL, None, 200),
    "core:health_worker": (None, ALL, None, 200),
    "accounts:login": (None, "redirect", None),
    "accounts:logout": (None, "post-only", None),
    "accounts:two_factor_setup": (None, "redirect", None),
    "accounts:two_factor_verify": (None, "redirect", None),
    "accounts:user_list": (None, {"administrator"}, 403),
    "accounts:user_create": (None, {"administrator"}, 403),
    "accounts:user_edit": (lambda a: [a.users["caseworker"].pk], {"administrator"}, 403),
    "accounts:user_set_active": (lambda a: [a.users["caseworker"].pk], "post-only", None),
    "accounts:user_reset_two_factor": (lambda a: [a.users["caseworker"].pk], "post-only", None),
    # Forgotten passwords: open to anyone (a bad link answers "this link does not work").
    "accounts:password_reset": (None, ALL, None, 200),
    "accounts:password_reset_sent": (None, ALL, None, 200),
    "accounts:password_reset_confirm": (lambda a: ["MQ", "not-a-token"], ALL, None, 200),
    "accounts:password_reset_complete": (None, ALL, None, 200),
    "accounts:password_change": (None, ALL, None),
    "accounts:user_set_password": (lambda a: [a.users["caseworker"].pk], {"administrator"}, 403),
    "accounts:role_change_list": (None, {"administrator"}, 403),
    "accounts:role_change_decide": (lambda a: [_role_change(a)], "post-only", None),
    # Single sign-on: the start sends signed-in people home; the callback without the provider's
    # answer is a refused sign-in (a plain 400 page) for everyone.
    "accounts:sso_start": (lambda a: ["council"], "redirect", None),
    "accounts:sso_callback": (None, NONE, 400, 400),
    "accounts:sign_in_methods": (None, {"administrator"}, 403),
    "audit:event_list": (None, {"manager"}, 403),
    "people:child_list": (None, CASE | {"senco"}, 403),
    "people:child_create": (None, {"caseworker", "manager"}, 403),
    # The staff record: a parent has the family child page (portal:child) instead.
    "people:child_detail": (lambda a: [a.own_child.public_id], CASE | {"senco"}, 404),
    "people:child_edit": (lambda a: [a.own_child.public_id], {"caseworker", "manager"}, 404),
    "people:child_history": (lambda a: [a.own_child.public_id], CASE, 404),
    "people:parent_carer_add": (lambda a: [a.own_child.public_id], {"caseworker", "manager"}, 404),
    "people:subject_access_json": (lambda a: [a.own_child.public_id], {"manager"}, 404),
    "people:subject_access_pdf": (lambda a: [a.own_child.public_id], {"manager"}, 404),
    "people:setting_list": (None, CASE | {"administrator"}, 403),
    "people:import_start": (None, {"administrator"}, 403),
    "people:import_schools": (None, {"administrator"}, 403),
    "people:import_children": (None, {"administrator"}, 403),
    "people:import_sample": (lambda a: ["gias_establishments_sample.csv"], {"administrator"}, 403),
}

# Who may POST to each URL whose view takes one (core/tests/test_post_matrix.py): a set of roles,
# "anyone" (signed out too) or "signed-out" (a signed-in person is sent on).
ADMIN = {"administrator"}
POSTERS = {
    "accounts:login": "signed-out",
    "accounts:logout": ALL,
    "accounts:password_change": ALL,
    "accounts:password_reset": "anyone",
    "accounts:password_reset_confirm": "anyone",
    "accounts:two_factor_setup": "signed-out",
    "accounts:two_factor_verify": "signed-out",
    "accounts:user_list": ADMIN,  # the words searched for go to the session, not the URL
    "accounts:user_create": ADMIN,
    "accounts:user_edit": ADMIN,
    "accounts:user_set_active": ADMIN,
    "accounts:user_reset_two_factor": ADMIN,
    "accounts:user_set_password": ADMIN,
    "accounts:role_change_decide": ADMIN,
    "people:child_list": CASE | {"senco"},  # the names typed go to the session, not the URL
    "people:child_create": {"caseworker", "manager"},
    "people:child_edit": {"caseworker", "manager"},
    "people:parent_carer_add": {"caseworker", "manager"},
    "people:import_schools": ADMIN,
    "people:import_children": ADMIN,
}

# Each app after the foundation keeps its own entries beside its tests.
MATRIX.update(CASEWORK_MATRIX)
MATRIX.update(API_MATRIX)
MATRIX.update(DIRECTORY_MATRIX)
MATRIX.update(PLANS_MATRIX)
MATRIX.update(REVIEWS_MATRIX)
LATER_APPS = (
    portal_matrix,
    messaging_matrix,
    performance_matrix,
    improvement_matrix,
    engagement_matrix,
    waiting_matrix,
    commissioning_matrix,
    quality_matrix,
    jobs_matrix,
    retention_matrix,
)
for app_matrix in LATER_APPS:
    MATRIX.update(app_matrix.MATRIX)
for app_matrix in (casework_matrix, directory_matrix, plans_matrix, reviews_matrix, *LATER_APPS):
    POSTERS.update(app_matrix.POSTERS)

# The other family's child: only area-wide case staff may open it.
OTHER_CHILD = {
    "people:child_detail": CASE,
    "people:child_edit": {"caseworker", "manager"},
    "people:child_history": CASE,
    "people:parent_carer_add": {"caseworker", "manager"},
}


def _names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_matrix():
    defined = set(_names(get_resolver().url_patterns))
    assert defined == set(MATRIX), {
        "missing from MATRIX": sorted(defined - set(MATRIX)),
        "no longer defined": sorted(set(MATRIX) - defined),
    }


def _url(name, area, args=None):
    build = MATRIX[name][0]
    return reverse(name, args=args if args is not None else (build(area) if build else []))


# Links that start a background job: who may is sent to the job's page (302), not served in place.
STARTS_A_JOB = set().union(*(getattr(app_matrix, "STARTS_A_JOB", set()) for app_matrix in LATER_APPS))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_only_what_it_may(name, area, login):
    _, allowed, refused_status = MATRIX[name][:3]
    url = _url(name, area)
    for persona in sorted(ALL):
        response = login(persona).get(url)
        if allowed == "redirect":
            assert response.status_code == 302, (persona, url, response.status_code)
        elif allowed == "post-only":
            assert response.status_code == 405, (persona, url, response.status_code)
        elif persona in allowed:
            assert response.status_code == (302 if name in STARTS_A_JOB else 200), (
                persona,
                url,
                response.status_code,
            )
        else:
            assert response.status_code == refused_status, (persona, url, response.status_code)


@pytest.mark.parametrize("name", sorted(OTHER_CHILD))
def test_another_familys_child_is_not_found_for_everyone_else(name, area, login):
    url = reverse(name, args=[area.other_child.public_id])
    for persona in sorted(ALL):
        status = login(persona).get(url).status_code
        assert status == (200 if persona in OTHER_CHILD[name] else 404), (persona, status)


@pytest.mark.parametrize(
    "name", ["accounts:user_set_active", "accounts:user_reset_two_factor", "accounts:user_set_password"]
)
def test_only_administrators_can_change_accounts(name, area, login):
    url = _url(name, area)
    for persona in sorted(ALL - {"administrator"}):
        assert login(persona).post(url, {"active": "0"}).status_code == 403, persona
    area.users["caseworker"].refresh_from_db()
    assert area.users["caseworker"].is_active


@pytest.mark.parametrize("name", sorted(n for n, spec in MATRIX.items() if spec[1] not in ("redirect",)))
def test_anonymous_visitors_are_sent_to_sign_in(name, area, client):
    response = client.get(_url(name, area))
    if len(MATRIX[name]) > 3:
        assert response.status_code == MATRIX[name][3]
    elif MATRIX[name][1] == "post-only":
        assert response.status_code == 405
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


# Downloads and JSON, not HTML pages: the well-formed-page check does not apply to them.
NOT_HTML_PAGES = {
    "core:health",
    "core:ready",
    "core:health_worker",
    "people:import_sample",
    "people:subject_access_json",
    "people:subject_access_pdf",
    "casework:document_download",
    "plans:version_pdf",
    "plans:version_docx",
    "reviews:document_download",
}.union(*(app_matrix.NOT_HTML_PAGES for app_matrix in LATER_APPS))
NOT_HTML_NAMESPACES = ("api:", "oruk:")


def test_every_page_a_role_may_open_is_well_formed(area, login):
    for name, (_, allowed, *_) in MATRIX.items():
        if not isinstance(allowed, set | frozenset) or name in NOT_HTML_PAGES:
            continue
        if name.startswith(NOT_HTML_NAMESPACES):
            continue
        for persona in sorted(allowed):
            login(persona).page(_url(name, area))
