"""Roles trimmed to the job: a quality auditor reads only the plans in their own audits (assigned
or moderated), not every plan; Local Offer service owners see no grades by named caseworker."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from plans.tests.factories import issued_plan
from quality.tests.factories import audit_cycle

pytestmark = pytest.mark.django_db


def _plan_url(plan):
    return reverse("plans:plan_detail", args=[plan.public_id])


def test_an_auditor_reads_the_plans_in_their_audits_and_no_other(area, login):
    cycle = audit_cycle(area)
    auditor = login("auditor")
    assert auditor.get(_plan_url(cycle.assigned.plan)).status_code == 200  # assigned to them
    assert auditor.get(_plan_url(cycle.moderating.plan)).status_code == 200  # they moderated it
    other, _ = issued_plan(area.other_child)
    assert auditor.get(_plan_url(other)).status_code == 404
    assert AuditEvent.objects.filter(
        action=Action.DENIED, actor=area.users["auditor"], child=area.other_child
    ).exists()
    assert auditor.get(reverse("plans:plan_list")).status_code == 403


@pytest.mark.parametrize(
    "persona,sees", [("service_owner", False), ("manager", True), ("board_member", True)]
)
def test_grades_by_caseworker_are_not_for_service_owners(area, login, persona, sees):
    audit_cycle(area)
    page = login(persona).page(reverse("quality:dashboard"))
    assert bool(page.find(id="by-team")) is sees
    assert page.find(id="by-section")  # the area-wide figures stay
