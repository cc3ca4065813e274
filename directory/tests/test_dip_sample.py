"""The quarterly dip-sample audit: a reproducible random sample, findings by hand, the share of
pages current against the 95% target, quarter by quarter, and a download of the findings."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEvent
from clock import dates
from core.idempotency import TOKEN_FIELD, new_token
from directory import dip_samples
from directory.choices import ServiceStatus
from directory.models import DipSample, DipSampleCheck, Finding, Service
from directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
QUARTER = date(2025, 4, 1)


@pytest.mark.parametrize(
    ("population", "percent", "size"),
    [(0, 10, 0), (5, 10, 5), (20, 10, 20), (199, 10, 20), (201, 10, 21), (1000, 10, 100), (100, 25, 25)],
)
def test_the_sample_is_a_tenth_but_at_least_twenty(population, percent, size):
    assert dip_samples.sample_size(population, percent) == size


def test_the_same_seed_draws_the_same_sample_in_any_order():
    ids = [f"service-{n:03}" for n in range(300)]
    first = dip_samples.draw(ids, seed=42)
    assert len(first) == 30 and len(set(first)) == 30
    assert dip_samples.draw(list(reversed(ids)), seed=42) == first
    assert dip_samples.draw(ids, seed=43) != first


def test_starting_draws_from_live_services_only_and_can_be_drawn_again():
    live = ServiceFactory.create_batch(24) + [ServiceFactory(status=ServiceStatus.TEMPORARILY_CLOSED)]
    ServiceFactory.create_batch(3, status=ServiceStatus.DEFUNCT)
    dip_sample = dip_samples.start(date(2025, 5, 17), user=None)
    assert dip_sample.quarter_start == QUARTER
    assert dip_sample.population == 25
    sampled = set(dip_sample.checks.values_list("service_id", flat=True))
    assert len(sampled) == 20
    assert sampled <= {s.pk for s in live}
    assert sampled == set(dip_samples.draw([s.pk for s in live], dip_sample.seed))


def _sample(size=20, quarter=QUARTER):
    ServiceFactory.create_batch(size)
    return dip_samples.start(quarter, user=None, seed=7)


def _record(dip_sample, findings):
    for check, finding in zip(dip_sample.checks.order_by("pk"), findings, strict=False):
        dip_samples.record_finding(
            check, finding, "" if finding == Finding.CURRENT else "Phone number wrong", None
        )


def test_the_share_of_pages_current_counts_only_pages_checked():
    dip_sample = _sample()
    assert dip_samples.result_of(dip_sample).percent is None
    _record(dip_sample, [Finding.CURRENT, Finding.CURRENT, Finding.MINOR_CORRECTIONS])
    result = dip_samples.result_of(dip_sample)
    assert (result.checked, result.sampled, result.current) == (3, 20, 2)
    assert (result.percent, result.meets_target, result.complete) == (66, False, False)  # 2/3 = 66.7%


def test_ninety_five_percent_meets_the_target_and_a_fraction_below_does_not():
    dip_sample = _sample()
    _record(dip_sample, [Finding.CURRENT] * 18 + [Finding.OUT_OF_DATE])
    result = dip_samples.result_of(dip_sample)
    assert (result.checked, result.percent, result.meets_target) == (19, 94, False)  # 18/19 = 94.7%
    last = dip_sample.checks.filter(finding="").get()
    dip_samples.record_finding(last, Finding.CURRENT, "", None)
    # 19 of 20 current: exactly 95%, on target; the finding out of date is the one not current.
    result = dip_samples.result_of(dip_sample)
    assert (result.checked, result.current, result.percent, result.meets_target, result.complete) == (
        20,
        19,
        95,
        True,
        True,
    )
    assert dict(dip_samples.finding_counts(dip_sample)) == {
        "Current": 19,
        "Minor corrections": 0,
        "Out of date": 1,
        "No longer running": 0,
    }


def test_out_of_date_makes_the_review_due_today_so_the_owner_is_reminded():
    dip_sample = _sample()
    check = dip_sample.checks.order_by("pk").first()
    assert check.service.review_due > dates.today()
    dip_samples.record_finding(check, Finding.OUT_OF_DATE, "Moved to a new hall", None)
    service = Service.objects.get(pk=check.service_id)
    assert service.review_due == dates.today()
    assert service.history.first().history_change_reason == dip_samples.CHANGE_REASON
    other = dip_sample.checks.order_by("pk")[1]
    before = other.service.review_due
    dip_samples.record_finding(other, Finding.MINOR_CORRECTIONS, "Typo", None)
    assert Service.objects.get(pk=other.service_id).review_due == before


def test_quarters_are_listed_newest_first_with_the_change_on_the_one_before():
    older = _sample(quarter=date(2025, 1, 1))
    _record(older, [Finding.CURRENT] * 8 + [Finding.OUT_OF_DATE] * 2)  # 80%
    newer = dip_samples.start(QUARTER, user=None, seed=8)
    _record(newer, [Finding.CURRENT] * 9 + [Finding.NO_LONGER_RUNNING])  # 90%
    rows = dip_samples.by_quarter()
    assert [(s.pk, r.percent, r.change) for s, r in rows] == [(newer.pk, 90, 10), (older.pk, 80, None)]
    assert rows[0][1].change_in_words == "Up 10 points"


def test_a_manager_starts_an_audit_once_however_often_the_form_is_sent(login):
    ServiceFactory.create_batch(3)
    client, url, token = login("manager"), reverse("directory:dip_sample_list"), new_token()
    quarter = dates.quarter_start(dates.today()).isoformat()
    first = client.post(url, {"quarter": quarter, "percent": "10", TOKEN_FIELD: token})
    dip_sample = DipSample.objects.get()
    assert first["Location"] == reverse("directory:dip_sample_detail", args=[dip_sample.pk])
    assert (
        client.post(url, {"quarter": quarter, "percent": "10", TOKEN_FIELD: token})["Location"]
        == first["Location"]
    )
    assert DipSample.objects.count() == 1 and dip_sample.checks.count() == 3
    # A second audit of the same quarter is not offered.
    response = client.post(url, {"quarter": quarter, "percent": "10", TOKEN_FIELD: new_token()})
    assert response.status_code == 200 and DipSample.objects.count() == 1
    page = client.page(url)
    assert page.select_one("#dip-samples").get_text(" ", strip=True).count("0 of 3") == 1


def test_recording_findings_through_the_pages(area, login):
    dip_sample = _sample()
    client = login("manager")
    first, second = dip_sample.checks.order_by("service_name", "pk")[:2]
    url = reverse("directory:dip_sample_check", args=[dip_sample.pk, first.pk])
    page = client.page(url)
    assert page.h1.get_text(strip=True) == first.service_name
    response = client.post(url, {"finding": "out_of_date", "notes": ""})
    assert response.status_code == 200 and "Say what was wrong" in response.content.decode()
    response = client.post(url, {"finding": "out_of_date", "notes": "Closed on Fridays now"})
    assert response["Location"] == reverse("directory:dip_sample_check", args=[dip_sample.pk, second.pk])
    first.refresh_from_db()
    assert (first.finding, first.notes) == ("out_of_date", "Closed on Fridays now")
    assert first.checked_by == area.users["manager"]
    detail = client.page(reverse("directory:dip_sample_detail", args=[dip_sample.pk]))
    assert "1 of 20" in detail.select_one("#dip-sample-result").get_text(" ", strip=True)
    assert "0%" in detail.select_one("#dip-sample-result").get_text(" ", strip=True)


def test_findings_download_as_csv_and_xlsx_and_are_audited(login):
    dip_sample = _sample()
    _record(dip_sample, [Finding.CURRENT, Finding.OUT_OF_DATE])
    client, url = login("manager"), reverse("directory:dip_sample_detail", args=[dip_sample.pk])
    response = client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == dip_samples.EXPORT_COLUMNS
    assert len(rows) == 21
    findings = sorted(row[4] for row in rows[1:])
    assert findings.count("Current") == 1 and findings.count("Out of date") == 1
    assert findings.count("Not checked yet") == 18
    assert {row[0] for row in rows[1:]} == {"April to June 2025"}
    response = client.get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == dip_samples.EXPORT_COLUMNS and sheet.max_row == 21
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 2


@pytest.mark.parametrize("persona", ["service_owner", "caseworker", "auditor", "parent"])
def test_only_managers_may_audit(persona, login):
    dip_sample = _sample()
    check = dip_sample.checks.first()
    client = login(persona)
    for url in (
        reverse("directory:dip_sample_list"),
        reverse("directory:dip_sample_detail", args=[dip_sample.pk]),
        reverse("directory:dip_sample_check", args=[dip_sample.pk, check.pk]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.get(url, {"format": "csv"}).status_code == 403, url
    response = client.post(
        reverse("directory:dip_sample_check", args=[dip_sample.pk, check.pk]), {"finding": "current"}
    )
    assert response.status_code == 403
    assert not DipSampleCheck.objects.exclude(finding="").exists()


def test_a_check_is_found_only_under_its_own_audit(login):
    one = _sample()
    other = dip_samples.start(QUARTER - timedelta(days=90), user=None, seed=3)
    client = login("manager")
    check = one.checks.first()
    assert client.get(reverse("directory:dip_sample_check", args=[other.pk, check.pk])).status_code == 404
    assert client.get(reverse("directory:dip_sample_detail", args=[check.pk])).status_code == 404
