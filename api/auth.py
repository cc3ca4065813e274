"""Token authentication for partner systems: `Authorization: Token <key>`."""

from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from api.models import ApiToken, hash_key


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # not ours: let the next authenticator (the session) try
        if len(parts) != 2:
            raise AuthenticationFailed("Send the header as: Authorization: Token <key>")
        try:
            key = parts[1].decode()
        except UnicodeDecodeError as exc:
            raise AuthenticationFailed("The token is not valid") from exc
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True)
            .first()
        )
        # One message for unknown, revoked and disabled: say nothing about which keys exist.
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("The token is not valid, or has been revoked")
        token.mark_used()
        user = token.user
        # django-otp's middleware gives session users these; pages (the error pages too) ask them.
        # A token is not a second factor, so say so plainly.
        user.otp_device = None
        user.is_verified = lambda: False
        return user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when no credentials came.
        return self.keyword


# Tokens first, so a missing token is a 401 with WWW-Authenticate; the session lets a signed-in
# person (and the permission matrix) read the API in a browser, with CSRF checks on changes.
AUTHENTICATION_CLASSES = [ApiTokenAuthentication, SessionAuthentication]
