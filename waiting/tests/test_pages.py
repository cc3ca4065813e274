from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action, AuditEvent
from clock import dates
from clock.dates import last_month_end
from jobs.models import Job
from waiting.models import Referral
from waiting.tests.factories import ReferralFactory, pathways

pytestmark = pytest.mark.django_db

HEADINGS = (
    "Provider reference,Pathway,NHS number,Date of birth,Referral date,First appointment,"
    "Assessment start,Treatment start,Discharge or removal date,Discharge or removal reason"
)


def test_last_month_end():
    assert last_month_end(date(2025, 6, 30)) == date(2025, 6, 30)
    assert last_month_end(date(2025, 7, 10)) == date(2025, 6, 30)
    assert last_month_end(date(2025, 1, 3)) == date(2024, 12, 31)


def test_the_pathway_list_shows_current_figures_in_constant_queries(login, django_assert_max_num_queries):
    autism = pathways()["autism"]
    on = last_month_end(dates.today())
    ReferralFactory(pathway=autism, referral_date=on - timedelta(days=70))
    client = login("health_officer")
    with django_assert_max_num_queries(12) as few:
        client.page(reverse("waiting:pathway_list"))
    for _ in range(20):
        ReferralFactory(pathway=autism, referral_date=on - timedelta(days=140))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.page(reverse("waiting:pathway_list"))
    row = response.find("a", string="Autism diagnostic assessment").find_parent("tr")
    cells = [td.get_text(strip=True) for td in row.find_all("td")]
    assert cells[1:3] == ["21", "19.5"]  # 21 waiting; (10 + 20 * 20) weeks / 21


def test_the_pathway_detail_has_a_chart_with_a_table_beside_it(login):
    autism = pathways()["autism"]
    ReferralFactory(pathway=autism, referral_date=last_month_end(dates.today()) - timedelta(days=70))
    page = login("manager").page(reverse("waiting:pathway_detail", args=[autism.public_id]))
    html = str(page)
    assert "<svg" in html and 'id="figures"' in html and 'id="trajectory"' in html
    assert "Sept 24" in html and "Support while you wait" in html
    assert page.find(id="areas") is not None and page.find(id="needs") is not None


def test_the_pathway_detail_shows_the_twelve_latest_month_ends(login, monkeypatch):
    # On 10 September 2026 the latest month end is 31 August: September 2025 to August 2026. (The
    # page once went back 335 days from 1 August, reaching 31 August 2025: 13 months.)
    autism = pathways()["autism"]
    client = login("manager")
    monkeypatch.setattr(dates, "today", lambda: date(2026, 9, 10))
    page = client.page(reverse("waiting:pathway_detail", args=[autism.public_id]))
    months = [row.th.get_text(strip=True) for row in page.find(id="figures").find("tbody").find_all("tr")]
    assert (len(months), months[0], months[-1]) == (12, "Aug 2026", "Sep 2025")


def test_an_import_with_a_bad_row_changes_nothing_then_the_fixed_file_is_taken(login):
    pathways()
    client = login("health_officer")
    month = last_month_end(dates.today())
    good = "A-1,autism,4000630008,14/05/2015,03/01/2025,,,,,"
    bad = "A-2,dentistry,4000630075,14/05/2015,03/01/2025,,,,,"
    data = {"month_day": month.day, "month_month": month.month, "month_year": month.year}

    def send(rows):
        text = "\n".join([HEADINGS, *rows])
        upload = SimpleUploadedFile("extract.csv", text.encode(), content_type="text/csv")
        form = client.get(reverse("waiting:import")).context["form"]
        return client.post(
            reverse("waiting:import"), data | {"file": upload, "form_token": form.initial["form_token"]}
        )

    refused = send([good, bad])
    # The background job (run at once in the tests) ends on its page, with the problem by row.
    job = Job.objects.get(kind="waiting.import_extract")
    assert refused.status_code == 302 and refused["Location"] == reverse("jobs:detail", args=[job.public_id])
    page = client.get(refused["Location"]).content.decode()
    assert "Nothing was imported: the file has 1 problem." in page
    assert "No pathway with the code" in page and 'id="import-problems"' in page
    assert job.params == {"month": month.isoformat()}
    assert not Referral.objects.exists()
    accepted = send([good, bad.replace("dentistry", "adhd")])
    assert accepted.status_code == 302 and accepted["Location"] == reverse("waiting:pathway_list")
    assert Referral.objects.count() == 2
    assert set(Referral.objects.values_list("extract_month", flat=True)) == {month}
    assert AuditEvent.objects.filter(action=Action.IMPORT).count() == 1
    assert "Imported the extract: 2 added, 0 updated" in client.get(accepted["Location"]).content.decode()


def test_a_double_submitted_extract_starts_one_import(login):
    pathways()
    client = login("health_officer")
    month = last_month_end(dates.today())
    text = "\n".join([HEADINGS, "A-1,autism,4000630008,14/05/2015,03/01/2025,,,,,"])
    token = client.get(reverse("waiting:import")).context["form"].initial["form_token"]
    data = {"month_day": month.day, "month_month": month.month, "month_year": month.year, "form_token": token}
    url = reverse("waiting:import")
    first = client.post(url, data | {"file": SimpleUploadedFile("e.csv", text.encode())})
    again = client.post(url, data | {"file": SimpleUploadedFile("e.csv", text.encode())})
    assert again["Location"] == first["Location"]
    assert Job.objects.filter(kind="waiting.import_extract").count() == 1
    assert Referral.objects.count() == 1


def test_the_month_must_be_a_month_end(login):
    client = login("dco")
    response = client.post(reverse("waiting:import"), {"month_day": 3, "month_month": 6, "month_year": 2025})
    assert "Enter the last day of the month the extract is for" in response.content.decode()
