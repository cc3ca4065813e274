from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import secret_base32
from conftest import CheckingClient, check_page

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"
SIGN_IN = reverse("accounts:login")
SET_UP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


@pytest.fixture
def caseworker(area):
    user = area.users["caseworker"]
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password=PASSWORD):
    return client.post(SIGN_IN, {"username": username, "password": password})


def test_a_new_member_of_staff_must_set_up_two_factor_before_anything_else(caseworker):
    client = CheckingClient()
    assert sign_in(client, "caseworker")["Location"] == reverse("core:home")
    response = client.get(reverse("people:child_list"))
    assert response["Location"] == VERIFY + "?next=%2Fchildren%2F"
    assert client.get(VERIFY)["Location"] == SET_UP
    soup = client.page(SET_UP)
    secret = soup.select_one("[data-testid=totp-secret]").get_text(strip=True)
    assert soup.select_one("svg") is not None  # the QR code

    wrong = client.post(SET_UP, {"code": "000000"})
    assert "The security code is not right" in check_page(wrong).get_text()
    # django-otp makes the next try wait after a wrong code; a person takes longer than that.
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        response = client.post(SET_UP, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == reverse("core:home")
    assert TOTPDevice.objects.get(user=caseworker).confirmed
    assert client.get(reverse("people:child_list")).status_code == 200


def test_staff_with_two_factor_enter_a_code_each_time(caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="app", confirmed=True)
    client = CheckingClient()
    sign_in(client, "caseworker")
    assert client.get(reverse("core:home"))["Location"] == VERIFY + "?next=%2Fhome%2F"
    wrong = client.post(VERIFY, {"code": "000000"})
    assert "The security code is not right or has expired" in check_page(wrong).get_text()
    too_soon = client.post(VERIFY, {"code": pyotp.TOTP(secret_base32(device)).now()})
    assert "Wait a moment after a wrong code" in check_page(too_soon).get_text()
    with time_machine.travel(timezone.now() + timedelta(seconds=30), tick=False):
        response = client.post(VERIFY, {"code": pyotp.TOTP(secret_base32(device)).now()})
    assert response["Location"] == reverse("core:home")
    client.page(reverse("core:home"))


def test_families_sign_in_with_a_password_alone(area):
    parent = area.users["parent"]
    parent.set_password(PASSWORD)
    parent.save()
    client = CheckingClient()
    sign_in(client, "parent")
    soup = client.page(reverse("core:home"))
    assert "Amira Hussain" in soup.get_text()
    assert "Jacob" not in soup.get_text()


def test_a_wrong_password_is_explained_in_the_error_summary(caseworker):
    response = sign_in(CheckingClient(), "caseworker", "not-the-password")
    soup = check_page(response)
    assert "Enter a correct username and password" in soup.select_one(".govuk-error-summary").get_text()
    assert soup.title.string.startswith("Error:")


def test_five_wrong_passwords_lock_the_account_for_15_minutes(caseworker):
    client = CheckingClient()
    for _ in range(5):
        sign_in(client, "caseworker", "not-the-password")
    response = sign_in(client, "caseworker")  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many attempts. Try again at" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_ends_the_session(area, login):
    client = login("manager")
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home"))["Location"].startswith(SIGN_IN)


def test_after_the_code_staff_go_where_they_were_going_but_never_off_site(caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="app", confirmed=True)
    client = CheckingClient()
    sign_in(client, "caseworker")
    going_to = client.get(reverse("people:child_list"))["Location"]
    response = client.post(going_to, {"code": pyotp.TOTP(secret_base32(device)).now()})
    assert response["Location"] == reverse("people:child_list")

    other = CheckingClient()
    sign_in(other, "caseworker")
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=False):
        response = other.post(
            VERIFY + "?next=https://evil.example/", {"code": pyotp.TOTP(secret_base32(device)).now()}
        )
    assert response["Location"] == reverse("core:home")


def test_the_sign_in_page_does_not_autofocus(client):
    assert "autofocus" not in client.get(SIGN_IN).content.decode()
