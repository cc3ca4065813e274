"""TOTP two-factor sign-in for staff, on django-otp's TOTP devices."""

import base64
import io

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user):
    """The unconfirmed device being set up, created on first visit to the set-up page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def secret_base32(device) -> str:
    """The secret as authenticator apps want it typed (RFC 4648 base32, no padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_code_svg(device) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


class TooManyAttempts(Exception):
    """django-otp slows guessing: after each wrong code the next try must wait longer."""


def verify(device, code: str) -> bool:
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise TooManyAttempts
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    return len(code) == 6 and device.verify_token(code)


WAIT_MESSAGE = "Wait a moment after a wrong code, then enter the code now shown in your app"
