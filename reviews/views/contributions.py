"""The school's paperwork (a SENCo, through their own login) and the family's views (a parent, or
a young person for themselves): what each has sent, and a form to send it while the meeting is
still to come."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.services import record_read
from clock import dates
from core.idempotency import create_once, once_per_form
from core.typed_work import keeps_typed_work, take
from reviews import contributions, plan_link, timing
from reviews.access import get_review_for_user
from reviews.events import OutOfOrder
from reviews.meetings import meeting_label
from reviews.models import ContributionKind
from reviews.other_forms import FamilyViewsForm, PaperworkForm


def _page(request, review, kind, form_class, template, send, **form_kwargs):
    label = ContributionKind(kind).label.lower()
    record_read(request, review, f"{review.reference}: opened the {label} page")
    sent = review.contributions.filter(kind=kind).first()
    closed = contributions.why_not_contribute(review)
    can_send = closed is None
    form = (
        form_class(request.POST or None, request.FILES or None, initial=take(request), **form_kwargs)
        if can_send
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():

        def act():
            send(form)
            messages.success(request, "Sent: thank you. The caseworker will share it before the meeting")
            return request.path

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, act))
        except OutOfOrder as error:
            form.add_error(None, str(error))
    deadline = timing.paperwork_due(review)
    context = {
        "review": review,
        "child": review.child,
        "form": form,
        "sent": sent,
        "meeting": meeting_label(review) if review.meeting_on else "",
        "send_by": deadline,
        # Said plainly once the date has gone, while there is still a meeting to send it for.
        "closed": closed,
        "deadline_passed": bool(deadline and can_send and deadline.due_on < dates.today()),
        "documents": list(review.documents.filter(contribution__isnull=True))
        if kind == ContributionKind.FAMILY
        else [],
        # The files attached open for the caseworker, the family and the school that sent them.
        "can_download": request.user.has_perm("reviews.open_documents", review),
        "back": reverse("reviews:review_detail", args=[review.public_id])
        if request.user.has_perm("reviews.view_review")
        else "",
    }
    return render(request, template, context)


# Typed work survives a session that ends while the form is open (core.typed_work).
@keeps_typed_work
@login_required
@once_per_form
def paperwork(request, public_id):
    review = get_review_for_user(request, public_id, "reviews.submit_paperwork")
    outcomes = plan_link.outcomes(review.plan)

    def send(form):
        contributions.submit_paperwork(
            request,
            review,
            views=form.cleaned_data["views"],
            progress=form.progress(),
            proposed_changes=form.cleaned_data["proposed_changes"],
            attachment=form.cleaned_data["attachment"],
        )

    return _page(
        request,
        review,
        ContributionKind.SCHOOL,
        PaperworkForm,
        "reviews/paperwork.html",
        send,
        outcomes=outcomes,
    )


@keeps_typed_work
@login_required
@once_per_form
def family_views(request, public_id):
    review = get_review_for_user(request, public_id, "reviews.add_family_views")

    def send(form):
        contributions.add_family_views(
            request,
            review,
            views=form.cleaned_data["views"],
            proposed_changes=form.cleaned_data["proposed_changes"],
            attachment=form.cleaned_data["attachment"],
        )

    return _page(request, review, ContributionKind.FAMILY, FamilyViewsForm, "reviews/family_views.html", send)
