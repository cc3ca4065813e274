"""Issue 22: the schools and settings list's export runs on the job queue: the page's filters apply
and the file is its owner's alone."""

import pytest
from django.urls import reverse

from core.tests.list_export_helpers import csv_lines, export_job, exported

pytestmark = pytest.mark.django_db
SETTINGS = reverse("people:setting_list")


def test_the_settings_export_keeps_the_lists_filters_and_is_its_owners_alone(area, login):
    client = login("manager")
    every = csv_lines(exported(client, SETTINGS + "?format=csv"))
    assert every[0].startswith("URN,Name,Type") and len(every) >= 3
    names = [line.split(",")[1] for line in csv_lines(exported(client, SETTINGS + "?q=Alder&format=csv"))[1:]]
    assert names == [area.school.name]
    job = export_job(client, SETTINGS + "?format=xlsx")
    assert client.get(reverse("jobs:download", args=[job.public_id])).status_code == 200
    assert login("caseworker").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_the_settings_list_filters_by_urn_and_a_bad_value_is_a_govuk_error(area, login):
    client = login("manager")

    def names(query):
        page = client.page(SETTINGS + query)
        return page, [row.select("td")[0].get_text(strip=True) for row in page.select("table tbody tr")]

    area.school.urn = 123456
    area.school.save()
    assert area.school.name in names("?q=123456")[1][0]
    page, listed = names("?q=" + "9" * 30)  # no URN so big: searched as a name, not a 500
    assert listed == [] and not page.select_one(".govuk-error-summary")
    page, listed = names("?type=nonsense")
    assert listed == [] and page.select_one(".govuk-error-summary a[href='#type']")
