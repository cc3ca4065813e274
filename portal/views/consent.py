"""Parents' access to a young person's records (CoP 8.13-8.17): the young person says whether their
parents may see their plan, documents and messages; a caseworker records when a young person lacks
the mental capacity to decide (their parent then acts for them); a parent waiting for the young
person's agreement is told why, plainly. The rule is people.access.parent_may_see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record, record_read
from clock import dates
from people import services
from people.access import children_waiting_for_agreement, get_child_for_user
from portal.forms_consent import CapacityForm, ParentsAccessForm


@login_required
def parents_access(request, public_id):
    """The young person's own choice, on their own record."""
    child = get_child_for_user(request, public_id, "people.decide_parents_access")
    record_read(request, child, "Opened a page to change the record (parents access)")
    form = ParentsAccessForm(
        request.POST if request.method == "POST" else None,
        initial={"may_see": {True: "yes", False: "no"}.get(child.parents_may_see)},
    )
    if request.method == "POST" and form.is_valid():
        may_see = form.cleaned_data["may_see"] == "yes"
        services.record_parents_access(request, child, may_see=may_see)
        messages.success(
            request,
            _("Saved. Your parents or carers can see your plan, documents and messages")
            if may_see
            else _("Saved. Only you can see your plan, documents and messages"),
        )
        return redirect(reverse("portal:child", args=[child.public_id]))
    return render(request, "portal/family/parents_access.html", {"child": child, "form": form})


@login_required
def capacity(request, public_id):
    """A caseworker records whether the young person lacks mental capacity, with the reason."""
    child = get_child_for_user(request, public_id, "people.record_capacity")
    record_read(request, child, "Opened a page to change the record (capacity)")
    form = CapacityForm(
        request.POST if request.method == "POST" else None,
        initial={"lacks_capacity": "yes" if child.lacks_capacity else "no", "reason": child.capacity_reason},
    )
    if request.method == "POST" and form.is_valid():
        services.record_capacity(
            request,
            child,
            lacks_capacity=form.cleaned_data["lacks_capacity"] == "yes",
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Saved. The change is in the audit log")
        return redirect(reverse("people:child_detail", args=[child.public_id]))
    return render(
        request,
        "portal/family/capacity.html",
        {
            "child": child,
            "form": form,
            "over_school_age": dates.over_compulsory_school_age(child.date_of_birth, dates.today()),
        },
    )


def waiting_for_agreement(request, public_id):
    """The plain page a parent sees instead of a young person's records they have not been allowed
    to see (or None when this parent is not waiting for this child's agreement)."""
    child = children_waiting_for_agreement(request.user).filter(public_id=public_id).first()
    if child is None:
        return None
    record(
        request,
        Action.DENIED,
        child=child,
        obj=child,
        summary="Parent waiting for the young person's agreement",
    )
    return render(request, "portal/family/waiting_for_agreement.html", {"child": child}, status=403)
