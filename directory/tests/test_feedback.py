"""Feedback from the public pages: it reaches the service's owner, is shown escaped, and is
rate-limited so nobody can flood it."""

import pytest
from django.urls import reverse

from conftest import CheckingClient, check_page
from directory import feedback
from directory.models import Feedback
from directory.tests.factories import make_service, owner

pytestmark = pytest.mark.django_db
USEFUL = reverse("directory:feedback_useful")
PROBLEM = reverse("directory:report_problem")
SCRIPT = "<script>alert('owned')</script> & <b>bold</b>"


@pytest.fixture
def service(area):
    return make_service(name="Saturday Club", owner=area.users["service_owner"])


def page_of(service):
    return reverse("directory:service_detail", args=[service.pk])


def test_every_public_page_asks_if_it_is_useful(client, service):
    for url in (reverse("directory:home"), reverse("directory:search"), page_of(service)):
        soup = check_page(client.get(url))
        form = soup.find("form", action=USEFUL)
        assert form.find("input", attrs={"name": "page"})["value"] == url
        assert soup.find("a", string="Report a problem with this page")


def test_useful_answers_are_recorded_against_the_service(client, service):
    response = client.post(USEFUL, {"page": page_of(service), "useful": "no"})
    assert response.status_code == 302
    assert response["Location"] == page_of(service)
    answer = Feedback.objects.get()
    assert (answer.kind, answer.useful, answer.service) == ("useful", False, service)
    assert "Thank you" in client.get(page_of(service)).content.decode()


def test_a_problem_report_is_stored_as_typed_and_shown_escaped_to_the_owner(client, service, login):
    page = client.get(PROBLEM, {"page": page_of(service)})
    check_page(page)
    response = client.post(PROBLEM, {"page": page_of(service), "text": SCRIPT})
    assert response.status_code == 302
    report = Feedback.objects.get(kind="problem")
    assert report.text == SCRIPT  # plain text, as typed
    assert report.service == service
    shown = login("service_owner").get(reverse("directory:feedback_list"))
    html = shown.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_a_problem_report_needs_words_and_is_cut_to_length(client, service):
    soup = check_page(client.post(PROBLEM, {"page": page_of(service), "text": "   "}))
    assert "Tell us what is wrong" in soup.select_one(".govuk-error-summary").get_text()
    assert feedback.plain_text("x\x00y\x07z" + "a" * 5000) == "xyz" + "a" * (feedback.MAX_TEXT - 3)


def test_feedback_only_ever_points_back_into_the_local_offer(client):
    for page in ("https://evil.example/", "//evil.example", "/accounts/login/", "/local-offer/\r\nX: y"):
        response = client.post(USEFUL, {"page": page, "useful": "yes"})
        assert response["Location"] == "/local-offer/"
    assert set(Feedback.objects.values_list("page", flat=True)) == {"/local-offer/"}


def test_a_session_can_send_only_a_few_answers_in_ten_minutes(client, service):
    for _ in range(feedback.PER_SESSION):
        assert client.post(USEFUL, {"page": page_of(service), "useful": "yes"}).status_code == 302
    refused = client.post(PROBLEM, {"page": page_of(service), "text": "one more"})
    assert refused.status_code == 429
    check_page(refused)
    assert Feedback.objects.count() == feedback.PER_SESSION


def test_one_address_is_limited_even_with_fresh_sessions(service, settings):
    for n in range(feedback.PER_ADDRESS):
        response = CheckingClient().post(USEFUL, {"page": page_of(service), "useful": "yes"})
        assert response.status_code == 302, n
    assert CheckingClient().post(USEFUL, {"page": page_of(service), "useful": "yes"}).status_code == 429
    other = CheckingClient(REMOTE_ADDR="192.0.2.99")
    assert other.post(USEFUL, {"page": page_of(service), "useful": "yes"}).status_code == 302


def test_owners_see_feedback_on_their_own_services_only(client, service, login):
    others = make_service(name="Another provider's club", owner=owner("someone.else"))
    client.post(PROBLEM, {"page": page_of(service), "text": "Mine"})
    client.post(PROBLEM, {"page": page_of(others), "text": "Theirs"})
    mine = login("service_owner").page(reverse("directory:feedback_list"))
    assert "Mine" in mine.select_one("#feedback").get_text()
    assert "Theirs" not in mine.get_text()
    everything = login("manager").page(reverse("directory:feedback_list"))
    assert {"Mine", "Theirs"} <= set(everything.select_one("#feedback").get_text().split())


def test_owner_marks_feedback_dealt_with_but_not_someone_elses(client, service, login):
    others = make_service(name="Another provider's club", owner=owner("someone.else"))
    client.post(PROBLEM, {"page": page_of(service), "text": "Mine"})
    client.post(PROBLEM, {"page": page_of(others), "text": "Theirs"})
    mine, theirs = Feedback.objects.get(text="Mine"), Feedback.objects.get(text="Theirs")
    provider = login("service_owner")
    assert provider.post(reverse("directory:feedback_done", args=[theirs.pk])).status_code == 404
    assert provider.post(reverse("directory:feedback_done", args=[mine.pk])).status_code == 302
    assert Feedback.objects.get(pk=mine.pk).status == "done"
    assert Feedback.objects.get(pk=theirs.pk).status == "new"


def test_the_feedback_list_filters_by_kind_and_status_and_a_bad_kind_is_a_govuk_error(client, service, login):
    client.post(PROBLEM, {"page": page_of(service), "text": "Broken"})
    done = Feedback.objects.get(text="Broken")
    manager = login("manager")
    assert "Broken" in manager.page(reverse("directory:feedback_list") + "?kind=problem").get_text()
    assert manager.page(reverse("directory:feedback_list") + "?kind=useful").select_one("#feedback") is None
    Feedback.objects.filter(pk=done.pk).update(status="done")
    assert manager.page(reverse("directory:feedback_list")).select_one("#feedback") is None
    assert "Broken" in manager.page(reverse("directory:feedback_list") + "?show=all").get_text()
    bad = manager.page(reverse("directory:feedback_list") + "?kind=nonsense&show=all")
    assert bad.select_one(".govuk-error-summary") and bad.select_one("#feedback") is None
