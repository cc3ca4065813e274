"""plans.checks: each check with a failing and a passing example, and properties that hold for
any plan (Hypothesis)."""

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from plans import checks
from plans.checks import AdviceFact, NeedFact, OutcomeFact, PlanFacts, ProvisionFact

TODAY = date(2026, 11, 22)
SPECIFIC = {"who": "Speech and language therapist", "frequency": "Once a week", "duration": "30 minutes"}


def good_plan(**changes) -> PlanFacts:
    """A Year 5 plan that passes every check."""
    facts = PlanFacts(
        today=TODAY,
        written_on=TODAY,
        year_group=5,
        key_stage="KS2",
        needs=(NeedFact("n1", "B", "Following instructions"),),
        outcomes=(OutcomeFact("o1", "Follows two-step instructions", "KS2", "", frozenset({"n1"})),),
        provision=(
            ProvisionFact("p1", "F", "Therapy on instructions", **SPECIFIC, need_keys=frozenset({"n1"})),
        ),
        named_setting=True,
    )
    return replace(facts, **changes)


def codes(facts) -> list[str]:
    return [f.code for f in checks.findings(facts)]


def test_a_good_plan_has_no_findings():
    assert checks.findings(good_plan()) == []


def test_from_year_9_each_preparing_for_adulthood_area_needs_an_outcome():
    year_9 = good_plan(year_group=9, key_stage="KS3")
    found = [f for f in checks.findings(year_9) if f.code == "pfa_missing"]
    assert [f.where for f in found] == ["employment", "independent_living", "community", "health"]
    assert found[0].section == "E" and "employment" in found[0].message
    covered = tuple(
        OutcomeFact(f"pfa-{area}", "An outcome", "KS3", area, frozenset({"n1"}))
        for area in ("employment", "independent_living", "community", "health")
    )
    assert "pfa_missing" not in codes(replace(year_9, outcomes=year_9.outcomes + covered))
    assert "pfa_missing" not in codes(replace(year_9, pfa_reason="Chose to focus on two areas this year"))
    assert "pfa_missing" not in codes(good_plan(year_group=8, key_stage="KS3"))


def test_an_outcome_for_a_key_stage_the_child_has_left_is_found():
    left = good_plan(year_group=7, key_stage="KS3")
    assert codes(left) == ["key_stage_left"]
    assert checks.findings(left)[0].where == "o1"
    assert (
        codes(
            good_plan(
                year_group=7, key_stage="KS3", outcomes=(replace(good_plan().outcomes[0], key_stage="KS3"),)
            )
        )
        == []
    )
    unset = replace(good_plan().outcomes[0], key_stage="")
    assert codes(good_plan(year_group=7, key_stage="KS3", outcomes=(unset,))) == []


def test_health_advice_more_than_12_months_old_is_found():
    # "Within 12 months" of 23 November 2025 ends on 22 November 2026 (clock.within_months).
    current = good_plan(advice=(AdviceFact("health", date(2025, 11, 23)),))
    assert codes(current) == []
    old = good_plan(advice=(AdviceFact("health", date(2025, 11, 22)),))
    assert codes(old) == ["health_advice_old"]
    # The newest health advice counts; an issued plan is judged on the day it was issued.
    assert codes(replace(old, advice=old.advice + (AdviceFact("health", date(2026, 5, 1)),))) == []
    assert codes(replace(old, written_on=date(2026, 3, 1))) == []


def test_health_needs_without_health_advice_are_found():
    with_health_needs = good_plan(needs=good_plan().needs + (NeedFact("c1", "C", "Epilepsy"),))
    assert codes(with_health_needs) == ["health_advice_missing"]
    advised = replace(with_health_needs, advice=(AdviceFact("health", date(2026, 9, 1)),))
    assert codes(advised) == []


def test_social_care_advice_is_needed_when_the_child_is_known_to_social_care_or_has_social_care_needs():
    for status in ("CIN", "CP", "LAC"):
        assert codes(good_plan(social_care_status=status)) == ["social_care_advice_missing"]
    assert codes(good_plan(social_care_status="CL")) == []
    with_d = good_plan(needs=good_plan().needs + (NeedFact("d1", "D", "Short breaks"),))
    assert codes(with_d) == ["social_care_advice_missing"]
    assert codes(replace(with_d, advice=(AdviceFact("social_care", date(2026, 9, 1)),))) == []


def test_provision_must_say_how_often_for_how_long_and_who():
    item = good_plan().provision[0]
    bare = replace(item, who="", frequency="", duration=" ")
    found = checks.findings(good_plan(provision=(bare,)))
    assert [f.code for f in found] == [
        "provision_no_frequency",
        "provision_no_duration",
        "provision_no_deliverer",
    ]
    assert {f.where for f in found} == {"p1"} and found[0].section == "F"
    assert "how often" in found[0].message and found[0].why


def test_vague_provision_is_found_wherever_the_vague_words_are():
    item = good_plan().provision[0]
    for change in (
        {"what": "Access to a quiet space"},
        {"what": "Opportunities for social skills work"},
        {"what": "Support as needed at lunchtime"},
        {"frequency": "Regular"},
        {"duration": "As appropriate"},
    ):
        assert codes(good_plan(provision=(replace(item, **change),))) == ["provision_vague"], change
    assert "irregular" not in codes(good_plan(provision=(replace(item, what="Irregular verbs practice"),)))


def test_the_golden_thread_is_checked_both_ways():
    plan = good_plan()
    unprovided = replace(
        plan, provision=(replace(plan.provision[0], need_keys=frozenset(), outcome_keys=frozenset({"o1"})),)
    )
    assert codes(unprovided) == ["need_no_provision"]
    no_outcome = replace(plan, outcomes=(replace(plan.outcomes[0], need_keys=frozenset()),))
    assert codes(no_outcome) == ["need_no_outcome", "outcome_no_need"]
    unlinked = replace(
        plan, provision=plan.provision + (ProvisionFact("p2", "G", "Physiotherapy", **SPECIFIC),)
    )
    found = checks.findings(unlinked)
    assert [(f.code, f.section, f.where) for f in found] == [("provision_unlinked", "G", "p2")]
    # Needs in C and D do not need provision in F: health and social care needs are met in G and H.
    health_need = replace(
        plan, needs=plan.needs + (NeedFact("c1", "C", "Asthma"),), advice=(AdviceFact("health", TODAY),)
    )
    assert codes(health_need) == []


def test_a_plan_needs_a_named_setting_or_a_type_of_setting():
    assert codes(good_plan(named_setting=False)) == ["no_base"]
    assert codes(good_plan(named_setting=False, setting_type="special")) == []


def test_every_check_has_a_reason_and_a_passing_label():
    assert set(checks.CHECKS) == set(checks.PASSING)
    for section, why in checks.CHECKS.values():
        assert section in checks.SECTION_ORDER and why.endswith(".")


# Properties --------------------------------------------------------------------------------

keys = st.sampled_from([f"k{i}" for i in range(6)])
text = st.sampled_from(["", "Daily", "Regular", "30 minutes", "Access to a laptop", "A teaching assistant"])
needs = st.lists(
    st.builds(NeedFact, keys, st.sampled_from(["B", "C", "D"]), text), max_size=4, unique_by=lambda n: n.key
)
outcomes = st.lists(
    st.builds(
        OutcomeFact,
        keys,
        text,
        st.sampled_from(["", "EYFS", "KS2", "KS3", "KS4", "KS5"]),
        st.sampled_from(["", "employment", "independent_living", "community", "health"]),
        st.frozensets(keys, max_size=3),
    ),
    max_size=4,
)
provision = st.lists(
    st.builds(
        ProvisionFact, keys, st.sampled_from(["F", "G", "H1", "H2"]), text, text, text, text,
        st.frozensets(keys, max_size=3), st.frozensets(keys, max_size=3),
    ),
    max_size=4,
)  # fmt: skip
advice = st.lists(
    st.builds(
        AdviceFact, st.sampled_from(["health", "social_care", "ep"]), st.dates(date(2020, 1, 1), TODAY)
    ),
    max_size=3,
)
plans = st.builds(
    PlanFacts,
    today=st.just(TODAY),
    written_on=st.dates(date(2021, 1, 1), TODAY),
    year_group=st.integers(-2, 16),
    key_stage=st.sampled_from(["EYFS", "KS1", "KS2", "KS3", "KS4", "KS5", "POST19"]),
    social_care_status=st.sampled_from(["", "CIN", "CP", "LAC", "CL"]),
    needs=needs.map(tuple),
    outcomes=outcomes.map(tuple),
    provision=provision.map(tuple),
    advice=advice.map(tuple),
    named_setting=st.booleans(),
    setting_type=st.sampled_from(["", "special"]),
    pfa_reason=st.sampled_from(["", "Chose two areas"]),
)


@given(plans)
def test_findings_are_well_formed_for_any_plan(facts):
    for finding in checks.findings(facts):
        section, why = checks.CHECKS[finding.code]
        assert finding.why == why and finding.message
        assert finding.section in checks.SECTION_ORDER


@given(plans, st.sampled_from(["F", "G", "H1", "H2"]))
def test_adding_specific_provision_for_a_need_never_adds_findings(facts, section):
    """Adding a specific, quantified provision item linked to a need can only take findings away
    (that need's "no provision"), never add any."""
    before = set(checks.findings(facts))
    for need in facts.needs:
        item = ProvisionFact(
            "new", section, "Speech and language therapy", **SPECIFIC, need_keys=frozenset({need.key})
        )
        after = set(checks.findings(replace(facts, provision=facts.provision + (item,))))
        assert after <= before
        assert not any(f.code == "need_no_provision" and f.where == need.key for f in after)


@given(plans)
def test_below_year_9_nothing_is_said_about_preparing_for_adulthood(facts):
    younger = replace(facts, year_group=min(facts.year_group, 8))
    assert "pfa_missing" not in codes(younger)
