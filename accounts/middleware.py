from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Pages a signed-in member of staff can reach before finishing two-factor sign-in.
OPEN_BEFORE_SECOND_FACTOR = (
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:logout",
    "accounts:login",
    "accounts:sso_callback",
)


class RequireTwoFactorForStaff:
    """Staff must set up and then use a TOTP code before they see anything else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.requires_two_factor
            and not user.is_verified()
            and not self._is_open(request.path)
        ):
            # Come back here after the code; only the path (opaque ids, no names) is carried.
            return redirect(f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.path})}")
        return self.get_response(request)

    def _is_open(self, path):
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in OPEN_BEFORE_SECOND_FACTOR}
        return path in self._open_paths or path.startswith(("/static/", "/assets/"))


class RequirePasswordChange:
    """A password an administrator chose is temporary: its holder must choose their own before
    anything else (after two-factor sign-in, for staff)."""

    OPEN = ("accounts:password_change", "accounts:logout", *OPEN_BEFORE_SECOND_FACTOR)

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and "sso" not in request.session  # signed in through a provider: no password used
            and not self._is_open(request.path)
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)

    def _is_open(self, path):
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in self.OPEN}
        return path in self._open_paths or path.startswith(("/static/", "/assets/"))
