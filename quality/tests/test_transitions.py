"""An audit's steps follow the catalogue (quality.transitions): each is refused outside the statuses
it starts from, in the catalogue's words, and changes nothing; the sampled audits' columns are the
model's, so a column Audit gains is filled as Audit() would fill it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.tests.factories import UserFactory
from quality import services
from quality.models import Audit, AuditStatus
from quality.services import QualityRefused
from quality.tests.factories import CYCLE, grades_for, plan_for
from quality.transitions import TRANSITIONS, Step, why_not

pytestmark = pytest.mark.django_db


def refused(step, call):
    with pytest.raises(QualityRefused) as error:
        call()
    assert error.value.message == TRANSITIONS[step].refusal


def test_each_step_is_refused_outside_its_statuses_in_the_catalogues_words(area):
    manager, auditor = area.users["manager"], area.users["auditor"]
    moderator = UserFactory(role="auditor")
    plan_for(area.users["caseworker"])
    audit = services.draw_sample(None, manager, cycle=CYCLE, kind="random", size=1, seed=1).audits.get()
    services.assign(None, audit, auditor, manager)
    audit.refresh_from_db()
    assert audit.status == AuditStatus.ASSIGNED
    refused(Step.MODERATE, lambda: services.moderate(None, audit, moderator, grades_for(audit), "good"))

    services.save_audit(None, audit, auditor, audit.version, grades_for(audit), overall="good", submit=True)
    audit.refresh_from_db()
    assert audit.status == TRANSITIONS[Step.SUBMIT].to
    refused(Step.GRADE, lambda: services.save_audit(None, audit, auditor, audit.version, grades_for(audit)))
    refused(Step.ASSIGN, lambda: services.assign(None, audit, UserFactory(role="auditor"), manager))

    moderation = services.moderate(None, audit, moderator, grades_for(audit), "outstanding")
    audit.refresh_from_db()
    assert audit.status == TRANSITIONS[Step.MODERATE].to
    refused(Step.MODERATE, lambda: services.moderate(None, audit, manager, grades_for(audit), "good"))

    services.resolve(None, moderation, manager, {services.OVERALL: ("good", "The plan is good, not more")})
    audit.refresh_from_db()
    assert (audit.status, audit.overall) == (TRANSITIONS[Step.RESOLVE].to, "good")
    moderation.audit.refresh_from_db()
    refused(Step.RESOLVE, lambda: services.resolve(None, moderation, manager, {}))
    assert [step for step in Step if step != Step.COMPLETE_ACTION and why_not(step, audit) is None] == []


def test_a_sampled_audit_fills_every_column_of_the_model(area):
    """Every column of Audit is in the INSERT (the hand-written list once left four out, and would
    have failed on a new NOT NULL column), each the model's default unless taken from the plan."""
    manager, caseworker = area.users["manager"], area.users["caseworker"]
    plan, version = plan_for(caseworker)
    with CaptureQueriesContext(connection) as queries:
        sample = services.draw_sample(None, manager, cycle=CYCLE, kind="random", size=1, seed=1)
    insert = next(
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(f"INSERT INTO {Audit._meta.db_table} ")
    )
    listed = insert.split("(", 1)[1].split(")", 1)[0]
    columns = {name.strip().strip('"') for name in listed.split(",")}
    assert columns == {f.column for f in Audit._meta.concrete_fields if not f.primary_key}

    audit = sample.audits.get()
    expected = Audit(
        sample=sample,
        cycle=CYCLE,
        plan=plan,
        plan_version=version,
        rubric=services.current_rubric(),
        caseworker=caseworker,
        created_by=manager,
        checks_passed=audit.checks_passed,  # set after the insert, from the plan's automatic checks
    )
    for field in Audit._meta.concrete_fields:
        if field.attname not in ("id", "public_id", "created_at", "modified_at"):
            assert getattr(audit, field.attname) == getattr(expected, field.attname), field.name
    assert audit.checks_passed is not None and audit.created_at == audit.modified_at
