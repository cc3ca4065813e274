"""The cease decision letter (an accessible PDF with appeal and mediation rights and the last day to
appeal), and plans moving between areas with their deadlines (reg 15)."""

import io
from datetime import date

import pypdf
import pytest
from django.urls import reverse

from plans.models import EHCPlan
from reviews import transfers
from reviews.events import OutOfOrder
from reviews.models import AnnualReview, Direction, Stage
from reviews.tests.factories import at, decided, review_at, review_for

pytestmark = pytest.mark.django_db


def read_pdf(data: bytes):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_cease_letter_states_the_reason_rights_and_last_day_to_appeal(area):
    review = decided(
        review_at(area.own_child, "reported"),
        "cease",
        on=date(2027, 7, 5),
        reasons="Amira's needs are now met through the school's SEN support.",
        cease_reason="2",
    )
    document = review.documents.get()
    assert document.title == "Decision letter: stop maintaining the plan (5 July 2027)"
    assert "Amira" not in document.file.name
    reader, text = read_pdf(document.file.read())
    assert "Dear Sara Hussain" in text
    assert "Amira Hussain" in text and review.reference in text
    assert "on 5 July 2027 we decided to stop maintaining the plan" in text
    assert "The reason recorded is: needs being met without an EHC plan." in text
    assert "Amira's needs are now met through the school's SEN support." in text
    assert "SEND Tribunal" in text and "mediation certificate" in text
    assert "The last day to appeal is 5 September 2027" in text
    assert "The plan stays in place until the time to appeal has passed" in text
    assert reader.metadata.title == "We will stop maintaining the EHC plan"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_family_can_download_the_letter_and_another_family_cannot(area, login):
    review = decided(review_at(area.own_child, "reported"), "cease", cease_reason="2")
    url = reverse("reviews:document_download", args=[review.public_id, review.documents.get().public_id])
    with at(date(2027, 7, 6)):
        response = login("parent").get(url)
        assert login("young_person").get(url).status_code == 404
        views_page = login("parent").page(reverse("reviews:family_views", args=[review.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "The last day to appeal is 5 September 2027" in views_page.get_text(" ", strip=True)


def test_a_plan_moving_out_is_sent_within_15_working_days_and_then_ends_here(area):
    review = review_for(area.own_child)
    with at(date(2027, 4, 1)):
        transfer = transfers.open_transfer(
            None,
            direction=Direction.OUT,
            child=area.own_child,
            plan=review.plan,
            other_area="Kirkholme",
            started_on=date(2027, 3, 24),
        )
    # 15 working days beginning with Wednesday 24 March 2027 (day 1), past the Easter bank
    # holidays (26 and 29 March): reg 15(2).
    assert transfer.due_on == date(2027, 4, 15)
    with at(date(2027, 4, 20)):
        transfers.complete(None, transfer, date(2027, 4, 20))
    plan = EHCPlan.objects.get(pk=review.plan_id)
    review.refresh_from_db()
    assert (plan.ceased_on, plan.cease_reason) == (date(2027, 4, 20), "5")
    assert (review.stage, review.closed_on) == (Stage.CLOSED, date(2027, 4, 20))
    with at(date(2027, 4, 20)), pytest.raises(OutOfOrder, match="already been completed"):
        transfers.complete(None, transfer, date(2027, 4, 20))


def test_a_move_learnt_of_in_good_time_is_due_on_the_day_of_the_move(area, login):
    review = review_for(area.own_child)
    with at(date(2027, 4, 1)):
        transfer = transfers.open_transfer(
            None,
            direction=Direction.OUT,
            child=area.own_child,
            plan=review.plan,
            other_area="Kirkholme",
            started_on=date(2027, 3, 24),
            moved_on=date(2027, 5, 28),
        )
        soup = login("caseworker").page(reverse("reviews:transfer_detail", args=[transfer.public_id]))
    assert transfer.due_on == date(2027, 5, 28)  # reg 15(2)(a): on the day of the move
    assert "regulation 15(2)" in soup.select_one("#due").get_text()


def test_a_plan_moving_in_is_reviewed_by_the_later_of_12_and_3_months(area, login):
    review = review_for(area.own_child)
    plan = review.plan
    with at(date(2027, 3, 1)):
        transfer = transfers.open_transfer(
            None,
            direction=Direction.IN,
            child=area.own_child,
            plan=plan,
            other_area="Lowmoor",
            started_on=date(2027, 3, 1),
        )
        soup = login("caseworker").page(reverse("reviews:transfer_detail", args=[transfer.public_id]))
    expected = max(
        transfers.transferred_plan_review_due(plan.first_issued_on, date(2027, 3, 1)), date(2027, 5, 31)
    )
    assert transfers.review_due(transfer) == expected
    text = " ".join(soup.select_one("#review-due").get_text().split())
    assert f"by {expected:%-d %B %Y}" in text and "regulation 15(5)" in text


def test_a_plan_moving_in_gets_a_reassessment_decision_within_6_weeks(area, login):
    with at(date(2027, 3, 1)):
        transfer = transfers.open_transfer(
            None,
            direction=Direction.IN,
            child=area.other_child,
            plan=None,
            other_area="Lowmoor",
            started_on=date(2027, 3, 1),
        )
    assert transfer.due_on == date(2027, 4, 12)
    with at(date(2027, 4, 13)):
        soup = login("caseworker").page(reverse("reviews:transfer_list") + "?direction=in")
        assert "Overdue" in soup.select_one("#transfers").get_text()
        bad = login("caseworker").page(reverse("reviews:transfer_list") + "?direction=sideways")
        summary = bad.select_one(".govuk-error-summary")
        assert summary and not summary.select("a") and not bad.select_one("#transfers")  # no field to link to
        with pytest.raises(OutOfOrder, match="Choose whether we will reassess"):
            transfers.complete(None, transfer, date(2027, 4, 13))
        transfers.complete(None, transfer, date(2027, 4, 13), decision="keep")
    transfer.refresh_from_db()
    assert (transfer.done_on, transfer.decision) == (date(2027, 4, 13), "keep")


def test_a_plan_ceased_on_the_plans_pages_closes_its_open_review(area):
    from plans import services as plan_services

    review = review_for(area.own_child)
    with at(date(2027, 1, 10)):
        plan_services.cease(None, review.plan, date(2027, 1, 10), "7")
    review.refresh_from_db()
    assert (review.stage, review.next_deadline, review.is_overdue) == (Stage.CLOSED, None, False)
    assert AnnualReview.objects.filter(plan=review.plan).count() == 1


def test_a_move_is_recorded_from_the_childs_upn_once_however_often_it_is_sent(area, login):
    review_for(area.own_child)
    url = reverse("reviews:transfer_create")
    with at(date(2027, 3, 24)):
        client = login("caseworker")
        soup = client.page(url)
        data = {
            "form_token": soup.find("input", attrs={"name": "form_token"})["value"],
            "direction": "out",
            "upn": area.own_child.upn.lower(),
            "other_area": "Kirkholme",
            "started_on_day": "24",
            "started_on_month": "3",
            "started_on_year": "2027",
        }
        first = client.post(url, data)
        again = client.post(url, data)
        page = client.page(first["Location"])
        unknown = client.post(url, data | {"form_token": "", "upn": "A999999999999"})
    assert first["Location"] == again["Location"]
    transfer = area.own_child.plan_transfers.get()
    assert (transfer.plan.child, transfer.due_on) == (area.own_child, date(2027, 4, 15))
    assert "by 15 April 2027" in page.select_one("#due").get_text()
    assert "No child has this UPN" in unknown.content.decode()
