"""The audit cycle's rules: sampling, grading, moderation and the actions findings become."""

from datetime import date

import pytest

from audit.models import AuditEvent
from core.concurrency import StaleEditError
from people.tests.factories import UserFactory
from quality import measures, services
from quality.data import rubric as default_rubric
from quality.models import (
    ActionStatus,
    Audit,
    AuditStatus,
    CriterionGrade,
    Moderation,
    QualityAction,
    Rubric,
    Sample,
)
from quality.services import QualityRefused
from quality.tests.factories import CYCLE, bulk_plans, plan_for

pytestmark = pytest.mark.django_db


def all_good(audit, **overrides):
    grades = {c.pk: ("good", "Clear and specific") for c in audit.rubric.criteria.all()}
    for title, grade in overrides.items():
        criterion = audit.rubric.criteria.get(area=title)
        grades[criterion.pk] = (grade, f"{criterion.title} needs work")
    return grades


@pytest.fixture
def sampled(area):
    """One issued plan (the caseworker persona's), sampled this cycle and given to the auditor."""
    plan, _version = plan_for(area.users["caseworker"], social_care_status="LAC")
    sample = services.draw_sample(None, area.users["manager"], cycle=CYCLE, kind="random", size=1, seed=7)
    audit = sample.audits.get()
    services.assign(None, audit, area.users["auditor"], area.users["manager"])
    audit.refresh_from_db()
    return audit


def test_the_default_rubric_is_loaded_with_every_section_and_agency():
    rubric = Rubric.objects.get(name=default_rubric.NAME, is_current=True)
    areas = set(rubric.criteria.values_list("area", flat=True))
    assert areas == set("ABCDEFGHIJK") | {"education", "health", "social_care"}
    assert all(c.guidance for c in rubric.criteria.all())


def test_the_same_seed_draws_the_same_plans_and_records_how():
    bulk_plans(200)
    kwargs = {"cycle": date(2026, 9, 14), "kind": "random", "percentage": 5, "seed": 42}
    first = services.draw_sample(None, None, **kwargs)
    chosen = sorted(first.audits.values_list("plan_id", flat=True))
    assert len(chosen) == 10 and first.population == 200 and first.cycle == CYCLE
    again = services.draw_sample(None, None, include_audited=True, **kwargs)
    assert sorted(again.audits.values_list("plan_id", flat=True)) == chosen
    assert again.seed == 42 and again.percentage == 5


def test_plans_already_audited_this_cycle_are_left_out_unless_chosen_on_purpose():
    bulk_plans(20)
    first = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=15, seed=1)
    second = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=15, seed=2)
    assert second.population == 5 and second.audits.count() == 5
    assert not set(first.audits.values_list("plan_id", flat=True)) & set(
        second.audits.values_list("plan_id", flat=True)
    )
    on_purpose = services.draw_sample(
        None, None, cycle=CYCLE, kind="random", size=3, seed=3, include_audited=True
    )
    assert on_purpose.population == 20
    next_month = services.draw_sample(None, None, cycle=date(2026, 10, 1), kind="random", size=3, seed=3)
    assert next_month.population == 20


def test_a_children_in_care_sample_holds_only_looked_after_children():
    bulk_plans(100, in_care_every=4)
    sample = services.draw_sample(
        None, None, cycle=CYCLE, kind="thematic", theme="in_care", percentage=100, seed=5
    )
    assert sample.population == 25
    statuses = set(sample.audits.values_list("plan__child__social_care_status", flat=True))
    assert statuses == {"LAC"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "random"}, "Enter either a percentage of plans or a number of plans"),
        ({"kind": "random", "percentage": 5, "size": 3}, "Enter either a percentage"),
        ({"kind": "random", "percentage": 0}, "Enter a percentage between 0.01 and 100"),
        ({"kind": "thematic", "size": 3}, "Choose a theme for the thematic sample"),
        ({"kind": "thematic", "theme": "caseworker", "size": 3}, "Choose the caseworker"),
    ],
)
def test_a_sample_without_clear_parameters_is_refused_and_nothing_saved(kwargs, message):
    bulk_plans(5)
    with pytest.raises(QualityRefused, match=message):
        services.draw_sample(None, None, cycle=CYCLE, **kwargs)
    assert not Sample.objects.exists() and not Audit.objects.exists()


def test_drawing_five_percent_of_twenty_thousand_plans_takes_constant_queries(
    django_assert_max_num_queries,
):
    bulk_plans(20_000)
    # Reading the population, saving the sample and its audits, then the automatic checks of the
    # sampled versions (plans.facts: eight queries) and recording which passed.
    with django_assert_max_num_queries(22):
        sample = services.draw_sample(None, None, cycle=CYCLE, kind="random", percentage=5, seed=9)
    assert sample.audits.count() == 1000
    assert not sample.audits.filter(checks_passed__isnull=True).exists()


def test_an_auditor_cannot_audit_a_plan_they_caseworked(area, sampled):
    with pytest.raises(QualityRefused, match="wrote this plan or is its caseworker"):
        services.assign(None, sampled, area.users["caseworker"], area.users["manager"])
    assert Audit.objects.get().auditor == area.users["auditor"]
    with pytest.raises(QualityRefused, match="Choose an auditor or a caseworker"):
        services.assign(None, sampled, area.users["parent"], area.users["manager"])


def test_a_submit_with_ungraded_criteria_is_refused_and_nothing_saved(area, sampled):
    grades = all_good(sampled)
    grades.pop(next(iter(grades)))
    with pytest.raises(QualityRefused, match="Choose a grade for The child's and family's views"):
        services.save_audit(
            None, sampled, area.users["auditor"], sampled.version, grades, "good", submit=True
        )
    sampled.refresh_from_db()
    assert sampled.status == AuditStatus.ASSIGNED and sampled.version == 2
    assert not CriterionGrade.objects.exists() and not QualityAction.objects.exists()


def test_only_the_assigned_auditor_can_grade(area, sampled):
    with pytest.raises(QualityRefused, match="Only the auditor this audit is assigned to"):
        services.save_audit(None, sampled, area.users["manager"], sampled.version, all_good(sampled))


def test_a_stale_edit_is_refused(area, sampled):
    auditor = area.users["auditor"]
    opened = sampled.version
    services.save_audit(None, sampled, auditor, opened, all_good(sampled), "good")
    stale = Audit.objects.get()
    with pytest.raises(StaleEditError):
        services.save_audit(None, stale, auditor, opened, all_good(stale), "inadequate")
    assert Audit.objects.get().overall == "good"


def test_weak_criteria_become_actions_for_the_caseworker_once(area, sampled):
    auditor = area.users["auditor"]
    grades = all_good(sampled, E="requires_improvement", F="inadequate")
    services.save_audit(
        None,
        sampled,
        auditor,
        sampled.version,
        grades,
        "requires_improvement",
        family_voice="Mum said the plan felt like it was about someone else",
        submit=True,
    )
    services.save_audit(None, sampled, auditor, sampled.version, grades, "good", submit=True)
    actions = QualityAction.objects.order_by("criterion__order")
    assert [(a.criterion.area, a.grade) for a in actions] == [
        ("E", "requires_improvement"),
        ("F", "inadequate"),
    ]
    assert {a.assigned_to for a in actions} == {area.users["caseworker"]}
    assert actions[0].due_on > date.today()
    audit = Audit.objects.get()
    assert audit.status == AuditStatus.SUBMITTED and audit.overall == "requires_improvement"
    assert AuditEvent.objects.filter(summary="Submitted a plan audit").count() == 1


def submitted(area, audit, overall="good", **overrides):
    services.save_audit(
        None,
        audit,
        area.users["auditor"],
        audit.version,
        all_good(audit, **overrides),
        overall,
        submit=True,
    )
    return Audit.objects.get(pk=audit.pk)


def test_moderation_by_the_first_auditor_is_refused(area, sampled):
    audit = submitted(area, sampled)
    with pytest.raises(QualityRefused, match="a different auditor must moderate it"):
        services.moderate(None, audit, area.users["auditor"], all_good(audit), "good")
    assert not hasattr(Audit.objects.get(), "moderation")


def test_a_disagreement_is_resolved_with_a_reason_and_the_agreed_grade_stands(area, sampled):
    audit = submitted(area, sampled, E="requires_improvement")
    moderator = UserFactory(role="auditor")
    moderation = services.moderate(
        None, audit, moderator, all_good(audit, E="good", F="requires_improvement"), "good"
    )
    assert Audit.objects.get().status == AuditStatus.MODERATING
    assert {g.criterion.area for g in services.disagreements(moderation)} == {"E", "F"}
    e = audit.rubric.criteria.get(area="E").pk
    f = audit.rubric.criteria.get(area="F").pk
    with pytest.raises(QualityRefused, match="Enter why the grade for Outcomes was agreed"):
        services.resolve(None, moderation, area.users["manager"], {e: ("good", ""), f: ("good", "x")})
    assert Audit.objects.get().status == AuditStatus.MODERATING
    services.resolve(
        None,
        moderation,
        area.users["manager"],
        {e: ("good", "The outcomes are measurable"), f: ("inadequate", "No amounts of therapy")},
    )
    agreed = dict(CriterionGrade.objects.values_list("criterion__area", "agreed"))
    assert agreed["E"] == "good" and agreed["F"] == "inadequate"
    actions = {a.criterion.area: a.status for a in QualityAction.objects.all()}
    assert actions == {"E": ActionStatus.WITHDRAWN, "F": ActionStatus.OPEN}
    assert Audit.objects.get().status == AuditStatus.AGREED


def test_the_moderator_must_give_an_overall_grade(area, sampled):
    audit = submitted(area, sampled)
    with pytest.raises(QualityRefused, match="Choose an overall grade for the plan"):
        services.moderate(None, audit, UserFactory(role="auditor"), all_good(audit), "")
    assert Audit.objects.get().status == AuditStatus.SUBMITTED and not Moderation.objects.exists()


def test_a_differing_overall_grade_is_resolved_with_a_reason_and_the_kpi_counts_the_agreed_one(area, sampled):
    audit = submitted(area, sampled, overall="requires_improvement")
    moderation = services.moderate(None, audit, UserFactory(role="auditor"), all_good(audit), "good")
    assert services.disagreements(moderation) == [] and services.overall_disagrees(moderation)
    assert Audit.objects.get().status == AuditStatus.MODERATING
    assert (measures.overall().good, measures.overall().total) == (0, 1)
    manager = area.users["manager"]
    with pytest.raises(QualityRefused, match="Choose the agreed overall grade for the plan"):
        services.resolve(None, moderation, manager, {})
    with pytest.raises(QualityRefused, match="Enter why the overall grade for the plan was agreed"):
        services.resolve(None, moderation, manager, {services.OVERALL: ("good", " ")})
    assert Audit.objects.get().status == AuditStatus.MODERATING and Audit.objects.get().overall != "good"
    services.resolve(None, moderation, manager, {services.OVERALL: ("good", "Every section is specific")})
    audit = Audit.objects.get()
    moderation = Moderation.objects.get()
    assert audit.status == AuditStatus.AGREED and audit.overall == "good"
    assert (moderation.first_overall, moderation.overall, moderation.agreed_overall) == (
        "requires_improvement",
        "good",
        "good",
    )
    assert moderation.overall_reason == "Every section is specific"
    assert (measures.overall().good, measures.overall().total) == (1, 1)
    assert [s.good for s in measures.by_month_start(CYCLE, CYCLE).values()] == [1]


def test_agreeing_overall_and_criteria_grades_need_no_resolution(area, sampled):
    audit = submitted(area, sampled, overall="requires_improvement")
    moderation = services.moderate(
        None, audit, UserFactory(role="auditor"), all_good(audit), "requires_improvement"
    )
    assert not services.has_disagreements(moderation)
    audit = Audit.objects.get()
    assert audit.status == AuditStatus.AGREED and audit.overall == "requires_improvement"
    assert Moderation.objects.get().agreed_overall == "requires_improvement"


def test_the_caseworker_completes_their_action(area, sampled):
    submitted(area, sampled, B="requires_improvement")
    action = QualityAction.objects.get()
    with pytest.raises(QualityRefused, match="Only the caseworker this action is for"):
        services.complete_action(None, action, area.users["auditor"], "Done")
    with pytest.raises(QualityRefused, match="Enter what was done"):
        services.complete_action(None, action, area.users["caseworker"], " ")
    services.complete_action(None, action, area.users["caseworker"], "Rewrote section B")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_note == "Rewrote section B"
    with pytest.raises(QualityRefused, match="already closed"):
        services.complete_action(None, action, area.users["caseworker"], "Again")


def test_each_sampled_plan_records_whether_it_passed_the_automatic_checks(area):
    from plans.content import load_content
    from plans.facts import findings_for

    plan, version = plan_for(area.users["caseworker"])
    assert not findings_for(load_content(version), plan.child)  # a complete plan passes every check
    bulk_plans(3)  # plans with no needs, outcomes or provision fail them
    sample = services.draw_sample(None, None, cycle=CYCLE, kind="random", size=4, seed=3)
    passed = dict(sample.audits.values_list("plan_id", "checks_passed"))
    assert passed.pop(plan.pk) is True and set(passed.values()) == {False}
