import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.models import Action, AuditEvent
from conftest import check_page
from core.tests.list_export_helpers import csv_lines, export_job

pytestmark = pytest.mark.django_db

NEW_USER = reverse("accounts:user_create")


def new_user(**changes):
    data = {
        "username": "k.ahmed",
        "first_name": "Kiran",
        "last_name": "Ahmed",
        "email": "k.ahmed@example.org",
        "job_title": "EHC coordinator",
        "role": "caseworker",
        "professional_type": "",
        "password": "a-long-passphrase-42",
        "form_token": "7b0f7a3e-5d0c-4d57-b0c8-3e9a4e0b2a11",
    }
    data.update(changes)
    return data


def test_an_administrator_adds_a_user_once_even_if_the_form_is_sent_twice(area, login):
    client = login("administrator")
    first = client.post(NEW_USER, new_user())
    second = client.post(NEW_USER, new_user())
    assert first["Location"] == second["Location"]
    user = User.objects.get(username="k.ahmed")
    assert user.role == "caseworker" and user.check_password("a-long-passphrase-42")


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"password": "short"}, "This password is too short"),
        ({"password": "password1234"}, "This password is too common"),
        ({"username": "caseworker"}, "That username is already taken"),
        ({"role": "professional"}, "Select the type of professional"),
        ({"email": ""}, "Enter an email address"),
    ],
)
def test_bad_user_details_are_refused_with_a_reason(area, login, changes, message):
    response = login("administrator").post(NEW_USER, new_user(**changes))
    assert message in check_page(response).select_one(".govuk-error-summary").get_text()
    assert not User.objects.filter(email="k.ahmed@example.org").exists()


def test_a_role_change_is_saved_and_a_stale_one_refused(area, login):
    target = area.users["panel"]
    url = reverse("accounts:user_edit", args=[target.pk])
    client = login("administrator")
    opened_on = client.page(url).select_one("input[name=version]")["value"]
    form = {
        "first_name": target.first_name,
        "last_name": target.last_name,
        "email": target.email,
        "job_title": "",
        "role": "caseworker",  # not a raised role: no second administrator needed
        "professional_type": "",
        "version": opened_on,
    }
    assert client.post(url, form).status_code == 302
    target.refresh_from_db()
    assert target.role == "caseworker"
    response = client.post(url, {**form, "role": "dco"})  # same, now stale, version
    assert "Someone else saved a change" in check_page(response).get_text()
    target.refresh_from_db()
    assert target.role == "caseworker"


def test_closing_an_account_stops_its_sign_in(area, login):
    target = area.users["caseworker"]
    login("administrator").post(reverse("accounts:user_set_active", args=[target.pk]), {"active": "0"})
    target.refresh_from_db()
    assert not target.is_active
    target.set_password("a-long-passphrase-42")
    target.save()
    from conftest import CheckingClient

    response = CheckingClient().post(
        reverse("accounts:login"), {"username": "caseworker", "password": "a-long-passphrase-42"}
    )
    assert response.status_code == 200  # back on the sign-in page, not signed in


def test_resetting_two_factor_removes_the_devices(area, login):
    target = area.users["manager"]
    TOTPDevice.objects.create(user=target, name="old phone", confirmed=True)
    login("administrator").post(reverse("accounts:user_reset_two_factor", args=[target.pk]))
    assert not TOTPDevice.objects.filter(user=target).exists()


def test_the_user_list_searches_filters_and_exports(area, login):
    client = login("administrator")
    soup = client.page(reverse("accounts:user_list"), data={"role": "dco"})
    assert [td.get_text(strip=True) for td in soup.select("tbody tr td:nth-of-type(2)")] == ["dco"]
    searched = client.post(reverse("accounts:user_list"), {"q": "parent"})["Location"]
    assert "parent" not in searched, "the words searched for stay out of the URL"
    assert "parent" in client.page(searched).select_one("#q")["value"]
    job = export_job(client, searched + "&format=csv")
    lines = csv_lines(client.get(reverse("jobs:download", args=[job.public_id])))
    usernames = [line.split(",")[0] for line in lines[1:]]
    assert lines[0].startswith("Username,") and "parent" in usernames, "filtered as the page was"
    assert all("parent" in line.lower() for line in lines[1:]) and "administrator" not in usernames
    # On the job queue (issue 22): audited, and the file is the administrator's alone.
    assert AuditEvent.objects.filter(action=Action.EXPORT, actor=area.users["administrator"]).exists()
    assert login("manager").get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_a_bad_role_filter_is_a_govuk_error_and_lists_no_one(area, login):
    soup = login("administrator").page(reverse("accounts:user_list"), data={"role": "nonsense"})
    assert soup.select_one(".govuk-error-summary a[href='#role']")
    assert soup.select("tbody tr") == []


def test_a_new_senco_gets_the_schools_pupils_and_a_leaver_loses_them(area, login):
    client = login("administrator")
    client.post(
        NEW_USER,
        new_user(role="professional", professional_type="senco", school=area.school.pk, username="new.senco"),
    )
    newcomer = User.objects.get(username="new.senco")
    from people.access import children_visible_to

    assert list(children_visible_to(newcomer)) == [area.own_child]
    leaver = area.users["senco"]
    url = reverse("accounts:user_edit", args=[leaver.pk])
    opened_on = client.page(url).select_one("input[name=version]")["value"]
    client.post(url, {"first_name": "A", "last_name": "B", "email": "a@example.org", "job_title": "",
                      "role": "professional", "professional_type": "senco", "school": area.other_school.pk,
                      "version": opened_on})
    assert list(children_visible_to(leaver)) == [area.other_child]
    assert list(children_visible_to(newcomer)) == [area.own_child]  # the school is not locked out


def test_a_senco_needs_a_school(area, login):
    response = login("administrator").post(NEW_USER, new_user(role="professional", professional_type="senco"))
    assert "Select the SENCo's school or setting" in check_page(response).get_text()
