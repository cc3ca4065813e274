"""A family's side of linking: following an invitation, making an account, asking for a link."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import Role
from core import throttle
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from portal import linking, one_login
from portal.linking_forms import CreateAccountForm, JoinForm, LinkRequestForm, WhoAreYouForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _signed_in_elsewhere(request):
    messages.info(request, _("You are already signed in. To use an invitation, sign out first."))
    return redirect("core:home")


@require_GET
def follow_invitation(request, token):
    """Keep the token in the session and move to an address without it."""
    if request.user.is_authenticated:
        return _signed_in_elsewhere(request)
    request.session[linking.SESSION_KEY] = token
    return redirect("portal:join")


def join(request):
    """Make an account from an invitation: a name and a password; the link to the child is made
    (and verified) by the invitation itself."""
    if request.user.is_authenticated:
        return _signed_in_elsewhere(request)
    invitation = linking.find_invitation(request.session.get(linking.SESSION_KEY))
    if invitation is None:
        return render(request, "portal/linking/invitation_unusable.html")
    form = JoinForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = linking.accept_invitation(
                request,
                invitation,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except linking.LinkError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(linking.SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your account is ready"))
            return redirect("portal:home")
    return render(request, "portal/linking/join.html", {"form": form, "invitation": invitation})


def create_account(request):
    """A parent's account without an invitation: they confirm their email address first, then ask
    for a link to their child. The page answers the same whether or not the address is known."""
    if request.user.is_authenticated:
        return redirect(
            "portal:link_request" if request.user.has_perm("portal.request_link") else "core:home"
        )
    form = CreateAccountForm(request.POST if request.method == "POST" else None)  # empty: errors
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            throttle.attempt(request, "create_account", account=data["email"])
        except throttle.TooManyAttempts as error:
            return throttle.too_many_attempts(request, error)
        linking.register_family(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            password=data["password1"],
            role=Role.YOUNG_PERSON if data.get("who") == "young_person" else Role.PARENT,
        )
        request.session["portal_registered_email"] = data["email"]
        return redirect("portal:check_email")
    return render(request, "portal/linking/create_account.html", {"form": form})


def one_login_who_are_you(request):
    """A new family back from GOV.UK One Login with no invitation: are they a parent or carer, or
    a young person asking for themselves? The account is made (portal/one_login.py) only with
    the answer; until then the verified claims wait in the session, never in the address."""

    if request.user.is_authenticated:
        return redirect("core:home")
    waiting = one_login.waiting_new_account(request)
    if waiting is None:
        return render(request, "portal/linking/one_login_expired.html")
    form = WhoAreYouForm(request.POST if request.method == "POST" else None)  # an empty POST is an answer too
    if request.method == "POST" and form.is_valid():
        role = Role.YOUNG_PERSON if form.cleaned_data["who"] == "young_person" else Role.PARENT
        try:
            user = one_login.make_waiting_account(request, role)
        except linking.LinkError as error:
            form.add_error(None, str(error))
        else:
            if user.role == Role.YOUNG_PERSON:
                next_step = _("Your account is ready. Now tell us who you are, so we can find your record.")
            else:
                next_step = _("Your account is ready. Now tell us which child you look after.")
            messages.success(request, next_step)
            return redirect("portal:link_request")
    return render(request, "portal/linking/one_login_who_are_you.html", {
        "form": form, "email": waiting["email"], "provider_label": one_login.provider_label(waiting),
    })


def check_email(request):
    email = request.session.get("portal_registered_email", "")
    return render(request, "portal/linking/check_email.html", {"email": email})


@require_GET
def verify_email_link(request, token):
    """The emailed link: keep the token in the session and move to an address without it.
    Nothing is used up on a GET, so a mail scanner opening the link cannot spend it."""
    request.session[linking.VERIFY_SESSION_KEY] = token
    return redirect("portal:verify_email")


def verify_email(request):
    pending = linking.find_pending_account(request.session.get(linking.VERIFY_SESSION_KEY))
    if pending is None:
        return render(request, "portal/linking/verify_email_unusable.html")
    error = ""
    if request.method == "POST":
        try:
            user = linking.verify_family_email(request, pending)
        except linking.LinkError as problem:
            error = str(problem)
        else:
            request.session.pop(linking.VERIFY_SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            if user.role == Role.YOUNG_PERSON:
                next_step = _(
                    "Your email address is confirmed. Now tell us who you are, so we can find your record."
                )
            else:
                next_step = _("Your email address is confirmed. Now tell us which child you look after.")
            messages.success(request, next_step)
            return redirect("portal:link_request")
    return render(request, "portal/linking/verify_email.html", {"pending": pending, "error": error})


@permission_required("portal.request_link")
@once_per_form
def link_request(request):
    young_person = request.user.role == Role.YOUNG_PERSON
    form = LinkRequestForm(request.POST or None, young_person=young_person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def ask():
            linking.ask_for_link(
                request,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                relationship=data.get("relationship", ""),
                note=data["note"],
            )
            messages.success(request, _("We have your request. A caseworker will check it and tell you."))
            return reverse("portal:home")

        return redirect(create_once(data["form_token"], request.user, ask))
    return render(request, "portal/linking/link_request.html", {"form": form, "young_person": young_person})
