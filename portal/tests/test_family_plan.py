"""A family sees their child's EHC plan whether or not an assessment case sits behind it: the plan
now (page, PDF, Word), earlier versions, the draft, the advice section K cites (in full, as the
adviser typed it), and the reports, except those withheld. Anyone else is told "not found"."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from casework import advice as advice_service
from casework import services as case_services
from casework.models import AdviceRequest
from casework.tests.factories import case_at
from people.models import Child, ChildRelationship
from people.tests.factories import ChildFactory
from plans import services
from plans.models import AdviceEntry, EHCPlan, PlanVersion
from plans.tests.factories import ISSUED_ON, SERVED_ON, draft_plan, fill, issued_plan
from reviews.tests.factories import at

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def plan_without_case(child, issued_on=ISSUED_ON):
    """A plan made before the area's records (or moved in): no assessment case behind it."""
    plan = EHCPlan.objects.create(child=child)
    version = PlanVersion.objects.create(plan=plan, number=1)
    fill(version, child.setting)
    AdviceEntry.objects.create(
        version=version,
        adviser_type="ep",
        adviser="Dr Rao",
        received_on=date(2026, 5, 1),
        summary="EP advice",
    )
    services.serve_draft(None, version, issued_on.replace(day=1))
    services.issue(None, version, issued_on)
    plan.refresh_from_db()
    return plan


def test_home_and_child_page_show_a_plan_with_no_case(area, login):
    plan = plan_without_case(area.own_child)
    parent = login("parent")
    with at(date(2026, 9, 1)):
        home = parent.page(reverse("portal:home"))
        text = home.get_text(" ", strip=True)
        assert "There is no EHC needs assessment" not in text
        links = {a["href"] for a in home.find_all("a")}
        version = plan.latest_issued.number
        assert reverse("portal:plan_version", args=[plan.public_id, version]) in links
        assert reverse("plans:version_pdf", args=[plan.public_id, version]) in links
        assert reverse("plans:version_docx", args=[plan.public_id, version]) in links
        # The next annual review, from the clock engine: within 12 months of the plan's issue.
        assert "We will review your child's EHC plan with you, by 26 July 2027" in text
        child = parent.page(reverse("portal:child", args=[area.own_child.public_id]))
        core_home = parent.page(reverse("core:home"))
    child_text = child.get_text(" ", strip=True)
    assert "We will review your child's EHC plan with you: by 26 July 2027" in child_text
    for staff_only in ("UPN", "NHS number", "Ethnicity"):
        assert staff_only not in child_text
    core_links = {a["href"] for a in core_home.find_all("a")}
    assert reverse("portal:child", args=[area.own_child.public_id]) in core_links
    assert reverse("people:child_detail", args=[area.own_child.public_id]) not in core_links


def test_the_plan_reads_as_a_page_and_downloads_as_pdf(area, login):
    plan = plan_without_case(area.own_child)
    parent = login("parent")
    page = parent.page(reverse("portal:plan_version", args=[plan.public_id, 1]))
    assert "Section K" in page.get_text()
    assert (
        parent.get(reverse("plans:version_pdf", args=[plan.public_id, 1]))["Content-Type"]
        == "application/pdf"
    )
    assert AuditEvent.objects.filter(summary="Family read version 1 of the EHC plan").count() == 1


def test_section_k_links_to_the_advice_typed_in_full(area, login):
    version = draft_plan(area.own_child)
    case = version.case
    request = (
        AdviceRequest.objects.get(case=case, adviser_type="ep")
        if case.advice_requests.filter(adviser_type="ep").exists()
        else None
    )
    if request is None:
        request = AdviceRequest.objects.create(
            case=case, ref="ep", adviser_type="ep", requested_on=date(2026, 6, 1), due_on=date(2026, 6, 30)
        )
    AdviceRequest.objects.filter(pk=request.pk).update(
        sections={"needs": "Amira finds spoken instructions hard to follow."},
        advice=advice_service.as_text({"needs": "x"}),
        received_on=date(2026, 6, 20),
    )
    entry = AdviceEntry.objects.create(
        version=version,
        adviser_type="ep",
        received_on=date(2026, 6, 20),
        summary="(see the advice in full)",
        advice_request=request,
    )
    fill(version)
    services.serve_draft(None, version, SERVED_ON)
    parent = login("parent")
    with at(date(2026, 7, 8)):
        page = parent.page(reverse("portal:draft_plan", args=[version.plan.public_id]))
        url = reverse("portal:plan_advice", args=[version.plan.public_id, version.number, entry.key])
        assert url in {a["href"] for a in page.find_all("a")}
        advice = parent.page(url)
    assert "Amira finds spoken instructions hard to follow." in advice.find(id="advice-text").get_text()
    # The tables scroll inside a labelled region a keyboard can reach.
    region = page.find("div", attrs={"role": "region"})
    assert region["tabindex"] == "0" and region["aria-label"]


def test_withheld_reports_stay_withheld(area, login):
    plan, _version = issued_plan(area.own_child)
    case = plan.case
    for title, withheld in (("School report.pdf", False), ("Third party.pdf", True)):
        upload = SimpleUploadedFile(title, PDF, content_type="application/pdf")
        case_services.add_document(
            None,
            case,
            title=title,
            upload=upload,
            content_type="application/pdf",
            withheld_from_family=withheld,
        )
    parent = login("parent")
    page = parent.page(reverse("portal:plan", args=[plan.public_id]))
    reports = page.find(id="report-list").get_text()
    assert "School report.pdf" in reports and "Third party.pdf" not in reports
    hidden = case.documents.get(withheld_from_family=True)
    parent.page(reverse("portal:plan_document", args=[plan.public_id, hidden.public_id]), status=404)


def test_another_childs_plan_is_not_found_and_audited(area, login):
    other = plan_without_case(ChildFactory(setting=area.school))
    parent = login("parent")
    for url in (
        reverse("portal:plan", args=[other.public_id]),
        reverse("portal:plan_version", args=[other.public_id, 1]),
        reverse("portal:child", args=[other.child.public_id]),
    ):
        parent.page(url, status=404)
    assert AuditEvent.objects.filter(summary__startswith="Refused: portal.").count() == 3


def test_a_young_person_reads_about_their_plan_in_the_first_person(area, login):
    child = Child.objects.get(own_account=area.users["young_person"])  # Leo, 20
    plan_without_case(child)
    young = login("young_person")
    with at(date(2026, 9, 1)):
        text = young.page(reverse("portal:home")).get_text(" ", strip=True)
        page = young.page(reverse("portal:child", args=[child.public_id])).get_text(" ", strip=True)
    assert "Your EHC plan" in text and "your child" not in text.lower()
    assert "We will review your EHC plan with you" in page and "your child" not in page.lower()


def test_an_open_case_keeps_its_status_and_the_plan_is_still_shown(area, login):
    case_at(area.own_child, "assessing")
    ChildRelationship.objects.filter(child=area.own_child).exists()
    parent = login("parent")
    home = parent.page(reverse("portal:home"))
    assert "We are finding out about your child's needs" in home.get_text()
