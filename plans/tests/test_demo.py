"""plans.demo through seed_demo: a plan for every child with one, drafts for assessments being
drafted, amendments that keep item keys, and plan quality in real proportions."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Q

from casework.models import AssessmentCase, Stage
from clock import dates
from people.models import Child
from plans import measures
from plans.codes import PlanStatus
from plans.models import EHCPlan, PlanVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run without it
    out = StringIO()
    call_command(
        "seed_demo", scale=0.05, seed=7, logins_file=str(tmp_path / "l.json"), stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def test_every_child_with_a_plan_has_one_and_drafts_follow_the_cases(seeded):
    assert "plans.demo.build:" in seeded
    today = dates.today()
    assert not PlanVersion.objects.filter(Q(issued_on__gt=today) | Q(served_on__gt=today)).exists()
    assert not PlanVersion.objects.filter(served_on__gt=F("issued_on")).exists()
    assert not EHCPlan.objects.filter(first_issued_on__gt=today).exists()
    with_plans = Child.objects.filter(sen_provision="E")
    assert not with_plans.exclude(ehc_plans__latest_issued__isnull=False).exists()
    for case in AssessmentCase.objects.filter(stage=Stage.FINAL).select_related("child"):
        plan = EHCPlan.objects.get(child=case.child)
        first = plan.versions.get(number=1)
        assert plan.first_issued_on == first.issued_on
        if plan.case_id == case.pk:
            assert first.issued_on == case.closed_on and first.case_id == case.pk
            received = case.advice_requests.filter(received_on__isnull=False).count()
            assert first.advice.filter(advice_request__case=case).count() == received
    for case in AssessmentCase.objects.filter(stage__in=(Stage.DRAFTING, Stage.CONSULTING)):
        draft = PlanVersion.objects.filter(case=case).first()
        if draft is not None:
            assert draft.status == PlanStatus.DRAFT
            # s.38(5): the family's draft names no school or type of setting.
            assert (draft.named_setting_id, draft.setting_type) == (None, "")
            assert (draft.served_on is not None) == (case.stage == Stage.CONSULTING)


def test_amendments_keep_the_keys_of_the_version_before(seeded):
    amended = PlanVersion.objects.filter(kind="amended").select_related("based_on")
    assert amended.exists()
    for version in amended[:20]:
        before = set(version.based_on.needs.values_list("key", flat=True))
        assert before == set(version.needs.values_list("key", flat=True))
        assert version.issued_on > version.based_on.issued_on
        assert version.plan.latest_issued_id == version.pk


def test_about_a_third_of_plans_fail_some_check(seeded):
    figures = measures.measure()
    assert figures.plans == EHCPlan.objects.filter(latest_issued__isnull=False).count()
    failing = 1 - figures.no_findings.within / figures.plans
    assert 0.2 <= failing <= 0.5, failing
    for code in ("pfa_missing", "provision_vague", "no_base"):
        assert figures.checks[code].within < figures.plans, code
    assert figures.pfa.count and figures.pfa.within / figures.pfa.count > 0.4


def test_a_second_demo_parent_has_a_draft_plan_to_comment_on(seeded, client):
    """demo.parent_draft's child has a first draft with the family, inside their 15 days and with no
    response yet, so the family's side of a draft can be walked on the demo (issue 21)."""
    from django.urls import reverse

    from accounts.models import User
    from plans.lifecycle import comments_last_day, family_response_on

    user = User.objects.get(username="demo.parent_draft")
    version = PlanVersion.objects.get(
        status=PlanStatus.DRAFT, case__isnull=False, plan__child__relationships__parent_carer__user=user
    )
    assert version.served_on <= dates.today() <= comments_last_day(version)
    assert family_response_on(version) is None
    client.force_login(user)
    page = client.get(reverse("portal:draft_plan", args=[version.plan.public_id]))
    assert page.status_code == 200
    assert "Send my comments" in page.content.decode()
