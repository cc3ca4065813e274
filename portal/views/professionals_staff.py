"""Who acts for a school: its staff on OpenSEND, kept by the school's administrator.

Access to pupils follows the school (people.SchoolMembership), not the person. The school's
administrator (a school user whose membership has `is_school_admin`) adds a new SENCo and removes
one who has left; a removed SENCo loses the pupils at once, while the school's other SENCos keep
them. The area's administrator can do the same for any school and chooses its administrators.

Design choice: accounts are made only by the area's administrator (accounts/), who checks who a
person is. A school adds an existing SENCo account, found by its email address or username; for
someone new, the school asks the area's administrator to create the account first.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.roles import ProfessionalType, Role
from people import memberships
from people.models import SchoolMembership, Setting


class AddStaffForm(forms.Form):
    who = forms.CharField(
        label=gettext_lazy("Email address or username of the SENCo's account"),
        help_text=gettext_lazy(
            "They must already have an OpenSEND account as a school SENCo. If they do not, ask the "
            "area's SEND administrator to create one"
        ),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter the email address or username of the SENCo's account")
        },
    )

    def clean_who(self):
        who = self.cleaned_data["who"].strip()
        account = (
            User.objects.filter(Q(username__iexact=who) | Q(email__iexact=who), is_active=True)
            .filter(role=Role.PROFESSIONAL, professional_type=ProfessionalType.SENCO)
            .first()
        )
        if account is None:
            # The same words whether no account exists or it is not a SENCo's: nothing is given away.
            raise forms.ValidationError(
                _(
                    "No SENCo account has that email address or username. Check it, or ask the "
                    "area's SEND administrator to create the account"
                )
            )
        self.account = account
        return who


def _setting_for(request, public_id) -> Setting:
    """The school, if the user looks after its staff; otherwise "page not found"."""
    setting = Setting.objects.filter(public_id=public_id).first()
    if setting is None or not request.user.has_perm("portal.manage_school_staff", setting):
        raise Http404("No such school")
    return setting


def _page(request, setting, form=None, status=200):
    memberships = SchoolMembership.objects.filter(setting=setting).select_related("user")
    active = memberships.filter(is_active=True).order_by("user__last_name", "user__first_name", "pk")
    former = memberships.filter(is_active=False).order_by("-modified_at", "pk")[:25]
    return render(
        request,
        "portal/professionals/staff.html",
        {
            "setting": setting,
            "active": list(active),
            "former": list(former),
            "form": form or AddStaffForm(),
            "sets_administrators": request.user.has_perm("portal.set_school_administrator"),
        },
        status=status,
    )


@login_required
def school_staff(request, public_id):
    setting = _setting_for(request, public_id)
    return _page(request, setting)


@require_POST
@login_required
def add_staff(request, public_id):
    setting = _setting_for(request, public_id)
    form = AddStaffForm(request.POST)
    if not form.is_valid():
        return _page(request, setting, form)
    try:
        memberships.add_senco(request, setting, form.account)
    except memberships.MembershipRefused as refusal:
        form.add_error("who", str(refusal))
        return _page(request, setting, form)
    messages.success(
        request, _("%(name)s can now see the school's pupils with plans") % {"name": form.account}
    )
    return redirect(reverse("portal:school_staff", args=[setting.public_id]))


def _membership(setting, username):
    membership = (
        SchoolMembership.objects.select_for_update()
        .filter(setting=setting, user__username=username or "")
        .select_related("user")
        .first()
    )
    if membership is None:
        raise Http404("No such member of staff")
    return membership


@require_POST
@login_required
def remove_staff(request, public_id):
    """Take away a person's access to this school's pupils, at once; nobody else's changes."""
    setting = _setting_for(request, public_id)
    with transaction.atomic():
        membership = _membership(setting, request.POST.get("username"))
        try:
            memberships.remove(request, membership)
        except memberships.MembershipRefused:
            messages.error(request, _("You cannot remove yourself. Ask the area's SEND administrator"))
            return redirect(reverse("portal:school_staff", args=[setting.public_id]))
    messages.success(request, _("%(name)s can no longer see the school's pupils") % {"name": membership.user})
    return redirect(reverse("portal:school_staff", args=[setting.public_id]))


@require_POST
@login_required
def set_administrator(request, public_id):
    """The area's administrator chooses who administers a school's staff."""
    if not request.user.has_perm("portal.set_school_administrator"):
        raise Http404("No such school")
    setting = _setting_for(request, public_id)
    make_admin = request.POST.get("administrator") == "yes"
    with transaction.atomic():
        membership = _membership(setting, request.POST.get("username"))
        try:
            memberships.set_administrator(request, membership, make_admin)
        except memberships.MembershipRefused:
            raise Http404("No such member of staff") from None
    words = (
        _("%(name)s is now a school administrator")
        if make_admin
        else _("%(name)s is no longer a school administrator")
    )
    messages.success(request, words % {"name": membership.user})
    return redirect(reverse("portal:school_staff", args=[setting.public_id]))
