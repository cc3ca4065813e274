"""Who may call the case API, with what, and how often.

`/api/v1` accepts tokens only (`Authorization: Token <key>`), never the browser session: a family or
a member of staff signed in to the pages gets 401 here. Each token carries scopes (api.models.Scope);
a view names the scope each method needs. Throttles count per token, and per client address for
callers without one, at the rates in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]."""

from django.conf import settings
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken, Scope, hash_key, may_hold_tokens
from audit.services import client_ip


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # no token: IsAuthenticated answers 401 (the session is never looked at)
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
        # One message for unknown, revoked, expired and disabled: say nothing about which keys exist.
        # A user who has since become a family account loses their tokens with the change.
        if token is None or token.is_expired or not may_hold_tokens(token.user):
            raise AuthenticationFailed("The token is not valid, or has expired or been revoked")
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


AUTHENTICATION_CLASSES = [ApiTokenAuthentication]

SCOPE_REFUSED = "This token does not have the {scope} scope"


class TokenHasScope(BasePermission):
    """The view's `scopes` maps a method to the scope it needs, e.g. {"GET": Scope.READ_CASES}
    (HEAD and OPTIONS need GET's). A method the view handles but does not list is refused (nothing
    is open by omission); one it does not handle goes on to DRF's 405."""

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        needed = getattr(view, "scopes", {}).get(method)
        if needed is None:
            return not hasattr(view, request.method.lower())
        if not token.allows(needed):
            self.message = SCOPE_REFUSED.format(scope=Scope(needed).value)
            return False
        return True


class _ConfiguredRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        # Read at request time (DRF reads it once at import), so an area can tune it per deploy.
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]


class TokenRateThrottle(_ConfiguredRateThrottle):
    """Per token, not per user: two systems sharing an account do not share a budget."""

    scope = "api_token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AddressRateThrottle(_ConfiguredRateThrottle):
    """Per client address for callers without a valid token (the one resolver the audit log uses)."""

    scope = "api_anonymous"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


THROTTLE_CLASSES = [TokenRateThrottle, AddressRateThrottle]
