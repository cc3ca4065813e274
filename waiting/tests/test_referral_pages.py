import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock import dates
from people.tests.factories import valid_nhs_number
from waiting.models import HealthCheckReturn, Referral, Trajectory
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year} if day else {}


def _referral_data(pathway, **extra):
    return {
        "pathway": pathway.pk,
        "nhs_number": valid_nhs_number(777),
        "provider_reference": "BDCFT-H-1",
        **_date("date_of_birth", date(2016, 2, 3)),
        **_date("referral_date", dates.today() - timedelta(days=30)),
        **extra,
    }


def test_the_referral_list_filters_by_pathway_status_and_age_and_audits_in_constant_queries(
    area, login, django_assert_max_num_queries
):
    p = pathways()
    today = dates.today()
    young = today.replace(year=today.year - 3)
    ReferralFactory(pathway=p["camhs"], provider_reference="C-1", date_of_birth=young, referral_date=young)
    client = login("manager")
    with django_assert_max_num_queries(30) as few:
        client.page(reverse("waiting:referral_list"))
    ReferralFactory(
        pathway=p["camhs"],
        provider_reference="C-2",
        referral_date=today - timedelta(days=9),
        treatment_start=today - timedelta(days=2),
    )
    ReferralFactory(pathway=p["salt"], provider_reference="S-1", referral_date=today - timedelta(days=9))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.page(reverse("waiting:referral_list"))
    assert page.find(id="result-count").get_text(strip=True) == "3 referrals found"

    def refs(query):
        found = client.page(reverse("waiting:referral_list") + query).find(id="referrals").find("tbody")
        return sorted(th.get_text(strip=True) for th in found.find_all("th"))

    assert refs(f"?pathway={p['camhs'].public_id}") == ["C-1", "C-2"]
    assert refs(f"?pathway={p['camhs'].public_id}&status=waiting") == ["C-1"]
    assert refs("?status=seen") == ["C-2"]
    assert refs("?age=0-4") == ["C-1"]
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="referral").count() >= 3


def test_find_by_nhs_number_is_posted_and_a_bad_number_explained(area, login):
    ReferralFactory(provider_reference="A-9", nhs_number=valid_nhs_number(4242))
    ReferralFactory(provider_reference="A-8")
    client = login("dco")
    found = client.post(reverse("waiting:referral_list"), {"nhs_number": valid_nhs_number(4242)})
    text = found.content.decode()
    assert "A-9" in text and "A-8" not in text
    bad = client.post(reverse("waiting:referral_list"), {"nhs_number": "12345"})
    assert "Enter an NHS number with 10 digits" in bad.content.decode()


def test_find_by_provider_reference_is_posted_never_put_in_the_address(area, login):
    ReferralFactory(provider_reference="BDCFT-C-2001")
    ReferralFactory(provider_reference="BTHFT-S-3001")
    client = login("dco")
    found = client.post(reverse("waiting:referral_list"), {"reference": "c-2001"})
    text = found.content.decode()
    assert "BDCFT-C-2001" in text and "BTHFT-S-3001" not in text
    assert AuditEvent.objects.filter(summary="Searched referrals by provider reference").count() == 1
    # In the address it filters nothing (it used to), so no link or log line carries one.
    listed = client.get(reverse("waiting:referral_list") + "?reference=C-2001").content.decode()
    assert "BDCFT-C-2001" in listed and "BTHFT-S-3001" in listed


def test_referrals_export_as_xlsx(area, login):
    # The export runs as a job (waiting/tests/test_referral_export.py): its page offers the file.
    ReferralFactory(provider_reference="X-1")
    client = login("health_officer")
    job_page = client.get(reverse("waiting:referral_list") + "?format=xlsx")["Location"]
    response = client.get(job_page + "download/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('referrals.xlsx"')


def test_a_referral_typed_in_is_saved_once_and_a_bad_one_refused(area, login):
    camhs = pathways()["camhs"]
    client = login("health_officer")
    token = client.get(reverse("waiting:referral_add")).context["form"].initial["form_token"]
    future = _referral_data(
        camhs, form_token=token, **_date("referral_date", dates.today() + timedelta(days=3))
    )
    response = client.post(reverse("waiting:referral_add"), future)
    assert "Referral date must be today or in the past" in response.content.decode()
    assert not Referral.objects.exists()
    data = _referral_data(camhs, form_token=token)
    first = client.post(reverse("waiting:referral_add"), data)
    again = client.post(reverse("waiting:referral_add"), data)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Referral.objects.count() == 1
    token2 = client.get(reverse("waiting:referral_add")).context["form"].initial["form_token"]
    duplicate = client.post(
        reverse("waiting:referral_add"), data | {"form_token": token2, "provider_reference": "BDCFT-H-2"}
    )
    assert "This child already has a referral to CAMHS" in duplicate.content.decode()
    assert Referral.objects.count() == 1


def test_a_stale_referral_edit_is_refused(area, login):
    referral = ReferralFactory(pathway=pathways()["camhs"], version=1)
    client = login("dco")
    url = reverse("waiting:referral_edit", args=[referral.public_id])
    data = _referral_data(
        referral.pathway,
        version=1,
        nhs_number=referral.nhs_number,
        provider_reference=referral.provider_reference,
        **_date("date_of_birth", referral.date_of_birth),
        **_date("referral_date", referral.referral_date),
    )
    assert (
        client.post(
            url, data | _date("treatment_start", referral.referral_date + timedelta(days=5))
        ).status_code
        == 302
    )
    stale = client.post(url, data)
    assert "Someone else saved a change" in stale.content.decode()
    referral.refresh_from_db()
    assert referral.treatment_start == referral.referral_date + timedelta(days=5) and referral.version == 2


def test_an_administrator_changes_a_pathways_target_support_link_and_trajectory(area, login):
    autism = pathways()["autism"]
    client = login("administrator")
    page = client.page(reverse("waiting:pathway_edit", args=[autism.public_id]))
    assert page.find(id="id_points-0-value") is not None
    points = list(autism.trajectory.all())
    data = {
        "name": autism.name,
        "provider": autism.provider,
        "measure": autism.measure,
        "target_within_13_weeks": "20",
        "target_within_18_weeks": "",
        "support_term": "",
        "kpi_codes": autism.kpi_codes,
        "active": "on",
        "points-TOTAL_FORMS": len(points) + 1,
        "points-INITIAL_FORMS": len(points),
        "points-MIN_NUM_FORMS": 0,
        "points-MAX_NUM_FORMS": 1000,
    }
    for i, point in enumerate(points):
        data |= {
            f"points-{i}-id": point.pk,
            f"points-{i}-measure": point.measure,
            f"points-{i}-label": point.label,
            f"points-{i}-value": point.value,
            **_date(f"points-{i}-due", point.due),
        }
    n = len(points)
    data |= {
        f"points-{n}-measure": "within_13",
        f"points-{n}-label": "Mar 25",
        f"points-{n}-value": "18",
        **_date(f"points-{n}-due", date(2025, 3, 31)),
    }
    assert client.post(reverse("waiting:pathway_edit", args=[autism.public_id]), data).status_code == 302
    autism.refresh_from_db()
    assert autism.target_within_13_weeks == 20 and autism.support_term is None
    assert Trajectory.objects.get(pathway=autism, due=date(2025, 3, 31)).value == 18
    # waiting.pathways.save_pathway: one audit entry naming what changed
    entry = AuditEvent.objects.get(summary=f"Changed the pathway {autism}")
    assert entry.detail["trajectory_changed"] and "target_within_13_weeks" in entry.detail["fields"]


def test_health_checks_are_typed_in_with_evidence_and_a_quarter_again_replaces_it(area, login):
    client = login("health_officer")

    def send(**values):
        token = client.get(reverse("waiting:health_checks")).context["form"].initial["form_token"]
        data = {
            "form_token": token,
            "register_count": 400,
            "checks_done": 260,
            "evidence": "ICB GP report, July",
            **_date("quarter_end", date(2026, 6, 30)),
        } | values
        return client.post(reverse("waiting:health_checks"), data)

    assert "cannot be more than the number on the registers" in send(checks_done=401).content.decode()
    assert "Enter a quarter end" in send(**_date("quarter_end", date(2026, 6, 29))).content.decode()
    assert send().status_code == 302
    assert send(checks_done=300).status_code == 302
    row = HealthCheckReturn.objects.get()
    assert (row.checks_done, row.percent) == (300, 75.0)
    entered = AuditEvent.objects.filter(object_type="healthcheckreturn").order_by("pk")
    assert list(entered.values_list("action", flat=True)) == [Action.CREATE, Action.UPDATE]
    page = login("manager").page(reverse("waiting:health_checks"))
    assert (
        "75.0 (met)" in page.find(id="checks").get_text(" ", strip=True)
        and page.find(id="id_checks_done") is None
    )


@pytest.mark.parametrize(
    "query, field",
    [
        ("pathway=abc", "pathway"),
        (f"pathway={uuid.uuid4()}", "pathway"),
        ("status=nonsense", "status"),
        ("age=99-100", "age"),
    ],
)
def test_a_bad_referral_filter_is_a_govuk_error_lists_nothing_and_exports_nothing(area, login, query, field):
    ReferralFactory(pathway=pathways()["camhs"], provider_reference="C-1")
    client = login("manager")
    page = client.page(reverse("waiting:referral_list") + "?" + query)
    assert page.select_one(f".govuk-error-summary a[href='#{field}']")
    assert page.find(id="result-count").get_text(strip=True) == "0 referrals found"
    assert client.get(reverse("waiting:referral_list") + f"?{query}&format=csv").status_code == 200
