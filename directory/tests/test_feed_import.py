"""Importing services from another Open Referral UK feed: checked against the profile's schema,
all or nothing, matched by id so a second import updates, and our own feed imports back."""

import copy
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action, AuditEvent
from core.idempotency import TOKEN_FIELD, new_token
from directory.models import Contact, Organization, ProposedChange, Service, TaxonomyTerm
from directory.oruk import feed_import, standard
from directory.tests import oruk_schemas
from directory.tests.factories import local_offer_for, make_service
from jobs import services as jobs
from jobs.models import Job, Status

pytestmark = pytest.mark.django_db
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"


def example():
    """The profile's own full service, read from ../shared as shipped."""
    return oruk_schemas.example("service_full.json")


def run(items, funding="health"):
    return feed_import.import_services(items, None, funding, source="test.json")


def test_the_profiles_example_service_imports():
    result = run([example()])
    assert result.ok, result.problems
    assert (result.created, result.updated) == (1, 0)
    service = Service.objects.get()
    assert str(service.pk) == EXAMPLE_ID
    assert (service.name, service.status, service.minimum_age, service.maximum_age) == (
        "Community Counselling",
        "active",
        12,
        100,
    )
    assert (service.is_free, service.fees, service.funding_type) == (False, "fees_description", "health")
    assert service.when_available.startswith("The service is available from 10 am to 6pm weekdays")
    assert "induction loops" in service.accessibility
    assert service.last_checked == date(2005, 1, 1)  # the feed's assured date
    assert service.review_due == date(2005, 7, 1)  # so it shows as overdue for review
    assert str(service.organization_id) == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert service.organization.name == "Example Organization Inc."
    location = service.service_at_locations.get().location
    assert (location.name, location.address_1, location.city) == (
        "MyCity Civic Center",
        "1-30 Main Street",
        "MyCity",
    )
    # "ABC 1234" is no UK postcode and latitude 100 is off the Earth: left out, and said so.
    assert (location.postcode, location.latitude) == ("", None)
    assert any("ABC 1234" in note for note in result.notes)
    assert any("not on Earth" in note for note in result.notes)
    assert any("terms the Local Offer does not use" in note for note in result.notes)
    assert [(c.name, c.title) for c in service.contacts.all()] == [("Ann Persona", "Reception Manager")]
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert event.detail["created"] == 1 and event.detail["services"] == [EXAMPLE_ID]


def test_importing_again_updates_instead_of_adding():
    assert run([example()]).ok
    changed = example()
    changed["name"] = "Community Counselling (renamed)"
    changed["service_at_locations"] = []
    changed["contacts"][0]["title"] = "Receptionist"
    result = run([changed])
    assert result.ok, result.problems
    assert (result.created, result.updated) == (0, 1)
    service = Service.objects.get()
    assert (service.name, service.version) == ("Community Counselling (renamed)", 2)
    assert not service.service_at_locations.exists()
    assert [c.title for c in service.contacts.all()] == ["Receptionist"]
    assert Organization.objects.count() == 1
    assert AuditEvent.objects.filter(action=Action.IMPORT).count() == 2


def test_an_invalid_item_means_nothing_is_imported_and_says_which_and_where():
    good, bad = example(), example()
    bad["id"] = "0b5ad9a8-9d8e-4f3c-a6a5-3a0d3e1f2c11"
    del bad["name"]
    bad["service_at_locations"][0]["location"]["location_type"] = "boat"
    result = run([good, bad])
    assert not result.ok
    problems = {(p.item, p.field) for p in result.problems}
    assert problems == {(2, "name"), (2, "service_at_locations[0].location.location_type")}
    assert any(p.message == "'name' is missing: the standard needs it" for p in result.problems)
    assert not Service.objects.exists()
    assert not Organization.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()


def test_our_rules_beyond_the_schema_are_checked_too():
    item = example()
    item["description"] = ""
    item["maximum_age"] = 5
    del item["organization"]
    copied = copy.deepcopy(item)
    copied["id"] = item["id"]  # the same service twice
    result = run([item, copied])
    assert {(p.item, p.field) for p in result.problems} >= {
        (1, "description"),
        (1, "maximum_age"),
        (1, "organization"),
    }


def test_a_list_response_is_read_and_a_later_page_is_mentioned():
    page = oruk_schemas.example("service_list.json")
    items, notes = feed_import.services_in(page)
    assert [i["name"] for i in items] == ["Community Counselling"]
    assert notes == ["The file is page 1 of 10 of the feed: import the other pages too"]
    with pytest.raises(feed_import.UnreadableFeed):
        feed_import.services_in({"contents": []})
    with pytest.raises(feed_import.UnreadableFeed):
        feed_import.read_upload(SimpleUploadedFile("feed.json", b"<html>"))


def test_terms_are_matched_by_code_and_a_foreign_taxonomy_leaves_ours_alone():
    item = example()
    item["attributes"][0]["taxonomy_term"]["term"] = "autism"
    assert run([item]).ok
    assert [t.code for t in Service.objects.get().taxonomy_terms.all()] == ["autism"]
    item["attributes"][0]["taxonomy_term"]["term"] = "counselling-services"
    assert run([item]).ok
    assert [t.code for t in Service.objects.get().taxonomy_terms.all()] == ["autism"]


def _empty_the_directory():
    ProposedChange.objects.all().delete()
    Service.objects.all().delete()
    Organization.objects.all().delete()


def test_our_own_services_list_imports_into_an_empty_directory(client, area):
    local_offer_for(area)
    make_service(name="Teen Swimming", is_free=False, fees="£3 a session", minimum_age=11, maximum_age=18)
    names = sorted(Service.objects.values_list("name", flat=True))
    exported = json.loads(client.get(reverse("oruk:service_list")).content)
    _empty_the_directory()
    result = run(exported["contents"])
    assert result.ok, result.problems
    assert sorted(Service.objects.values_list("name", flat=True)) == names
    swimming = Service.objects.get(name="Teen Swimming")
    assert (swimming.is_free, swimming.fees, swimming.minimum_age) == (False, "£3 a session", 11)


def test_our_own_full_service_keeps_its_terms_place_and_phone(client, area):
    service = local_offer_for(area).service
    exported = json.loads(client.get(reverse("oruk:service_detail", args=[service.pk])).content)
    codes = sorted(service.taxonomy_terms.values_list("code", flat=True))
    _empty_the_directory()
    assert run([exported]).ok
    again = Service.objects.get(pk=service.pk)
    assert sorted(again.taxonomy_terms.values_list("code", flat=True)) == codes
    assert again.service_at_locations.get().location.postcode == "BF1 1AA"
    assert Contact.objects.get(service=again).phones.get().number == "01632 960001"
    assert again.funding_type == service.funding_type  # our feed names it in words we know


def test_a_missing_standard_is_a_clear_message(settings, tmp_path):
    settings.BASE_DIR = tmp_path / "project"
    with pytest.raises(standard.StandardMissing, match="Open Referral UK schemas are not installed"):
        run([example()])


def _upload(data, token):
    body = json.dumps(data).encode()
    return {"file": SimpleUploadedFile("feed.json", body), "funding_type": "voluntary", TOKEN_FIELD: token}


def test_the_page_imports_once_however_often_it_is_sent(login):
    client, url, token = login("manager"), reverse("directory:import_feed"), new_token()
    first = client.post(url, _upload(example(), token))
    assert first.status_code == 302
    again = client.post(url, _upload(example(), token))
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert AuditEvent.objects.filter(action=Action.IMPORT).count() == 1
    (job,) = Job.objects.filter(kind="directory.import_feed")
    page = client.page(jobs.job_url(job))  # the tests' queue ran the job at once
    assert "1 added, 0 updated" in page.select_one("#import-summary").get_text()
    assert "ABC 1234" in page.select_one("#feed-notes").get_text()
    assert Service.objects.get().funding_type == "voluntary"


def test_nothing_is_imported_in_the_request(login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    client = login("manager")
    response = client.post(reverse("directory:import_feed"), _upload(example(), new_token()))
    job = Job.objects.get(kind="directory.import_feed")
    assert response["Location"] == jobs.job_url(job) and not Service.objects.exists()
    assert client.page(response["Location"]).select_one("progress") is not None
    assert jobs.execute(str(job.public_id)) == Status.SUCCEEDED  # the worker
    assert Service.objects.count() == 1 and Job.objects.get(pk=job.pk).input_data is None


def test_the_page_lists_problems_by_service_and_field(login):
    client, url = login("manager"), reverse("directory:import_feed")
    bad = example()
    del bad["name"]
    response = client.post(url, _upload([example(), bad], new_token()))
    page = client.page(response["Location"])
    assert "Nothing was imported: the feed has 1 problem" in page.select_one("#job-error").get_text()
    rows = [
        [td.get_text(strip=True) for td in tr.find_all("td")] for tr in page.select("#feed-problems tbody tr")
    ]
    assert rows == [["2", "name", "'name' is missing: the standard needs it"]]
    assert not Service.objects.exists() and not page.select("#job-retry")
    del bad["status"]  # one service on its own, not in a list, is still item 1
    response = client.post(url, _upload(bad, new_token()))
    page = client.page(response["Location"])
    problems = [
        [td.get_text(strip=True) for td in tr.find_all("td")[:2]]
        for tr in page.select("#feed-problems tbody tr")
    ]
    assert problems == [["1", "name"], ["1", "status"]]
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("feed.json", b"nonsense"),
            "funding_type": "health",
            TOKEN_FIELD: new_token(),
        },
    )
    assert "The file is not JSON" in response.content.decode()


def test_only_json_files_are_taken(login):
    response = login("manager").post(
        reverse("directory:import_feed"),
        {"file": SimpleUploadedFile("feed.csv", b"a,b"), "funding_type": "health", TOKEN_FIELD: new_token()},
    )
    assert "The file must be JSON" in response.content.decode()
    assert TaxonomyTerm.objects.exists()  # the reference data is untouched


def _soup(response):
    from conftest import check_page

    return check_page(response)
