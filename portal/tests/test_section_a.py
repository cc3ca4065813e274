"""Section A in the family's words and the child's own: saved as drafts, sent to the caseworker,
every version kept; the caseworker reads them on the plan's Section A page and copies them in."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.tests.factories import draft_plan
from portal.models import SectionAStatus, SectionAWords, Voice

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _url(child, voice="family"):
    return reverse("portal:section_a", args=[child.public_id]) + f"?voice={voice}"


def _form(page, **values):
    data = {field["name"]: field.get("value", "") for field in page.select("form input[type=hidden]")}
    return {**data, **values}


def test_a_parent_saves_a_draft_then_sends_it(area, login, django_capture_on_commit_callbacks):
    client = login("parent")
    page = client.page(_url(area.own_child))
    labels = [label.get_text(strip=True) for label in page.select("label")]
    assert "What people like and admire about your child (optional)" in labels
    assert "How best to support your child (optional)" in labels
    response = client.post(_url(area.own_child), _form(page, save="1", interests="Drawing trains"))
    assert response.status_code == 302
    draft = SectionAWords.objects.get()
    assert (draft.status, draft.number, draft.written_by) == ("draft", 1, area.users["parent"])
    assert not mail.outbox  # a draft is the family's own

    page = client.page(_url(area.own_child))
    assert page.find("textarea", attrs={"name": "interests"}).get_text(strip=True) == "Drawing trains"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url(area.own_child), _form(page, send="1", interests="Drawing trains", support="Quiet space")
        )
    sent = SectionAWords.objects.get(number=2)
    assert sent.status == SectionAStatus.SUBMITTED and sent.support == "Quiet space"
    # Both versions are kept, and the history says who saved which, and when.
    assert SectionAWords.objects.filter(child=area.own_child).count() == 2
    history = client.page(_url(area.own_child)).find(id="history").get_text(" ", strip=True)
    assert "Sent to the caseworker" in history and "Saved, not sent" in history


def test_sending_an_empty_form_says_what_is_missing(area, login):
    client = login("parent")
    page = client.page(_url(area.own_child))
    response = client.post(_url(area.own_child), _form(page, send="1"))
    assert "Answer at least one question before you send it" in response.content.decode()
    assert not SectionAWords.objects.exists()


def test_a_stale_page_does_not_overwrite_a_newer_save(area, login):
    client = login("parent")
    old_page = client.page(_url(area.own_child))
    client.post(_url(area.own_child), _form(old_page, save="1", views="First words"))
    fresh = _form(old_page, save="1", views="Overwrite?")
    fresh["form_token"] = "9b2f3d4e-0000-4000-8000-000000000001"
    response = client.post(_url(area.own_child), fresh)
    assert "Someone else saved a change" in response.content.decode()
    assert list(SectionAWords.objects.values_list("views", flat=True)) == ["First words"]


def test_a_double_submit_saves_once(area, login):
    client = login("parent")
    data = _form(client.page(_url(area.own_child)), send="1", views="Once only")
    client.post(_url(area.own_child), data)
    client.post(_url(area.own_child), data)
    assert SectionAWords.objects.count() == 1


def test_the_child_writes_all_about_me_with_a_picture(area, login):
    client = login("parent")
    page = client.page(_url(area.own_child, "child"))
    assert page.h1.get_text(strip=True) == "All about me"
    assert "What do you like doing? (optional)" in [
        label.get_text(strip=True) for label in page.select("label")
    ]
    picture = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    data = _form(page, send="1", interests="Lego", aspirations="Be a vet", picture=picture)
    assert client.post(_url(area.own_child, "child"), data).status_code == 302
    words = SectionAWords.objects.get(voice=Voice.CHILD)
    assert words.picture_type == "image/png" and "me.png" not in words.picture.name
    page = client.page(_url(area.own_child, "child"))
    image = page.find(id="picture").find("img")
    assert client.get(image["src"]).status_code == 200


def test_a_picture_that_is_not_an_image_or_document_is_refused(area, login):
    client = login("parent")
    page = client.page(_url(area.own_child, "child"))
    upload = SimpleUploadedFile("me.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = client.post(
        _url(area.own_child, "child"), _form(page, send="1", interests="Lego", picture=upload)
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not SectionAWords.objects.exists()


def test_another_family_cannot_open_or_write_it(area, login):
    client = login("parent")
    assert client.get(_url(area.other_child)).status_code == 404
    assert client.post(_url(area.other_child), {"send": "1", "views": "x", "number": "0"}).status_code == 404
    assert login("caseworker").get(_url(area.own_child)).status_code == 404
    assert not SectionAWords.objects.exists()


def test_the_caseworker_sees_the_words_and_copies_them_into_section_a(area, login):
    family = login("parent")
    page = family.page(_url(area.own_child))
    family.post(_url(area.own_child), _form(page, send="1", views="She is kind", aspirations="College"))
    page = family.page(_url(area.own_child, "child"))
    family.post(_url(area.own_child, "child"), _form(page, send="1", interests="Lego", important="My cat"))
    # A draft the family is still writing stays theirs.
    page = family.page(_url(area.own_child))
    family.post(_url(area.own_child), _form(page, save="1", views="Not ready yet"))

    version = draft_plan(area.own_child)
    edit = reverse("plans:edit_section", args=[version.plan.public_id, version.number, "A"])
    staff = login("caseworker")
    shown = staff.page(edit).find(id="family-words").get_text(" ", strip=True)
    assert "She is kind" in shown and "My cat" in shown and "Not ready yet" not in shown
    child_words = SectionAWords.objects.get(voice=Voice.CHILD)
    copied = staff.page(f"{edit}?copy={child_words.public_id}")
    assert copied.find(id="copied")
    assert copied.find("textarea", attrs={"name": "child_interests"}).get_text(strip=True) == "Lego"
    assert (
        "What is important to me: My cat" in copied.find("textarea", attrs={"name": "child_views"}).get_text()
    )
    family_words = SectionAWords.objects.get(voice=Voice.FAMILY, status="submitted")
    copied = staff.page(f"{edit}?copy={family_words.public_id}")
    assert copied.find("textarea", attrs={"name": "parent_aspirations"}).get_text(strip=True) == "College"


def test_a_picture_in_a_draft_stays_the_familys_own(area, login):
    client = login("parent")
    page = client.page(_url(area.own_child, "child"))
    picture = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    client.post(_url(area.own_child, "child"), _form(page, save="1", interests="Lego", picture=picture))
    url = reverse("portal:section_a_picture", args=[SectionAWords.objects.get().public_id])
    assert client.get(url).status_code == 200
    assert login("caseworker").get(url).status_code == 404
    assert login("senco").get(url).status_code == 404
