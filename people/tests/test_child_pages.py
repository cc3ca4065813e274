import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from conftest import check_page
from core.tests.list_export_helpers import csv_lines, export_job, exported
from people.models import Child
from people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

CHILDREN = reverse("people:child_list")
NEW_CHILD = reverse("people:child_create")


def search(client, terms, **filters):
    response = client.post(CHILDREN, {"q": terms})
    assert response.status_code == 302
    location = response["Location"]
    assert terms.lower() not in location.lower(), "search words must not appear in the URL"
    return client.page(location)


def names_in(soup):
    return [a.get_text(strip=True) for a in soup.select("table.govuk-table tbody a")]


@pytest.mark.parametrize("terms", ["Amira", "hussain amira", "mira huss", "27/3/2015", "27 03 2015"])
def test_a_caseworker_finds_a_child_by_name_or_date_of_birth(area, login, terms):
    area.own_child.date_of_birth = area.own_child.date_of_birth.replace(2015, 3, 27)
    area.own_child.save()
    client = login("caseworker")
    assert names_in(search(client, terms)) == ["Hussain, Amira"]


def test_a_caseworker_finds_a_child_by_upn_and_by_nhs_number(area, login):
    client = login("caseworker")
    assert names_in(search(client, area.other_child.upn.lower())) == ["Walsh, Jacob"]
    spaced = " ".join(
        [area.other_child.nhs_number[:3], area.other_child.nhs_number[3:6], area.other_child.nhs_number[6:]]
    )
    assert names_in(search(client, spaced)) == ["Walsh, Jacob"]


def test_a_searched_list_is_in_name_order_whatever_the_case(area, login):
    # Sorted from the matches (PostgreSQL finds them through the name index), case aside.
    for last_name in ("Zed-Walsh", "walsh-ng", "Abbot-Walsh"):
        ChildFactory(legal_first_name="Amy", legal_last_name=last_name, setting=area.other_child.setting)
    found = names_in(search(login("caseworker"), "walsh"))
    assert found == ["Abbot-Walsh, Amy", "Walsh, Jacob", "walsh-ng, Amy", "Zed-Walsh, Amy"]


def test_a_misspelt_search_lists_the_nearest_name_first(area, login):
    for last_name in ("Husain", "Hussain"):
        ChildFactory(legal_first_name="Aisha", legal_last_name=last_name, setting=area.other_child.setting)
    # Both are near "Hussein"; Hussain is nearer, though Husain comes first in the alphabet.
    assert names_in(search(login("caseworker"), "Aisha Hussein")) == ["Hussain, Aisha", "Husain, Aisha"]


def test_a_senco_searching_sees_only_pupils_at_their_school(area, login):
    senco = login("senco")
    assert names_in(search(senco, "hussain")) == ["Hussain, Amira"]
    assert names_in(search(senco, "walsh")) == []  # Jacob is at another school


def test_filters_narrow_the_list(area, login):
    area.other_child.sen_provision = "K"
    area.other_child.save()
    client = login("manager")
    soup = client.page(CHILDREN + "?provision=K")
    assert names_in(soup) == ["Walsh, Jacob"]
    soup = client.page(CHILDREN + f"?setting={area.school.public_id}")
    assert names_in(soup) == ["Hussain, Amira"]
    assert names_in(client.page(CHILDREN + "?year=7")) == ["Hussain, Amira"]  # born May 2015
    assert names_in(client.page(CHILDREN + "?year=3")) == []


def test_the_children_list_exports_as_csv_and_the_export_is_audited(area, login):
    client = login("caseworker")
    body = "\n".join(csv_lines(exported(client, CHILDREN + "?format=csv")))
    assert body.splitlines()[0].startswith("Last name,First name,Date of birth")
    assert "Hussain,Amira,14/05/2015" in body
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=area.users["caseworker"]).exists()
    # Through the job queue (issue 22): the page's filters and search apply; the file is the owner's.
    assert csv_lines(exported(client, CHILDREN + "?year=7&format=csv"))[1:] == [
        line for line in body.splitlines()[1:] if line.startswith("Hussain,Amira")
    ]
    assert csv_lines(exported(client, CHILDREN + "?year=3&format=csv"))[1:] == []
    searched = client.post(CHILDREN, {"q": "Hussain"})["Location"]
    assert [line.split(",")[0] for line in csv_lines(exported(client, searched + "&format=csv"))[1:]] == [
        "Hussain"
    ]
    job = export_job(client, CHILDREN + "?format=xlsx")
    assert login("manager").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_the_child_record_shows_details_family_and_setting_and_is_audited(area, login):
    soup = login("panel").page(reverse("people:child_detail", args=[area.own_child.public_id]))
    text = soup.get_text(" ", strip=True)
    assert "Amira Hussain" in text
    assert "Alder Lane Primary School" in text
    assert "Sara Hussain" in text and "Mother" in text
    assert "Key stage" in text
    event = AuditEvent.objects.get(action=Action.VIEW, child=area.own_child)
    assert event.actor == area.users["panel"]


def test_a_parent_is_told_page_not_found_for_another_child_and_it_is_audited(area, login):
    response = login("parent").get(reverse("people:child_detail", args=[area.other_child.public_id]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    denied = AuditEvent.objects.get(action=Action.DENIED)
    assert denied.child == area.other_child
    assert denied.actor == area.users["parent"]


def test_the_staff_record_of_their_own_child_does_not_open_for_a_family_by_typed_address(area, login):
    # Families have their own child page (portal:child); the staff record (UPN, NHS number,
    # ethnicity) is not theirs, even for their own child.
    for persona, child in (("parent", area.own_child), ("young_person", area.young_person_child)):
        response = login(persona).get(reverse("people:child_detail", args=[child.public_id]))
        assert response.status_code == 404
        assert login(persona).get(reverse("portal:child", args=[child.public_id])).status_code == 200


def child_form(**changes):
    data = {
        "legal_first_name": "Noah",
        "legal_last_name": "Begum",
        "preferred_name": "",
        "date_of_birth_day": "3",
        "date_of_birth_month": "2",
        "date_of_birth_year": "2016",
        "sex": "M",
        "gender_identity": "",
        "upn": "B801200005001",
        "nhs_number": "9434765870",
        "uln": "",
        "ethnicity": "ABAN",
        "first_language": "BNG",
        "address": "1 Mill Street",
        "postcode": "bf1 2ab",
        "setting": "",
        "year_group_override": "",
        "sen_provision": "K",
        "primary_need": "SLCN",
        "secondary_need": "",
        "social_care_status": "",
        "form_token": "3c3d9a4e-0b7e-4f38-9a55-0fbc3c4b7d11",
    }
    data.update(changes)
    return data


def test_a_caseworker_adds_a_child(area, login):
    client = login("caseworker")
    response = client.post(NEW_CHILD, child_form())
    child = Child.objects.get(legal_last_name="Begum")
    assert response["Location"] == reverse("people:child_detail", args=[child.public_id])
    assert child.postcode == "BF1 2AB"
    assert child.created_by == area.users["caseworker"]
    assert AuditEvent.objects.filter(action=Action.CREATE, child=child).exists()


def test_submitting_the_same_form_twice_creates_one_child(area, login):
    client = login("caseworker")
    first = client.post(NEW_CHILD, child_form())
    second = client.post(NEW_CHILD, child_form())
    assert Child.objects.filter(legal_last_name="Begum").count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"upn": "A801200005001"}, "upn", "check letter does not match"),
        ({"nhs_number": "9434765871"}, "nhs_number", "last digit does not match"),
        ({"postcode": "not a postcode"}, "postcode", "Enter a real postcode"),
        ({"date_of_birth_year": "2090"}, "date_of_birth", "must be today or in the past"),
        ({"date_of_birth_month": "13"}, "date_of_birth", "must be a real date"),
        ({"date_of_birth_day": ""}, "date_of_birth", "must include a day"),
        ({"legal_first_name": ""}, "legal_first_name", "Enter the child's first name"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_in_the_summary_and_nothing_is_saved(
    area, login, changes, field, message
):
    client = login("caseworker")
    response = client.post(NEW_CHILD, child_form(**changes))
    assert response.status_code == 200
    soup = check_page(response)
    summary = soup.select_one(".govuk-error-summary")
    assert message in summary.get_text()
    link = summary.find("a", string=lambda s: s and message in s)
    assert link["href"].startswith(f"#id_{field}")
    assert message in soup.select_one(f"#id_{field}-error").get_text()
    assert not Child.objects.filter(legal_last_name="Begum").exists()


def test_a_likely_duplicate_is_shown_before_a_new_record_is_made(area, login):
    client = login("caseworker")
    same = child_form(
        legal_first_name="amira",
        legal_last_name="HUSSAIN",
        upn="",
        nhs_number="",
        date_of_birth_day="14",
        date_of_birth_month="5",
        date_of_birth_year="2015",
    )
    response = client.post(NEW_CHILD, same)
    assert response.status_code == 200
    assert "This may be a child we already know" in check_page(response).get_text()
    assert Child.objects.filter(legal_last_name__iexact="hussain").count() == 1
    response = client.post(NEW_CHILD, {**same, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    assert Child.objects.filter(legal_last_name__iexact="hussain").count() == 2


def test_the_same_upn_cannot_be_used_twice(area, login):
    response = login("caseworker").post(NEW_CHILD, child_form(upn=area.own_child.upn))
    soup = check_page(response)
    assert "Another child's record already has this UPN" in soup.select_one("#id_upn-error").get_text()


def edit_form(child, **changes):
    data = child_form(
        legal_first_name=child.legal_first_name,
        legal_last_name=child.legal_last_name,
        upn=child.upn,
        nhs_number=child.nhs_number,
        date_of_birth_day=child.date_of_birth.day,
        date_of_birth_month=child.date_of_birth.month,
        date_of_birth_year=child.date_of_birth.year,
        version=child.version,
        setting=child.setting_id,
    )
    data.update(changes)
    return data


def test_an_edit_saves_and_the_change_history_shows_it(area, login):
    client = login("caseworker")
    child = area.own_child
    url = reverse("people:child_edit", args=[child.public_id])
    response = client.post(url, edit_form(child, preferred_name="Mira"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.preferred_name == "Mira" and child.version == 2
    soup = client.page(reverse("people:child_history", args=[child.public_id]))
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    assert ["Preferred name", "(blank)", "Mira"] in rows


def test_a_stale_edit_is_refused_and_overwrites_nothing(area, login):
    child = area.own_child
    url = reverse("people:child_edit", args=[child.public_id])
    first, second = login("caseworker"), login("manager")
    opened_version = child.version
    assert first.post(url, edit_form(child, preferred_name="Mira")).status_code == 302
    response = second.post(url, edit_form(child, preferred_name="Amy", version=opened_version))
    assert response.status_code == 200
    assert "Someone else saved a change to this record" in check_page(response).get_text()
    child.refresh_from_db()
    assert child.preferred_name == "Mira"


def test_a_parent_cannot_edit_even_their_own_child(area, login):
    child = area.own_child
    response = login("parent").post(
        reverse("people:child_edit", args=[child.public_id]), edit_form(child, preferred_name="Hacked")
    )
    assert response.status_code == 404
    child.refresh_from_db()
    assert child.preferred_name == ""


def test_a_child_taught_out_of_year_group_shows_the_override(area, login):
    child = area.own_child
    child.year_group_override = 3
    child.save()
    soup = login("caseworker").page(reverse("people:child_detail", args=[child.public_id]))
    assert "Year 3 (taught out of year group)" in soup.get_text(" ", strip=True)


def parent_form(**changes):
    data = {
        "first_name": "Tariq",
        "last_name": "Hussain",
        "relationship": "father",
        "parental_responsibility": "on",
        "contact_preference": "sms",
        "email": "",
        "phone": "07700 900123",
        "address": "",
        "postcode": "",
        "language": "URD",
        "form_token": "4f1f2b61-2d0b-4c57-9a6b-8c9f4a1e2d33",
    }
    data.update(changes)
    return data


def test_a_caseworker_adds_a_parent_once_and_it_shows_on_the_record(area, login):
    client = login("caseworker")
    url = reverse("people:parent_carer_add", args=[area.own_child.public_id])
    client.post(url, parent_form())
    client.post(url, parent_form())
    links = area.own_child.relationships.select_related("parent_carer")
    assert sorted(str(link.parent_carer) for link in links) == ["Sara Hussain", "Tariq Hussain"]
    soup = client.page(reverse("people:child_detail", args=[area.own_child.public_id]))
    assert "Tariq Hussain" in soup.get_text() and "Text message" in soup.get_text()


def test_a_parent_without_a_way_to_reach_them_is_refused(area, login):
    url = reverse("people:parent_carer_add", args=[area.own_child.public_id])
    response = login("caseworker").post(url, parent_form(phone=""))
    assert "Enter a phone number" in check_page(response).select_one(".govuk-error-summary").get_text()
    assert area.own_child.relationships.count() == 1


def test_a_upn_unknown_reason_that_contradicts_the_school_is_refused_where_it_is_entered(area, login):
    from people.tests.factories import SettingFactory

    school = SettingFactory(setting_type="mainstream", urn=246810, name="Brook Primary")
    child = area.own_child
    url = reverse("people:child_edit", args=[child.public_id])
    data = edit_form(child, setting=school.pk, upn="", uln="", upn_unknown_reason="UN1")
    soup = check_page(login("caseworker").post(url, data))
    message = soup.select_one("#id_upn_unknown_reason-error").get_text()
    assert "Brook Primary (URN 246810) gives its pupils a UPN" in message
    child.refresh_from_db()
    assert child.upn_unknown_reason == ""  # nothing saved


@pytest.mark.parametrize(
    "query, field", [("provision=nonsense", "provision"), ("year=abc", "year"), ("need=X", "need")]
)
def test_a_bad_filter_value_is_a_govuk_error_and_lists_nothing(area, login, query, field):
    soup = login("manager").page(CHILDREN + "?" + query)
    assert soup.select_one(f".govuk-error-summary a[href='#{field}']")
    assert names_in(soup) == []


def test_the_setting_a_school_page_links_with_is_carried_by_the_filter_form(area, login):
    soup = login("manager").page(CHILDREN + f"?setting={area.school.public_id}&need=SLCN")
    form = soup.select_one("details form[method='get']")
    assert form.select_one("input[type='hidden'][name='setting']")["value"] == str(area.school.public_id)
    assert not login("manager").page(CHILDREN).select_one("details input[name='setting']")
