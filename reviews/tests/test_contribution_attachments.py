"""Files attached to what the school and the family send for the review meeting, checked like every
upload (core.uploads): accepted ones open for the caseworker and the family; a refused one says why
and keeps what was typed. Typed paperwork survives a session that ends (core.typed_work)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import ProfessionalType, Role
from people.models import SchoolMembership
from people.tests.factories import UserFactory
from reviews.models import Contribution, ContributionKind, ReviewDocument
from reviews.tests.factories import at, review_for, scheduled

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
VIEWS = "I like reading with Mrs Khan. Lunchtimes are noisy."
ON = date(2027, 6, 1)


@pytest.fixture
def review(area):
    return scheduled(review_for(area.own_child, area.users["caseworker"]))


def _paperwork(client, review, attachment):
    url = reverse("reviews:paperwork", args=[review.public_id])
    token = client.page(url).find("input", {"name": "form_token"})["value"]
    data = {
        "form_token": token,
        "views": VIEWS,
        "progress_1": "Most days, with a prompt",
        "proposed_changes": "",
    }
    return client.post(url, {**data, "attachment": attachment})


def test_the_senco_attaches_a_report_and_the_caseworker_and_family_open_it(area, login, review):
    with at(ON):
        sent = _paperwork(login("senco"), review, SimpleUploadedFile("Amira SALT report.pdf", PDF))
        assert sent.status_code == 302
        document = ReviewDocument.objects.get(contribution__kind=ContributionKind.SCHOOL)
        assert document.title == "Amira SALT report.pdf" and "Amira" not in document.file.name
        url = reverse("reviews:document_download", args=[review.public_id, document.public_id])
        # The SENCo sees what they sent, and can open the file again.
        senco = login("senco")
        assert senco.page(reverse("reviews:paperwork", args=[review.public_id])).find("a", href=url)
        again = senco.get(url)
        assert again.status_code == 200 and b"".join(again.streaming_content) == PDF
        staff = login("caseworker").page(reverse("reviews:review_detail", args=[review.public_id]))
        assert staff.find("a", href=url)
        download = login("parent").get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].endswith('filename="Amira SALT report.pdf"')


def test_the_senco_opens_only_what_the_school_sent(area, login, review):
    with at(ON):
        _paperwork(login("senco"), review, SimpleUploadedFile("report.pdf", PDF))
        parent = login("parent")
        url = reverse("portal:review", args=[review.public_id])
        token = parent.page(url).find("input", {"name": "form_token"})["value"]
        family_views = {"form_token": token, "views": "Fine", "attachment": SimpleUploadedFile("d.pdf", PDF)}
        parent.post(url, family_views)
    family_file = ReviewDocument.objects.get(contribution__kind=ContributionKind.FAMILY)
    senco = login("senco")
    family_url = reverse("reviews:document_download", args=[review.public_id, family_file.public_id])
    assert senco.get(family_url).status_code == 404
    # Another school's SENCo opens nothing of this pupil's.
    other = UserFactory(role=Role.PROFESSIONAL, professional_type=ProfessionalType.SENCO)
    SchoolMembership.objects.create(setting=area.other_school, user=other)
    school_file = ReviewDocument.objects.get(contribution__kind=ContributionKind.SCHOOL)
    url = reverse("reviews:document_download", args=[review.public_id, school_file.public_id])
    assert senco.get(url).status_code == 200
    browser = Client()
    browser.force_login(other)
    _second_factor(browser, other)
    assert browser.get(url).status_code == 404


def test_a_refused_file_says_why_and_keeps_the_paperwork_typed(area, login, review):
    with at(ON):
        page = _paperwork(
            login("senco"), review, SimpleUploadedFile("notes.exe", b"MZ\x90\x00not a document")
        )
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html and "notes.exe must be a PDF, Word (DOCX), PNG or JPEG file" in html
    assert "Lunchtimes are noisy." in html and "Most days, with a prompt" in html
    assert not Contribution.objects.exists() and not ReviewDocument.objects.exists()


def test_the_family_attaches_a_file_to_their_views(area, login, review):
    url = reverse("portal:review", args=[review.public_id])
    with at(ON):
        parent = login("parent")
        token = parent.page(url).find("input", {"name": "form_token"})["value"]
        refused = parent.post(
            url,
            {
                "form_token": token,
                "views": "Reading is going well",
                "attachment": SimpleUploadedFile("a.txt", b"hello"),
            },
        )
        assert refused.status_code == 200 and "a.txt must be a PDF" in refused.content.decode()
        assert "Reading is going well" in refused.content.decode()
        sent = parent.post(
            url,
            {
                "form_token": token,
                "views": "Reading is going well",
                "attachment": SimpleUploadedFile("diary.pdf", PDF),
            },
        )
        assert sent.status_code == 302
        document = ReviewDocument.objects.get(contribution__kind=ContributionKind.FAMILY)
        page = parent.page(url)
    link = reverse("reviews:document_download", args=[review.public_id, document.public_id])
    assert page.find(id="views-heading").find_next("dl").find("a", href=link)


def _second_factor(browser, user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    session = browser.session
    session["otp_device_id"] = TOTPDevice.objects.create(user=user, name="t", confirmed=True).persistent_id
    session.save()


def test_paperwork_typed_when_the_session_ended_comes_back_after_sign_in(area, review):
    url = reverse("reviews:paperwork", args=[review.public_id])
    browser = Client()  # the session has ended
    with at(ON):
        sent = browser.post(url, {"views": VIEWS, "progress_1": "Most days", "form_token": "old"})
        assert sent.status_code == 302 and sent["Location"].startswith(reverse("accounts:login"))
        browser.force_login(area.users["senco"])
        _second_factor(browser, area.users["senco"])
        page = browser.get(url)
    assert "Lunchtimes are noisy." in page.content.decode()
    assert "we kept what you typed" in page.content.decode()
    assert not Contribution.objects.exists()
