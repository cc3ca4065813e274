"""The items the 2026 SEN2 guide added to the person-level return, each from the record: RYA and
Exported on the request, OtherMediation and OtherTribunal on the assessment, PlanRes, PlanWBP and
OA on the named plan, SENSettingOther on plan and placement details, RES and WBP on placements."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from lxml import etree

from casework.tests.factories import case_at
from engagement.models import About
from engagement.tests.factories import appeal, mediation
from people.tests.factories import ChildFactory
from performance.returns import sen2, sen2_files
from performance.tests.returns_builders import CENSUS_2027
from plans import editing
from plans import services as plan_services
from plans.models import EHCPlan
from plans.tests.factories import ISSUED_ON, SERVED_ON, draft_plan, fill
from reviews.models import Direction, Transfer

pytestmark = pytest.mark.django_db


def _issue_with(child, **sections):
    """A plan issued on 27 July 2026 with section I and J values set before it was issued."""
    version = draft_plan(child)
    fill(version)
    plan_services.serve_draft(None, version, SERVED_ON)
    for section, values in sections.items():
        editing.update_section(None, version, section, **values)
    return plan_services.issue(None, version, ISSUED_ON)


def _person(root, child):
    return next(p for p in root.findall("Persons/Person") if p.findtext("Forename") == child.legal_first_name)


@pytest.fixture
def everything(area):
    """A child whose record sets every 2026 item, and one who moved away before the assessment."""
    child = area.own_child
    child.residential_placement = True
    child.work_based_learning = True
    child.detained_from, child.detained_until = date(2026, 5, 1), date(2026, 6, 30)
    child.save()
    _issue_with(
        child,
        I={"named_setting": child.setting, "residential": True, "work_based_learning": True},
        J={"personal_budget": True, "organised_arrangements": True, "direct_payments": False},
    )
    case = child.assessment_cases.get()
    mediation(child, case, about=About.OTHER, requested_on=date(2026, 8, 3), held_on=date(2026, 8, 20))
    appeal(child, case, about=About.OTHER, registered_on=date(2026, 9, 1))
    moved = ChildFactory(setting=area.school)
    case_at(moved, "assessing")  # received 1 June 2026, agreed a week later
    Transfer.objects.create(
        direction=Direction.OUT,
        child=moved,
        other_area="Kirklees (382)",
        started_on=date(2026, 7, 1),
        due_on=date(2026, 7, 21),
    )
    return child, moved


def test_every_item_of_the_2026_list_is_written_in_the_dfe_order(everything):
    child, _moved = everything
    root = etree.fromstring(sen2_files.to_xml(sen2.collect(CENSUS_2027, "999")))
    request = _person(root, child).find("Requests")
    records = {
        "Requests": request,
        "Assessment": request.find("Assessment"),
        "NamedPlan": request.find("Assessment/NamedPlan"),
        "PlanDetail": request.find("Assessment/NamedPlan/PlanDetail"),
        "PlacementDetail": request.find("ActivePlans/PlacementDetail"),
    }
    for record, element in records.items():
        written = [e.tag for e in element if e.tag in sen2_files.ITEMS[record]]
        expected = [item for item in sen2_files.ITEMS[record] if item in written]
        assert written == expected, record  # in the DfE's order
    for record, items in {
        "Requests": ["RYA", "RequestSource", "RequestMediation", "RequestTribunal"],
        "Assessment": ["OtherMediation", "OtherTribunal", "Week20"],
        "NamedPlan": ["PlanRes", "PlanWBP", "PB", "OA", "DP"],
        "PlanDetail": ["URN", "PlacementRank", "SENunitIndicator", "ResourcedProvisionIndicator"],
        "PlacementDetail": ["URN", "SENunitIndicator", "ResourcedProvisionIndicator", "RES", "WBP"],
    }.items():
        assert {e.tag for e in records[record]} >= set(items), record


def test_each_2026_item_comes_from_the_record(everything):
    child, moved = everything
    the_return = sen2.collect(CENSUS_2027, "999")
    root = etree.fromstring(sen2_files.to_xml(the_return))
    request = _person(root, child).find("Requests")
    # Received 1 June 2026, while detained from 1 May to 30 June: RYA.
    assert request.findtext("RYA") == "1"
    assert request.find("Exported") is None
    assert request.findtext("Assessment/OtherMediation") == "1"
    assert request.findtext("Assessment/OtherTribunal") == "1"
    assert request.findtext("Assessment/AssessmentMediation") == "0"
    named = request.find("Assessment/NamedPlan")
    assert [named.findtext(i) for i in ("PlanRes", "PlanWBP", "PB", "OA", "DP")] == ["1", "1", "1", "1", "0"]
    placement = request.find("ActivePlans/PlacementDetail")
    assert (placement.findtext("RES"), placement.findtext("WBP")) == ("1", "1")
    # The child who moved to Kirklees on 1 July, before the assessment was completed.
    moved_request = _person(root, moved).find("Requests")
    assert moved_request.findtext("Exported") == "382"
    assert moved_request.findtext("RYA") == "0"
    rows = {row["Forename"]: row for row in csv.DictReader(io.StringIO(sen2_files.to_csv(the_return)))}
    row = rows[child.legal_first_name]
    assert [row[i] for i in ("RYA", "OtherMediation", "PlanRes", "OA", "RES", "WBP")] == ["1"] * 6
    assert rows[moved.legal_first_name]["Exported"] == "382"


def test_a_request_outside_the_detention_or_a_move_after_the_plan_sets_neither(area):
    child = area.own_child
    child.detained_from, child.detained_until = date(2025, 1, 1), date(2025, 3, 1)
    child.save()
    _issue_with(child, I={"named_setting": child.setting})
    Transfer.objects.create(
        direction=Direction.OUT, child=child, other_area="Kirklees (382)",
        started_on=date(2026, 9, 1), due_on=date(2026, 9, 21),
    )  # fmt: skip
    (request,) = next(
        p for p in sen2.collect(CENSUS_2027, "999").persons if p.child_id == child.public_id
    ).requests
    assert (request.in_youth_accommodation, request.exported_to) == (False, "")


def test_an_other_arrangement_and_a_plan_naming_only_a_type_carry_sen_setting_other(area):
    elsewhere = ChildFactory(setting=None, sen2_setting="OTH", sen2_setting_other="Hospital tuition")
    EHCPlan.objects.create(child=elsewhere, first_issued_on=date(2023, 3, 1))
    typed = ChildFactory(setting=None, sen2_setting="NIEO", sen2_setting_other="Awaiting a placement")
    _issue_with(typed, I={"setting_type": "special"})
    root = etree.fromstring(sen2_files.to_xml(sen2.collect(CENSUS_2027, "999")))
    placement = _person(root, elsewhere).find("Requests/ActivePlans/PlacementDetail")
    assert (placement.findtext("SENSetting"), placement.findtext("SENSettingOther")) == (
        "OTH",
        "Hospital tuition",
    )
    detail = _person(root, typed).find("Requests/Assessment/NamedPlan/PlanDetail")
    assert detail.findtext("SENSetting") == "OTH"
    assert detail.findtext("SENSettingOther")  # the type of setting the plan names


def test_the_child_form_asks_what_an_other_arrangement_is(area, login):
    from people.tests.test_child_pages import edit_form

    child = area.own_child
    data = edit_form(child, setting="", sen2_setting="OTH", upn_unknown_reason="")
    response = login("caseworker").post(reverse("people:child_edit", args=[child.public_id]), data)
    assert "Describe the arrangement: SEN2 asks what it is" in response.content.decode()
    child.refresh_from_db()
    assert child.sen2_setting == ""
