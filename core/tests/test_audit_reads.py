"""Every page that shows one child's record writes exactly one audit read for that child per request:
not zero (the read would be invisible in the child's history), not two (the history would say it was
read twice).

Which pages show a child's record is read from the permission matrix's own URLs: a page whose
address names a record that belongs to one child (the child, their case, plan, review, referral,
placement, an audit of their plan...). Each is opened by every role that may open it, and the
entries written for that child are counted. A download of one child's record counts as its read.
"""

import uuid
from functools import cache

import pytest
from django.apps import apps
from django.db import models, transaction
from django.urls import resolve, reverse
from django.urls.converters import UUIDConverter

from audit.models import Action, AuditEvent
from core.tests.test_permission_matrix import MATRIX, STARTS_A_JOB, _url
from core.tests.writes import url_patterns
from people.models import Child

pytestmark = pytest.mark.django_db

READS = (Action.VIEW, Action.EXPORT)
# Pages that name a child's record and still are not a read of it, each with why.
DRAFT_REQUEST = "the family's own request for an assessment, being written: their words, not the record"
NOT_A_READ: dict[str, str] = {
    "portal:request_step": DRAFT_REQUEST,
    "portal:request_documents": DRAFT_REQUEST,
    "portal:request_check": DRAFT_REQUEST,
    "portal:request_discard": DRAFT_REQUEST,
    "portal:request_sent": DRAFT_REQUEST,
}


@cache
def _models_with_public_ids():
    # Records named by a public id; not their history copies (django-simple-history), which share it.
    names = {model: {f.name for f in model._meta.fields} for model in apps.get_models()}
    return [model for model, fields in names.items() if "public_id" in fields and "history_id" not in fields]


def _child_behind(obj, depth=3):
    """The one child a record belongs to, through its foreign keys (a case's child, an audit's
    plan's child), or None when it belongs to no child (a school, a survey, a panel meeting)."""
    if isinstance(obj, Child):
        return obj
    if depth == 0 or obj is None:
        return None
    for field in obj._meta.fields:
        if isinstance(field, models.ForeignKey) and field.related_model is Child:
            child = getattr(obj, field.name)
            if child is not None:
                return child
    for field in obj._meta.fields:
        if isinstance(field, models.ForeignKey) and field.related_model in _models_with_public_ids():
            child = _child_behind(getattr(obj, field.name), depth - 1)
            if child is not None:
                return child
    return None


def child_named_by(url):
    """The child whose record the URL names, from the public ids in it."""
    for value in resolve(url).kwargs.values():
        try:
            public_id = uuid.UUID(str(value))
        except ValueError:
            continue
        for model in _models_with_public_ids():
            found = model._default_manager.filter(public_id=public_id).first()
            if found is not None:
                return _child_behind(found)
    return None


# A child's records are named by their public ids (UUIDs) in URLs, never by a number or a slug.
NAMED_BY_PUBLIC_ID = {
    name for name, _, converters in url_patterns() if any(isinstance(c, UUIDConverter) for c in converters)
}


def _openable(name):
    allowed = MATRIX[name][1]
    return (
        isinstance(allowed, set | frozenset)
        and allowed
        and name in NAMED_BY_PUBLIC_ID
        and not name.startswith(("api:", "oruk:"))
        and name not in STARTS_A_JOB
    )


def _reads_per_request(name, url, child, login):
    counts = {}
    for persona in sorted(MATRIX[name][1]):
        client = login(persona)
        before = AuditEvent.objects.filter(child=child, action__in=READS).count()
        status = client.get(url).status_code
        counts[persona] = AuditEvent.objects.filter(child=child, action__in=READS).count() - before
        assert status == 200, (name, persona, status)
    return counts


# The derivation must find these (and whatever is added later): a guard against it finding nothing.
KNOWN_CHILD_PAGES = {
    "people:child_detail",
    "casework:case_detail",
    "plans:plan_detail",
    "reviews:review_detail",
    "portal:child",
    "portal:case_detail",
    "people:subject_access_pdf",
}


def test_every_page_showing_a_childs_record_writes_one_read_of_it(area, login):
    pages, wrong = set(), {}
    for name in sorted(n for n in MATRIX if _openable(n)):
        # Each row in a savepoint rolled back: rows build their own records and must not meet.
        # Builders also keep what they made on `area`: that is put back too.
        kept = dict(vars(area))
        with transaction.atomic():
            url = _url(name, area)
            child = child_named_by(url)
            if child is not None and name not in NOT_A_READ:
                pages.add(name)
                counts = _reads_per_request(name, url, child, login)
                if set(counts.values()) != {1}:
                    wrong[name] = counts
            transaction.set_rollback(True)
        vars(area).clear()
        vars(area).update(kept)
    assert pages >= KNOWN_CHILD_PAGES, sorted(KNOWN_CHILD_PAGES - pages)
    assert not wrong, "\n".join(f"{name}: {counts}" for name, counts in sorted(wrong.items()))


def test_the_api_reads_one_child_once(area):
    from api.models import ApiToken, Scope
    from api.tests.helpers import client_with_key
    from api.tests.url_matrix import _case, _child

    caller = client_with_key(ApiToken.issue(area.users["caseworker"], "reads", scopes=list(Scope))[1])
    for name, args in (("api:child_detail", _child(area)), ("api:case_detail", _case(area))):
        url = reverse(name, args=args)
        child = child_named_by(url)
        before = AuditEvent.objects.filter(child=child, action__in=READS).count()
        assert caller.get(url).status_code == 200, name
        assert AuditEvent.objects.filter(child=child, action__in=READS).count() - before == 1, name
