from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import role_changes, services, two_factor
from accounts.filters import UserFilter, matching
from accounts.forms import CodeForm, NewUserForm, SignInForm, TemporaryPasswordForm, UserForm
from accounts.models import User
from accounts.roles import Role
from accounts.sso import providers as sso_providers
from accounts.sso import views as sso_views
from accounts.sso.session import SSO_SESSION
from core import exports, list_exports, search_terms, throttle
from core.concurrency import StaleEditError
from core.idempotency import create_once, new_token, once_per_form
from core.list_exports import list_export
from core.permissions import permission_required


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # The ceiling for one address trying many usernames; django-axes locks one username
        # from one address (settings.AXES_*), so no stranger can lock out a named person.
        try:
            throttle.attempt(request, "sign_in", count=False)
        except throttle.TooManyAttempts as error:
            return throttle.too_many_attempts(request, error)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.failed(self.request, "sign_in")
        return super().form_invalid(form)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer (AXES_LOCKOUT_CALLABLE) when this client has had too many wrong
    passwords for this username: the same "try again at" page as every throttle."""
    until = timezone.now() + settings.AXES_COOLOFF_TIME
    return render(
        request, "accounts/locked_out.html", {"try_again_at": throttle.try_again_at(until)}, status=429
    )


@require_POST
def sign_out(request):
    """End the OpenSEND session; after single sign-on, go on to the provider's sign-out too."""
    sso = request.session.get(SSO_SESSION)
    provider_sign_out = sso_views.sign_out_url(request, sso) if sso else None
    response = auth_views.LogoutView.as_view()(request)
    return redirect(provider_sign_out) if provider_sign_out else response


@login_required
def two_factor_setup(request):
    user = request.user
    if not user.requires_two_factor or two_factor.confirmed_device(user):
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_is_right(form, device):
        services.confirm_two_factor(request, device)
        messages.success(request, "Two-factor sign-in is set up")
        return redirect("core:home")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_base32(device),
        },
    )


@login_required
def two_factor_verify(request):
    user = request.user
    if not user.requires_two_factor or user.is_verified():
        return redirect("core:home")
    device = two_factor.confirmed_device(user)
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_is_right(form, device):
        otp_login(request, device)
        wanted = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())
        return redirect(wanted if safe and wanted else "core:home")
    return render(request, "accounts/two_factor_verify.html", {"form": form})


def _code_is_right(form, device) -> bool:
    """Check the code, putting the reason on the form when it is refused."""
    try:
        if two_factor.verify(device, form.cleaned_data["code"]):
            return True
    except two_factor.TooManyAttempts:
        form.add_error("code", two_factor.WAIT_MESSAGE)
        return False
    form.add_error(
        "code", "The security code is not right or has expired. Enter the code now shown in your app"
    )
    return False


USER_EXPORT_HEADERS = ["Username", "First name", "Last name", "Email", "Role", "Active"]


def _users(query_params, terms=""):
    """The accounts as the list shows them, searched and filtered (the page and its export)."""
    users = matching(User.objects.order_by("last_name", "first_name", "pk"), terms)
    filters = UserFilter(query_params, users)
    return filters.qs, filters


def _user_row(u):
    return [u.username, u.first_name, u.last_name, u.email, u.role_label, "Yes" if u.is_active else "No"]


@list_export(
    "accounts.users",
    title="user accounts",
    filename="users",
    permission="accounts.manage_users",
    headers=USER_EXPORT_HEADERS,
)
def export_users(user, query, terms, today):
    return _users(query, terms)[0], _user_row


@permission_required("accounts.manage_users")
def user_list(request):
    if request.method == "POST":
        return search_terms.search_redirect(request, "accounts:user_list")
    key, terms = search_terms.recall(request)
    users, filters = _users(request.GET, terms)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "accounts.users", fmt, terms=terms)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {"page_obj": page, "filters": filters, "terms": terms, "search_key": key, "export_label": "users"},
    )


@permission_required("accounts.manage_users")
@once_per_form
def user_create(request):
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create():
            user = services.create_account(request, form)
            messages.success(request, f"Account created for {user}")
            return reverse("accounts:user_edit", args=[user.pk])

        return redirect(create_once(request.POST.get("form_token"), request.user, create))
    return render(
        request, "accounts/user_form.html", {"form": form, "creating": True, "form_token": _token(request)}
    )


@permission_required("accounts.manage_users")
def user_edit(request, pk):
    account = User.objects.filter(pk=pk).first()
    if account is None:
        raise Http404
    old_role, old_type = account.role, account.professional_type
    membership = account.school_memberships.filter(is_active=True).first()
    form = UserForm(request.POST or None, instance=account, editing_self=account == request.user,
                    initial={"school": membership.setting_id if membership else None})
    # The version the page was opened on goes back with the form, so a stale edit stays refused.
    opened_on = _posted_version(request) if request.method == "POST" else account.version
    if request.method == "POST" and form.is_valid():
        new_role = form.cleaned_data["role"]
        raising = role_changes.needs_second_administrator(old_role, new_role)
        if raising:  # the role waits for a second administrator; the other details are saved
            account.role, account.professional_type = old_role, old_type
        try:
            services.save_details(request, account, opened_on, school=form.cleaned_data.get("school"))
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            if raising:
                role_changes.ask(request, account, new_role)
                messages.success(request, f"Details saved for {account}. The change of role to "
                                 f"{Role(new_role).label} needs a second administrator's approval")
            else:
                if new_role != old_role:
                    role_changes.announce(request, account, old_role)
                messages.success(request, f"Changes saved for {account}")
            return redirect("accounts:user_list")
    context = {"form": form, "account": account, "version": opened_on}
    return render(request, "accounts/user_form.html", context)


def _posted_version(request) -> int:
    """The account's version the page was opened on; a form without one counts as stale."""
    posted = request.POST.get("version", "")
    return int(posted) if posted.isdigit() else 0


@require_POST
@permission_required("accounts.manage_users")
def user_set_active(request, pk):
    account = User.objects.filter(pk=pk).first()
    if account is None or account == request.user:
        raise Http404
    services.set_active(request, account, request.POST.get("active") == "1")
    messages.success(request, f"{'Reopened' if account.is_active else 'Closed'} the account for {account}")
    return redirect("accounts:user_edit", pk=account.pk)


@require_POST
@permission_required("accounts.manage_users")
def user_reset_two_factor(request, pk):
    account = User.objects.filter(pk=pk).first()
    if account is None:
        raise Http404
    services.reset_two_factor(request, account)
    messages.success(request, f"{account} will set up two-factor sign-in again when they next sign in")
    return redirect("accounts:user_edit", pk=account.pk)


@permission_required("accounts.manage_users")
def user_set_password(request, pk):
    """An administrator sets a temporary password (for someone who cannot use the emailed reset):
    audited, the person emailed, and they must choose their own at their next sign-in."""
    account = User.objects.filter(pk=pk).first()
    if account is None or account == request.user:
        raise Http404
    form = TemporaryPasswordForm(request.POST or None, user=account)
    if request.method == "POST" and form.is_valid():
        services.set_temporary_password(request, account, form.cleaned_data["password"])
        messages.success(request, f"{account} must choose their own password when they next sign in")
        return redirect("accounts:user_edit", pk=account.pk)
    return render(request, "accounts/user_set_password.html", {"form": form, "account": account})


@permission_required("accounts.manage_users")
def sign_in_methods(request):
    """Each account's way of signing in and last sign-in, and the identity providers set up."""
    users = User.objects.order_by("last_name", "first_name").prefetch_related("external_identities")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    configured = sso_providers.configured()
    labels = {provider.name: provider.label for provider in configured}
    for account in page:
        identities = account.external_identities.all()
        linked = [labels.get(identity.provider, identity.provider) for identity in identities]
        method = account.last_sign_in_method
        account.method_label = (
            "Password" if method == "password"
            else labels.get(method.removeprefix("sso:"), method.removeprefix("sso:")) if method
            else "Not signed in yet"
        )
        account.linked_providers = linked
    return render(request, "accounts/sign_in_methods.html", {"page_obj": page, "providers": configured})


def _token(request):
    return request.POST.get("form_token") or new_token()
