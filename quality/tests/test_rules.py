"""Who may do what in the audit cycle: least privilege by role and relationship."""

import pytest

from people.tests.factories import UserFactory
from quality import services
from quality.models import QualityAction
from quality.tests.factories import CYCLE, plan_for

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
