"""Who may do what in the audit cycle: least privilege by role and relationship."""

import pytest

from people.tests.factories import ChildFactory, UserFactory
from plans import editing
from plans import services as plan_services
from plans.models import PlanVersion
from plans.tests.factories import ISSUED_ON, SERVED_ON, draft_plan, fill
from quality import services
from quality.models import Audit, AuditStatus, Moderation, QualityAction
from quality.rules import moderated_by, why_not_moderator
from quality.services import QualityRefused
from quality.tests.factories import CYCLE, grades_for, plan_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(area):
    plan_for(area.users["caseworker"])
    sample = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=1, seed=1)
    audit = sample.audits.get()
    services.assign(None, audit, area.users["auditor"], area.users["manager"])
    audit.refresh_from_db()
    return audit


def test_only_managers_draw_samples(area):
    allowed = {p for p, user in area.users.items() if user.has_perm("quality.draw_sample")}
    assert allowed == {"manager"}


def test_auditors_see_only_audits_assigned_to_them(area, audit):
    other = UserFactory(role="auditor")
    assert area.users["auditor"].has_perm("quality.grade_audit", audit)
    assert not other.has_perm("quality.grade_audit", audit)
    assert not other.has_perm("quality.view_audit", audit)
    assert not area.users["caseworker"].has_perm("quality.view_audit", audit)


def test_the_first_auditor_and_the_caseworker_cannot_moderate(area, audit):
    assert UserFactory(role="auditor").has_perm("quality.moderate_audit", audit)
    assert not area.users["auditor"].has_perm("quality.moderate_audit", audit)
    assert not area.users["caseworker"].has_perm("quality.moderate_audit", audit)


def test_a_caseworker_completes_only_their_own_actions(area, audit):
    action = QualityAction(audit=audit, assigned_to=area.users["caseworker"])
    assert area.users["caseworker"].has_perm("quality.complete_action", action)
    assert not UserFactory(role="caseworker").has_perm("quality.complete_action", action)


def test_who_may_moderate_is_one_rule_for_the_permission_the_service_and_the_list(area):
    """The permission, the service's refusal and the "waiting for moderation" list agree, for
    each kind of person: the plan's writer too (the permission once let them in, the service not)."""
    auditor, writer = area.users["auditor"], UserFactory(role="auditor")
    child = ChildFactory()
    draft = draft_plan(child, area.users["caseworker"])
    PlanVersion.objects.filter(pk=draft.pk).update(created_by=writer)
    draft.refresh_from_db()
    fill(draft)
    plan_services.serve_draft(None, draft, SERVED_ON)
    if child.setting is not None:
        editing.update_section(None, draft, "I", named_setting=child.setting)
    plan_services.issue(None, draft, ISSUED_ON)
    audit = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=1, seed=1).audits.get()
    services.assign(None, audit, auditor, area.users["manager"])
    audit.refresh_from_db()
    services.save_audit(None, audit, auditor, audit.version, grades_for(audit), overall="good", submit=True)
    audit = Audit.objects.select_related("plan_version").get(pk=audit.pk)
    not_a_moderator = "Only an auditor or a manager can moderate a plan audit"
    refused = {
        auditor: "You audited this plan: a different auditor must moderate it",
        area.users["caseworker"]: not_a_moderator,
        writer: "You wrote this plan or are its caseworker: you cannot moderate it",
        UserFactory(role="auditor", is_active=False): not_a_moderator,
    }
    allowed = [UserFactory(role="auditor"), area.users["manager"]]
    waiting = Audit.objects.filter(status=AuditStatus.SUBMITTED)
    for user, refusal in refused.items():
        assert why_not_moderator(user, audit) == refusal
        assert not user.has_perm("quality.moderate_audit", audit)
        assert not waiting.filter(moderated_by(user)).exists()
        with pytest.raises(QualityRefused) as error:
            services.moderate(None, audit, user, grades_for(audit), "good")
        assert error.value.message == refusal
    for user in allowed:
        assert why_not_moderator(user, audit) is None
        assert user.has_perm("quality.moderate_audit", audit)
        assert list(waiting.filter(moderated_by(user))) == [audit]
    assert not Moderation.objects.exists()
