"""A school SENCo asks for an assessment for a pupil on roll, through the same question pages."""

import pytest
from django.urls import reverse

from casework.access import cases_visible_to
from casework.models import AssessmentCase, RequestSource
from notifications.links import family_path
from notifications.models import MessageType, Notification
from people.tests.factories import ChildFactory
from portal import request_wizard as wizard
from portal.models import AssessmentRequestDraft
from portal.tests.url_matrix_requests import answered_draft, as_request

pytestmark = pytest.mark.django_db


def _step(draft, key):
    return reverse("portal:request_step", args=[draft.public_id, key])


def test_a_senco_chooses_only_from_pupils_on_roll(area, login):
    client = login("senco")
    page = client.page(reverse("portal:request_start"))
    assert "Talk to the pupil's family first" in page.get_text()
    client.post(reverse("portal:request_start"))
    draft = AssessmentRequestDraft.objects.get()
    assert draft.route == wizard.SCHOOL
    page = client.page(_step(draft, "child"))
    assert page.h1.get_text(strip=True) == "Which pupil is the request for?"
    options = page.select_one(".govuk-radios").get_text()
    assert "Amira Hussain" in options and "Jacob Walsh" not in options and "not listed" not in options
    response = client.post(_step(draft, "child"), {"child": str(area.other_child.public_id)})
    assert response.status_code == 200 and AssessmentRequestDraft.objects.get().child is None
    response = client.post(_step(draft, "child"), {"child": str(area.own_child.public_id)})
    assert response.url == _step(draft, "needs")
    page = client.page(_step(draft, "support"))
    assert (
        page.h1.get_text(strip=True)
        == "What SEN support has the school given, and what difference has it made?"
    )
    # A school is not asked the family's contact preference, nor about a child not on roll.
    response = client.post(_step(draft, "why-now"), {"answer": "Needs more than the school can give."})
    assert response.url == _step(draft, "consent")
    assert client.get(_step(draft, "contact")).status_code == 404
    assert client.get(_step(draft, "child-details")).status_code == 404


def test_a_long_roll_is_a_drop_down(area, login):
    for n in range(11):
        ChildFactory(setting=area.school, legal_first_name=f"Pupil{n}")
    client = login("senco")
    client.post(reverse("portal:request_start"))
    draft = AssessmentRequestDraft.objects.get()
    page = client.page(_step(draft, "child"))
    select = page.find("select", attrs={"name": "child"})
    assert select is not None and page.find("label", attrs={"for": select["id"]}).get_text(strip=True) == (
        "Which pupil is the request for?"
    )
    assert len(select.find_all("option")) == 13  # "Choose a pupil" and the 12 pupils


def test_a_senco_request_is_from_the_education_setting_and_reaches_the_area(
    area, login, django_capture_on_commit_callbacks
):
    senco = area.users["senco"]
    draft = answered_draft(senco, area.own_child)
    client = login("senco")
    check = client.page(reverse("portal:request_check", args=[draft.public_id]))
    keys = [k.get_text(strip=True) for k in check.select(".govuk-summary-list__key")]
    assert "How we contact you" not in keys
    token = check.find("input", attrs={"name": "form_token"})["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:request_check", args=[draft.public_id]),
            {"form_token": token, "declaration": "on"},
        )
    assert response.url == reverse("portal:request_sent", args=[draft.public_id])
    case = AssessmentCase.objects.get()
    assert case.source == RequestSource.SETTING
    assert case.requester_name == f"{senco}, SENCo at Alder Lane Primary School"
    assert "SEN support the school has given:" in case.reasons
    assert cases_visible_to(area.users["caseworker"]).filter(pk=case.pk).exists()
    assert login("caseworker").get(reverse("casework:case_detail", args=[case.public_id])).status_code == 200
    page = client.page(response.url)
    assert "We will tell the pupil's family what we decide." in page.get_text()
    # The school finds its reference again on the start page (it cannot open the case itself).
    start = client.page(reverse("portal:request_start"))
    sent_link = start.find("a", href=response.url)
    assert sent_link.get_text(strip=True) == case.reference
    assert "Your saved request" not in start.get_text()
    # The family hears through their case; the SENCo gets their own acknowledgement.
    family = Notification.objects.get(case=case, parent_carer__user=area.users["parent"])
    assert family.message_type == MessageType.REQUEST_RECEIVED and family.link == family_path(case)
    school = Notification.objects.get(case=case, user=senco)
    assert school.link == reverse("portal:request_sent", args=[draft.public_id])


def test_other_professionals_cannot_ask(area, login):
    for persona in ("ep", "health", "caseworker"):
        assert login(persona).post(reverse("portal:request_start")).status_code == 403
    assert AssessmentRequestDraft.objects.count() == 0


def test_a_senco_who_leaves_the_school_loses_the_pupil(area):
    senco = area.users["senco"]
    senco.school_memberships.update(is_active=False)
    assert not wizard.choosable_children(senco).filter(pk=area.own_child.pk).exists()
    with pytest.raises(wizard.NotReady, match="no longer ask for this child"):
        wizard.send(as_request(senco), answered_draft(senco, area.own_child))
    # A school asks only for pupils on roll: there is no "a child not listed" to send.
    draft = answered_draft(senco, None)
    assert [step.key for step in wizard.unanswered(draft)] == ["child"]
    with pytest.raises(wizard.NotReady):
        wizard.send(as_request(senco), draft)
    assert not AssessmentCase.objects.exists()


def test_a_senco_removed_from_the_school_loses_their_saved_request(area, login):
    senco = area.users["senco"]
    client = login("senco")
    draft = answered_draft(senco, area.own_child)
    assert wizard.saved_drafts(senco) == [draft]
    assert client.get(_step(draft, "needs")).status_code == 200
    senco.school_memberships.update(is_active=False)
    assert wizard.saved_drafts(senco) == []
    assert client.get(_step(draft, "needs")).status_code in (403, 404)
    assert area.own_child.legal_first_name not in client.get(reverse("portal:request_start")).content.decode()
