"""The Local Offer's editor actions done by services, audited: feedback marked as dealt with, and
"You said, we did" items added, published and taken off. A second click changes nothing."""

import pytest
from django.test import RequestFactory

from audit.models import Action, AuditEvent
from directory import feedback, you_said_we_did
from directory.choices import FeedbackStatus
from directory.models import Feedback, YouSaidWeDid
from directory.tests.factories import local_offer_for

pytestmark = pytest.mark.django_db


def as_user(user):
    request = RequestFactory().post("/local-offer/manage/")
    request.user = user
    return request


def entries(obj):
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk)).order_by("pk").values_list("action", "summary")
    )


def test_feedback_marked_done_is_audited_once(area):
    item = local_offer_for(area).feedback
    request = as_user(area.users["service_owner"])
    assert feedback.mark_done(request, item)
    assert not feedback.mark_done(request, item)  # a second click
    assert Feedback.objects.get(pk=item.pk).status == FeedbackStatus.DONE
    assert entries(item) == [(Action.UPDATE, "Marked Local Offer feedback as dealt with")]


def test_publishing_and_taking_off_an_item_is_audited_and_a_second_click_changes_nothing(area):
    editor = as_user(area.users["manager"])
    item = you_said_we_did.add(editor, you_said="Too many forms", we_did="One form now", published=False)
    assert you_said_we_did.set_published(editor, item, True)
    assert not you_said_we_did.set_published(editor, item, True)
    stored = YouSaidWeDid.objects.get(pk=item.pk)
    assert stored.published and stored.published_on is not None and stored.created_by == area.users["manager"]
    assert you_said_we_did.set_published(editor, item, False)
    assert YouSaidWeDid.objects.get(pk=item.pk).published_on is None
    assert entries(item) == [
        (Action.CREATE, "Added a \"You said, we did\" item"),
        (Action.UPDATE, "Published a \"You said, we did\" item on the Local Offer"),
        (Action.UPDATE, "Took a \"You said, we did\" item off the Local Offer"),
    ]


def test_the_publish_button_says_what_it_does_so_a_double_click_does_not_undo_it(area, login):
    from django.urls import reverse

    item = local_offer_for(area).item  # published
    editor = login("manager")
    page = editor.page(reverse("directory:you_said_we_did_manage"))
    assert page.select_one(f"form[action$='{item.pk}/publish/'] input[name=publish]")["value"] == "0"
    url = reverse("directory:you_said_we_did_publish", args=[item.pk])
    for _ in range(2):
        assert editor.post(url, {"publish": "0"}).status_code == 302
    assert not YouSaidWeDid.objects.get(pk=item.pk).published
    assert len(entries(item)) == 1
