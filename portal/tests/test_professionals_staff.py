"""Access follows the school: its administrator adds a new SENCo and removes one who has left; the
area's administrator chooses each school's administrator."""

import pytest
from django.urls import reverse

from accounts.roles import ProfessionalType, Role
from audit.models import Action, AuditEvent
from people.models import SchoolMembership
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _senco(area, username, email=""):
    area.users[username] = UserFactory(
        username=username,
        email=email or f"{username}@school.example.org",
        role=Role.PROFESSIONAL,
        professional_type=ProfessionalType.SENCO,
    )
    return area.users[username]


@pytest.fixture
def school_admin(area):
    """The school's administrator (its head's office), also a SENCo there, beside the SENCo persona."""
    user = _senco(area, "head_office")
    SchoolMembership.objects.create(setting=area.school, user=user, is_school_admin=True)
    return user


def _urls(setting):
    args = [setting.public_id]
    return {
        "page": reverse("portal:school_staff", args=args),
        "add": reverse("portal:school_staff_add", args=args),
        "remove": reverse("portal:school_staff_remove", args=args),
        "admin": reverse("portal:school_administrator_set", args=args),
    }


def _sees_own_child(client, area):
    return client.get(reverse("people:child_detail", args=[area.own_child.public_id])).status_code == 200


def test_a_senco_who_leaves_loses_the_pupils_at_once_and_the_others_keep_them(area, login, school_admin):
    leaving = login("senco")
    admin = login("head_office")
    assert _sees_own_child(leaving, area) and _sees_own_child(admin, area)
    soup = admin.page(_urls(area.school)["page"])
    assert area.users["senco"].username in str(soup.select_one("#staff"))
    response = admin.post(_urls(area.school)["remove"], {"username": area.users["senco"].username})
    assert response.status_code == 302
    assert not _sees_own_child(leaving, area)  # the same session, the very next request
    assert leaving.get(reverse("portal:pupil_list")).status_code == 200
    assert _sees_own_child(admin, area)
    membership = SchoolMembership.objects.get(user=area.users["senco"])
    assert not membership.is_active and membership.modified_by == school_admin
    soup = admin.page(_urls(area.school)["page"])
    assert str(area.users["senco"]) in soup.select_one("#former-staff").get_text()
    assert AuditEvent.objects.filter(action=Action.UPDATE, actor=school_admin).count() == 1


def test_a_new_senco_gets_in_once_the_school_adds_them(area, login, school_admin):
    newcomer = _senco(area, "new_senco", "n.okafor@alder.example.org")
    new_client = login("new_senco")
    assert not _sees_own_child(new_client, area)
    response = login("head_office").post(_urls(area.school)["add"], {"who": "N.Okafor@alder.example.org"})
    assert response.status_code == 302
    assert _sees_own_child(new_client, area)
    # Adding them again changes nothing.
    login("head_office").post(_urls(area.school)["add"], {"who": "new_senco"})
    assert SchoolMembership.objects.filter(user=newcomer).count() == 1


def test_a_former_senco_who_returns_is_added_back(area, login, school_admin):
    admin = login("head_office")
    admin.post(_urls(area.school)["remove"], {"username": "senco"})
    admin.post(_urls(area.school)["add"], {"who": "senco"})
    assert SchoolMembership.objects.get(user=area.users["senco"]).is_active
    assert _sees_own_child(login("senco"), area)


@pytest.mark.parametrize("who", ["", "nobody@example.org", "ep", "parent"])
def test_only_an_existing_senco_account_can_be_added(area, login, school_admin, who):
    before = SchoolMembership.objects.count()
    response = login("head_office").post(_urls(area.school)["add"], {"who": who})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "<title>Error:" in page
    expected = "Enter the email address" if not who else "No SENCo account has that email address or username"
    assert expected in page
    assert SchoolMembership.objects.count() == before


def test_the_administrator_of_one_school_cannot_touch_another(area, login, school_admin):
    other_senco = _senco(area, "beckside_senco")
    SchoolMembership.objects.create(setting=area.other_school, user=other_senco)
    admin = login("head_office")
    other = _urls(area.other_school)
    assert admin.get(other["page"]).status_code == 404
    assert admin.post(other["add"], {"who": "new"}).status_code == 404
    assert admin.post(other["remove"], {"username": "beckside_senco"}).status_code == 404
    # Nor through their own school's address: the membership is looked up within the school.
    assert admin.post(_urls(area.school)["remove"], {"username": "beckside_senco"}).status_code == 404
    assert SchoolMembership.objects.get(user=other_senco).is_active


def test_a_senco_who_is_not_the_administrator_cannot_manage_staff(area, login, school_admin):
    senco = login("senco")
    urls = _urls(area.school)
    assert senco.get(urls["page"]).status_code == 404
    assert senco.post(urls["remove"], {"username": "head_office"}).status_code == 404
    assert SchoolMembership.objects.get(user=school_admin).is_active


def test_the_school_administrator_cannot_remove_themselves(area, login, school_admin):
    admin = login("head_office")
    admin.post(_urls(area.school)["remove"], {"username": "head_office"})
    assert SchoolMembership.objects.get(user=school_admin).is_active


def test_the_area_administrator_chooses_the_school_administrator(area, login):
    urls = _urls(area.school)
    make_senco_admin = {"username": "senco", "administrator": "yes"}
    assert login("senco").post(urls["admin"], make_senco_admin).status_code == 404
    administrator = login("administrator")
    listing = administrator.page(reverse("people:setting_list"))
    assert listing.find("a", href=urls["page"]) is not None
    administrator.page(urls["page"])
    assert administrator.post(urls["admin"], make_senco_admin).status_code == 302
    assert SchoolMembership.objects.get(user=area.users["senco"]).is_school_admin
    soup = login("senco").page(reverse("portal:professional_home"))
    assert soup.find("a", href=urls["page"]) is not None
    login("senco").page(urls["page"])
    administrator.post(urls["admin"], {"username": "senco", "administrator": "no"})
    assert login("senco").get(urls["page"]).status_code == 404
