"""Professionals' advice requests: the list of what they have been asked, and the page where they
read what is asked and send their advice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.roles import Role
from audit.services import record_read
from casework import advice as advice_rules
from casework.advice_forms import AdviceForm
from clock import dates, due_status
from clock.case_events import OutOfOrder
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from core.typed_work import keeps_typed_work, take


@permission_required("casework.list_advice_requests")
def advice_list(request):
    """Open requests first, the soonest due first; designated officers see their whole service's
    requests with the late ones at the top (ARCHITECTURE.md: DCO and DSCO oversee timeliness)."""
    show = request.GET.get("show", "open")
    requests = advice_rules.advice_requests_for(request.user).select_related("case__child", "professional")
    requests = requests.filter(cancelled_on__isnull=True)
    overseer = request.user.role in (Role.DCO, Role.DSCO)
    if show == "sent":
        # Designated officers watch timeliness: in what was sent, the late answers come first.
        late_first = [Case(When(received_on__gt=F("due_on"), then=0), default=1)] if overseer else []
        requests = requests.filter(received_on__isnull=False).order_by(*late_first, "-received_on", "pk")
    else:
        requests = requests.filter(received_on__isnull=True).order_by("due_on", "pk")
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "casework/advice_list.html",
        {
            "page_obj": page,
            "show": show,
            "today": dates.today(),
            "overseer": overseer,
        },
    )


def _send(request, advice, form):
    advice_rules.submit(request, advice, form.sections(), dates.today(), form.cleaned_data.get("document"))
    state = "late" if advice.is_late else "on time"
    messages.success(request, f"Your advice has been sent to the SEND team ({state})")
    return reverse("casework:advice_detail", args=[advice.public_id])


# Advice typed when the session ended is kept and given back after sign-in (core.typed_work).
@keeps_typed_work
@login_required
@once_per_form
def advice_detail(request, public_id):
    advice = advice_rules.get_advice_for_user(request, public_id)
    record_read(request, advice.case, f"{advice.case.reference}: viewed an advice request")
    closed = advice_rules.no_longer_needed(advice)
    may_answer = advice_rules.may_answer(request.user, advice)
    if request.method == "POST" and not may_answer:
        raise PermissionDenied  # case staff read the request; only its adviser answers it
    can_answer = advice.received_on is None and may_answer
    form = (
        AdviceForm(request.POST or None, request.FILES or None, initial=take(request)) if can_answer else None
    )
    if form is not None and closed:
        # An answer sent from a page opened before the case closed: refused, and nothing saved.
        if request.method == "POST":
            form.is_valid()
            form.add_error(None, closed)
        else:
            form = None
    elif request.method == "POST" and form is not None and form.is_valid():
        try:
            return redirect(
                create_once(
                    form.cleaned_data["form_token"], request.user, lambda: _send(request, advice, form)
                )
            )
        except OutOfOrder as error:
            form.add_error(None, str(error))
    sections = [
        (label, advice.sections.get(key))
        for key, label, _ in advice_rules.SECTIONS
        if advice.sections.get(key)
    ]
    return render(
        request,
        "casework/advice_detail.html",
        {
            "advice": advice,
            "case": advice.case,
            "child": advice.case.child,
            "form": form,
            "closed": closed,
            "sections": sections,
            "today": dates.today(),
            "due_status": due_status(advice.due_on, dates.today()),
        },
    )
