"""The SEN2 return as files: the DfE XML message, and a flat CSV of the same content.

The XML follows the person-level message (STATUTORY_RULES.md; DfE SEN2 technical specification):
Message > Header (CollectionDetails, Source) > Persons > Person > Requests > Assessment > NamedPlan
(> PlanDetail), and Requests > ActivePlans (> PlacementDetail, SENneed), each with the items of the
2026 guide's list in the DfE template's order (ITEMS). Optional items with no value are left out
rather than sent empty; flags are 1 or 0; dates are YYYY-MM-DD.
"""

import csv
import io
from datetime import date

from django.utils import timezone
from lxml import etree

from core.exports import safe_cell
from performance.returns.sen2 import Placement, Sen2Return

SOFTWARE_CODE = "OpenSEND"
# Every item of each record, in order (the DfE 2026 item list; tests check each is written).
ITEMS = {
    "Person": ["Surname", "Forename", "PersonBirthDate", "Sex", "Ethnicity", "PostCode", "UPN",
               "UniqueLearnerNumber", "UPNunknown"],
    "Requests": ["ReceivedDate", "RequestSource", "RYA", "RequestOutcomeDate", "RequestOutcome",
                 "RequestMediation", "RequestTribunal", "Exported"],
    "Assessment": ["AssessmentOutcome", "AssessmentOutcomeDate", "AssessmentMediation",
                   "AssessmentTribunal", "OtherMediation", "OtherTribunal", "Week20"],
    "NamedPlan": ["StartDate", "PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate", "CeaseReason"],
    "PlanDetail": ["URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank", "SENunitIndicator",
                   "ResourcedProvisionIndicator"],
    "ActivePlans": ["TransferLA", "ReviewMeeting", "ReviewOutcome", "ReviewDraft", "PhaseTransferDueDate",
                    "PhaseTransferFinalDate", "LastReview"],
    "PlacementDetail": ["URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank", "EntryDate",
                        "LeavingDate", "SENunitIndicator", "ResourcedProvisionIndicator", "RES", "WBP"],
    "SENneed": ["SENtype", "SENtypeRank"],
}  # fmt: skip
RELEASE = "1.0"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _add(parent, tag, value=None, *, required=False):
    """A child element holding `value`; an empty optional one is left out."""
    text = _text(value)
    if not text and not required:
        return None
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


def to_xml(sen2: Sen2Return, *, serial_no: int = 1) -> bytes:
    message = etree.Element("Message")
    header = etree.SubElement(message, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "SEN2")
    _add(details, "Year", sen2.year)
    _add(details, "ReferenceDate", sen2.census_date)
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", sen2.la_code)
    _add(source, "SoftwareCode", SOFTWARE_CODE)
    _add(source, "Release", RELEASE)
    _add(source, "SerialNo", serial_no)
    _add(source, "DateTime", timezone.localtime().replace(microsecond=0, tzinfo=None).isoformat())
    persons = etree.SubElement(message, "Persons")
    for person in sen2.persons:
        element = etree.SubElement(persons, "Person")
        _add(element, "Surname", person.surname, required=True)
        _add(element, "Forename", person.forename, required=True)
        _add(element, "PersonBirthDate", person.birth_date, required=True)
        _add(element, "Sex", person.sex, required=True)
        _add(element, "Ethnicity", person.ethnicity, required=True)
        _add(element, "PostCode", person.postcode)
        _add(element, "UPN", person.upn)
        _add(element, "UniqueLearnerNumber", person.uln)
        _add(element, "UPNunknown", person.upn_unknown)
        for request in person.requests:
            _request(element, request)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _request(parent, request):
    element = etree.SubElement(parent, "Requests")
    _add(element, "ReceivedDate", request.received_date)
    _add(element, "RequestSource", request.source)
    if request.outcome != "H":
        _add(element, "RYA", request.in_youth_accommodation)
    _add(element, "RequestOutcomeDate", request.outcome_date)
    _add(element, "RequestOutcome", request.outcome, required=True)
    if request.outcome not in ("W", "H"):
        _add(element, "RequestMediation", request.mediation)
        _add(element, "RequestTribunal", request.tribunal)
    _add(element, "Exported", request.exported_to)
    if request.assessment is not None:
        _assessment(element, request.assessment, historical=request.outcome == "H")
    if request.active_plan is not None:
        _active_plan(element, request.active_plan)


def _assessment(parent, assessment, *, historical):
    element = etree.SubElement(parent, "Assessment")
    _add(element, "AssessmentOutcome", assessment.outcome, required=True)
    _add(element, "AssessmentOutcomeDate", assessment.outcome_date)
    if not historical:
        _add(element, "AssessmentMediation", assessment.mediation)
        _add(element, "AssessmentTribunal", assessment.tribunal)
        _add(element, "OtherMediation", assessment.other_mediation)
        _add(element, "OtherTribunal", assessment.other_tribunal)
        _add(element, "Week20", assessment.week20)
    plan = assessment.named_plan
    if plan is None:
        return
    named = etree.SubElement(element, "NamedPlan")
    _add(named, "StartDate", plan.start_date, required=True)
    _add(named, "PlanRes", plan.residential)
    _add(named, "PlanWBP", plan.work_based)
    _add(named, "PB", plan.personal_budget)
    _add(named, "OA", plan.organised_arrangements)
    _add(named, "DP", plan.direct_payments)
    _add(named, "CeaseDate", plan.cease_date)
    _add(named, "CeaseReason", plan.cease_reason)
    if plan.named_setting is not None:
        detail = etree.SubElement(named, "PlanDetail")
        _placement_fields(detail, plan.named_setting, dates=False)


def _active_plan(parent, active):
    element = etree.SubElement(parent, "ActivePlans")
    _add(element, "TransferLA", active.transfer_la)
    for placement in active.placements:
        _placement_fields(etree.SubElement(element, "PlacementDetail"), placement, dates=True)
    for need in active.needs:
        sen_need = etree.SubElement(element, "SENneed")
        _add(sen_need, "SENtype", need.sen_type, required=True)
        _add(sen_need, "SENtypeRank", need.rank, required=True)
    _add(element, "ReviewMeeting", active.review_meeting)
    _add(element, "ReviewOutcome", active.review_outcome)
    _add(element, "ReviewDraft", active.review_draft)
    _add(element, "PhaseTransferDueDate", active.phase_transfer_due)
    _add(element, "PhaseTransferFinalDate", active.phase_transfer_final)
    _add(element, "LastReview", active.last_review)


def _placement_fields(element, placement: Placement, *, dates: bool):
    _add(element, "URN", placement.urn)
    _add(element, "UKPRN", placement.ukprn)
    _add(element, "SENSetting", placement.setting_code)
    _add(element, "SENSettingOther", placement.setting_other)
    _add(element, "PlacementRank", placement.rank, required=True)
    if dates:
        _add(element, "EntryDate", placement.entry_date)
        _add(element, "LeavingDate", placement.leaving_date)
    _add(element, "SENunitIndicator", placement.sen_unit)
    _add(element, "ResourcedProvisionIndicator", placement.resourced_provision)
    if dates:  # placements on the census day only (PlacementDetail)
        _add(element, "RES", placement.residential)
        _add(element, "WBP", placement.work_based)


# -- the flat CSV: one row per request, with its person, assessment, plan and placements ----------

CSV_HEADERS = [
    "Surname", "Forename", "PersonBirthDate", "Sex", "Ethnicity", "PostCode", "UPN",
    "UniqueLearnerNumber", "UPNunknown",
    "ReceivedDate", "RequestSource", "RYA", "RequestOutcomeDate", "RequestOutcome",
    "RequestMediation", "RequestTribunal", "Exported",
    "AssessmentOutcome", "AssessmentOutcomeDate", "AssessmentMediation", "AssessmentTribunal",
    "OtherMediation", "OtherTribunal", "Week20",
    "StartDate", "PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate", "CeaseReason",
    "TransferLA", "URN", "UKPRN", "SENSetting", "SENSettingOther", "EntryDate", "SENunitIndicator",
    "ResourcedProvisionIndicator", "RES", "WBP",
    "SubsidiaryURN", "SENtype1", "SENtype2", "ReviewMeeting", "ReviewOutcome", "ReviewDraft",
    "PhaseTransferDueDate", "PhaseTransferFinalDate", "LastReview",
]  # fmt: skip


def csv_rows(sen2: Sen2Return):
    for person in sen2.persons:
        person_part = [
            person.surname, person.forename, person.birth_date, person.sex, person.ethnicity,
            person.postcode, person.upn, person.uln, person.upn_unknown,
        ]  # fmt: skip
        for request in person.requests:
            yield [_text(v) for v in person_part + _request_part(request)]


def _request_part(request) -> list:
    historical = request.outcome == "H"
    row = [request.received_date, request.source, "" if historical else request.in_youth_accommodation]
    row += [request.outcome_date, request.outcome]
    # As in the XML: no mediation or tribunal items for a withdrawn or historical request.
    row += [request.mediation, request.tribunal] if request.outcome not in ("W", "H") else ["", ""]
    row += [request.exported_to]
    assessment = request.assessment
    if assessment and not historical:
        row += [assessment.outcome, assessment.outcome_date, assessment.mediation, assessment.tribunal]
        row += [assessment.other_mediation, assessment.other_tribunal, assessment.week20]
    elif assessment:
        row += [assessment.outcome, assessment.outcome_date, "", "", "", "", assessment.week20]
    else:
        row += [""] * 7
    plan = assessment.named_plan if assessment else None
    if plan:
        row += [plan.start_date, plan.residential, plan.work_based, plan.personal_budget]
        row += [plan.organised_arrangements, plan.direct_payments, plan.cease_date, plan.cease_reason]
    else:
        row += [""] * 8
    active = request.active_plan
    if active is None:
        return row + [""] * 19
    placed = bool(active.placements)
    main = active.placements[0] if placed else Placement()
    second = active.placements[1] if len(active.placements) > 1 else Placement()
    needs = {need.rank: need.sen_type for need in active.needs}
    flags = [main.sen_unit, main.resourced_provision, main.residential, main.work_based]
    return row + [
        active.transfer_la, main.urn, main.ukprn, main.setting_code, main.setting_other, main.entry_date,
        *(flags if placed else [""] * 4), second.urn, needs.get(1, ""),
        needs.get(2, ""), active.review_meeting, active.review_outcome, active.review_draft,
        active.phase_transfer_due, active.phase_transfer_final, active.last_review,
    ]  # fmt: skip


def to_csv(sen2: Sen2Return) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADERS)
    # Names come from people's records: a cell like =HYPERLINK(...) is written as text, as in
    # every other export (core.exports).
    writer.writerows([safe_cell(value) for value in row] for row in csv_rows(sen2))
    return buffer.getvalue()
