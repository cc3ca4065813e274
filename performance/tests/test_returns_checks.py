"""The SEN2 checks: each rule in STATUTORY_RULES.md raises its error or query, names the child and
links to where it is fixed; a clean return raises nothing."""

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest
from django.urls import reverse

from people.tests.factories import valid_upn
from performance.returns import sen2_checks
from performance.returns.sen2 import (
    ActivePlan,
    Assessment,
    NamedPlan,
    Need,
    Person,
    Placement,
    Request,
    Sen2Return,
)

CENSUS = date(2027, 1, 21)


def person(**changes):
    values = {
        "child_id": uuid4(),
        "surname": "Hussain",
        "forename": "Amira",
        "birth_date": date(2015, 5, 14),
        "sex": "F",
        "ethnicity": "APKN",
        "postcode": "BF1 2AB",
        "upn": valid_upn(7),
        "uln": "",
        "upn_unknown": "",
        "requests": [],
    }
    return Person(**{**values, **changes})


def plan_request(**changes):
    named = NamedPlan(plan_id=uuid4(), start_date=date(2026, 7, 27))
    active = ActivePlan(placements=[Placement(urn="100001")], needs=[Need("ASD", 1)])
    values = {
        "case_id": uuid4(),
        "received_date": date(2026, 3, 2),
        "source": "1",
        "outcome": "Y",
        "outcome_date": date(2026, 4, 6),
        "assessment": Assessment("Y", date(2026, 7, 27), named_plan=named),
        "active_plan": active,
    }
    return Request(**{**values, **changes})


def issues_for(*people):
    return sen2_checks.check(Sen2Return(CENSUS, date(2026, 1, 1), date(2026, 12, 31), "999", list(people)))


def codes(*people):
    return sorted(issue.code for issue in issues_for(*people))


def test_a_complete_person_passes():
    assert codes(person(requests=[plan_request()])) == []


def test_every_person_needs_a_upn_a_uln_or_a_reason_they_are_unknown():
    child = person(upn="", requests=[plan_request()])
    (issue,) = issues_for(child)
    assert (issue.severity, issue.code) == ("error", "no-identifier")
    assert issue.child_name == "Amira Hussain"
    assert issue.fix_url == reverse("people:child_edit", args=[child.child_id])
    assert codes(replace(child, uln="1234567890")) == []
    assert codes(replace(child, upn_unknown="UN2")) == []
    assert codes(replace(child, upn_unknown="UN11")) == ["unknown-reason-code"]
    assert codes(replace(child, upn=valid_upn(3), upn_unknown="UN2")) == ["unknown-reason-not-needed"]


def test_a_upn_with_a_wrong_check_letter_is_an_error():
    assert codes(person(upn="A801200005001")) == ["upn-invalid"]
    assert codes(person(upn="B801200005001")) == []


def test_person_codes_must_be_in_the_dfe_lists():
    assert codes(person(sex="X")) == ["sex-code"]
    assert codes(person(ethnicity="ZZZZ")) == ["ethnicity-code"]
    assert codes(person(ethnicity="NOBT")) == ["ethnicity-not-obtained"]
    assert codes(person(postcode="")) == ["no-postcode"]
    assert codes(person(birth_date=date(2027, 2, 1))) == ["born-after-census"]


def test_an_outcome_date_is_required_for_y_and_n():
    for outcome in ("Y", "N"):
        request = plan_request(outcome=outcome, outcome_date=None, assessment=None, active_plan=None)
        (issue,) = issues_for(person(requests=[request]))
        assert issue.code == "no-request-outcome-date"
        assert issue.fix_url == reverse("casework:case_detail", args=[request.case_id])
    waiting = plan_request(outcome="A", outcome_date=None, assessment=None, active_plan=None)
    assert codes(person(requests=[waiting])) == []


def test_a_withdrawn_or_historical_request_needs_nothing_more():
    for outcome in ("W", "H"):
        bare = Request(case_id=None, received_date=None, source="", outcome=outcome)
        assert codes(person(requests=[bare])) == []
    open_request = Request(case_id=uuid4(), received_date=None, source="", outcome="A")
    assert codes(person(requests=[open_request])) == ["no-received-date", "request-source-code"]


def test_request_codes_and_dates_are_checked():
    unknown = plan_request(outcome="Z", assessment=None, active_plan=None)
    assert codes(person(requests=[unknown])) == ["request-outcome-code"]
    assert codes(person(requests=[plan_request(source="9")])) == ["request-source-code"]
    early = plan_request(outcome_date=date(2026, 3, 1))
    assert codes(person(requests=[early])) == ["request-outcome-before-received"]
    unborn = plan_request(received_date=date(2015, 1, 1), outcome_date=date(2015, 2, 1))
    assert codes(person(requests=[unborn])) == ["request-before-birth"]
    future = plan_request(outcome_date=date(2027, 2, 1))
    assert "request-after-census" in codes(person(requests=[future]))


def test_assessment_rules():
    refused = plan_request(outcome="N")
    assert codes(person(requests=[refused])) == ["assessment-without-agreement"]
    assessment = Assessment("Y", None)
    assert codes(person(requests=[plan_request(assessment=assessment, active_plan=None)])) == [
        "no-assessment-outcome-date"
    ]
    assert codes(person(requests=[plan_request(assessment=Assessment("Q"), active_plan=None)])) == [
        "assessment-outcome-code"
    ]
    before = Assessment("N", date(2026, 4, 1))
    assert codes(person(requests=[plan_request(assessment=before, active_plan=None)])) == [
        "assessment-before-decision"
    ]


def test_named_plan_rules_link_to_the_plan():
    request = plan_request()
    plan = request.assessment.named_plan
    plan.cease_date = date(2026, 12, 1)
    (issue,) = issues_for(person(requests=[request]))
    assert issue.code == "no-cease-reason"
    assert issue.fix_url == reverse("plans:plan_detail", args=[plan.plan_id])
    plan.cease_reason = "10"
    assert codes(person(requests=[request])) == ["cease-reason-code"]
    plan.cease_reason, plan.cease_date = "2", date(2026, 7, 1)
    assert codes(person(requests=[request])) == ["ceased-before-start"]
    plan.cease_date = None
    assert codes(person(requests=[request])) == ["no-cease-date"]
    plan.cease_reason, plan.start_date = "", None
    assert codes(person(requests=[request])) == ["no-plan-start"]
    plan.start_date, plan.direct_payments = date(2026, 7, 27), True
    assert codes(person(requests=[request])) == ["direct-payments-without-budget"]


def test_active_plan_rules():
    def with_active(**changes):
        request = plan_request()
        for name, value in changes.items():
            setattr(request.active_plan, name, value)
        return codes(person(requests=[request]))

    assert with_active(placements=[]) == ["no-placement"]
    assert with_active(placements=[Placement()]) == ["placement-unidentified"]
    assert with_active(placements=[Placement(setting_code="ABC")]) == ["setting-code"]
    assert with_active(placements=[Placement(setting_code="NEET")]) == []
    dates_wrong = Placement(urn="1", entry_date=date(2026, 9, 1), leaving_date=date(2026, 8, 1))
    assert with_active(placements=[dates_wrong]) == ["placement-dates"]
    assert with_active(needs=[Need("ASD", 2)]) == ["no-primary-need"]
    assert with_active(needs=[Need("ASD", 1), Need("HI", 1)]) == ["need-rank-repeated"]
    assert with_active(needs=[Need("XYZ", 1)]) == ["sen-type-code"]
    assert with_active(review_meeting=date(2026, 6, 1), review_outcome="Q", last_review=date(2026, 6, 8)) == [
        "review-outcome-code"
    ]
    assert with_active(review_meeting=date(2026, 6, 1), review_outcome="M") == ["no-review-date"]
    assert with_active(review_meeting=date(2026, 6, 1), review_outcome="M", last_review=date(2026, 5, 1)) == [
        "review-before-meeting"
    ]
    assert with_active(transfer_from="Kirkholme") == ["transfer-la-code"]


def test_niec_is_only_for_a_plan_with_a_decision_to_cease():
    def placed(code, **changes):
        request = plan_request()
        request.active_plan.placements = [Placement(setting_code=code)]
        for name, value in changes.items():
            setattr(request.active_plan, name, value)
        return codes(person(requests=[request]))

    # A child awaiting a placement is NIEO (with what the arrangement is), not NIEC.
    assert placed("NIEC") == ["niec-without-cease"]
    reviewed = {"review_meeting": date(2026, 6, 1), "last_review": date(2026, 6, 8)}
    assert placed("NIEC", review_outcome="M", **reviewed) == ["niec-without-cease"]
    assert placed("NIEC", review_outcome="C", **reviewed) == []


def test_a_plan_not_reviewed_in_the_12_months_before_the_census_is_a_query():
    request = plan_request()
    request.assessment.named_plan.start_date = date(2026, 1, 21)  # due by 20 January 2027: late
    request.assessment.outcome_date = date(2026, 1, 21)
    request.outcome_date, request.received_date = date(2024, 10, 1), date(2024, 9, 1)
    assert codes(person(requests=[request])) == ["review-overdue"]
    request.assessment.named_plan.start_date = date(2026, 1, 22)  # due by 21 January 2027: in time
    assert codes(person(requests=[request])) == []
    request.active_plan.review_meeting = date(2026, 1, 22)  # the last review counts, not the start
    request.assessment.named_plan.start_date = date(2024, 1, 1)
    assert codes(person(requests=[request])) == []


def test_a_young_person_past_25_with_a_live_plan_is_a_query():
    over = person(birth_date=date(2001, 8, 31), requests=[plan_request()])
    assert codes(over) == ["over-25"]
    assert codes(replace(over, birth_date=date(2001, 9, 1))) == []


@pytest.mark.parametrize("severity", ["error", "query"])
def test_issues_say_whether_they_are_errors(severity):
    issue = sen2_checks.Issue(severity, "x", "message", uuid4(), "A B", "/", "Fix")
    assert issue.is_error is (severity == "error")


def test_a_upn_unknown_reason_contradicting_where_the_child_is_is_an_error():
    from types import SimpleNamespace

    school = SimpleNamespace(name="Brook Primary", urn=100001, ukprn="", setting_type="mainstream")
    child = person(upn="", upn_unknown="UN1", setting=school, requests=[plan_request()])
    (issue,) = issues_for(child)
    assert (issue.severity, issue.code) == ("error", "unknown-reason-contradicts")
    assert "Brook Primary (URN 100001) gives its pupils a UPN" in issue.message
    assert issue.fix_url == reverse("people:child_edit", args=[child.child_id])
    college = SimpleNamespace(name="Town College", urn=None, ukprn="10001234", setting_type="post16")
    assert codes(replace(child, upn_unknown="UN8", setting=college)) == ["unknown-reason-contradicts"]
    assert codes(replace(child, upn_unknown="UN9", setting=college)) == []
    assert codes(replace(child, upn_unknown="UN9", setting=None, sen2_setting="NEET")) == [
        "unknown-reason-contradicts"
    ]
    assert codes(replace(child, upn_unknown="UN3", setting=college)) == ["unknown-reason-contradicts"]
    assert codes(replace(child, upn_unknown="UN2", setting=None, sen2_setting="EHE")) == []


def test_a_state_school_in_another_area_gives_upns_but_an_independent_one_need_not():
    """Only state-funded schools give every pupil a UPN: out of the area, GIAS's type of
    establishment says whether the school is one."""
    from types import SimpleNamespace

    def away(kind):
        return SimpleNamespace(
            name="Fenby School", urn=100777, ukprn="", setting_type="out_of_area", establishment_type=kind
        )

    school = away("Community special school")
    child = person(upn="", upn_unknown="UN9", setting=school, requests=[plan_request()])
    assert codes(child) == ["unknown-reason-contradicts"]
    assert codes(replace(child, setting=away("Academy special converter"))) == ["unknown-reason-contradicts"]
    assert codes(replace(child, setting=away("Other independent special school"))) == []


def test_a_plan_first_issued_in_the_year_without_its_request_is_an_error_naming_the_plan():
    named = NamedPlan(plan_id=uuid4(), start_date=date(2026, 5, 4))
    historical = Request(None, None, "", "H", assessment=Assessment("Y", date(2026, 5, 4), named_plan=named))
    historical.active_plan = ActivePlan(placements=[Placement(urn="100001")], needs=[Need("ASD", 1)])
    (issue,) = issues_for(person(requests=[historical]))
    assert (issue.severity, issue.code) == ("error", "new-plan-without-request")
    assert "first issued on 4 May 2026" in issue.message
    assert issue.fix_url == reverse("plans:plan_detail", args=[named.plan_id])
    # An older plan, and a plan that moved in from another area, are rightly historical.
    older = replace(named, start_date=date(2024, 5, 4))
    older_request = replace(historical, assessment=Assessment("Y", date(2024, 5, 4), named_plan=older))
    assert "new-plan-without-request" not in codes(person(requests=[older_request]))
    moved = replace(historical, active_plan=replace(historical.active_plan, transfer_la="888"))
    assert "new-plan-without-request" not in codes(person(requests=[moved]))
