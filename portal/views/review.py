"""One page for the family about an annual review: before the meeting, add their views (the reviews
app's own contribution service and rule); after it, the decision, the proposed amendments with the
days left to comment (from the clock engine), and the amended plan once it is issued."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.services import record_read
from core.idempotency import create_once, once_per_form
from core.typed_work import keeps_typed_work, take
from portal import contributions
from reviews import contributions as review_contributions
from reviews import timing
from reviews.access import get_review_for_user
from reviews.events import OutOfOrder
from reviews.meetings import meeting_label
from reviews.models import AnnualReview, ContributionKind
from reviews.other_forms import FamilyViewsForm


def _review(request, public_id) -> AnnualReview:
    queryset = AnnualReview.objects.select_related("child", "caseworker", "plan", "amendment")
    return get_review_for_user(request, public_id, "portal.take_part_in_review", queryset)


def _amendment(review) -> dict:
    """The proposed amendments once sent, with the window to comment; the amended plan once issued."""
    version = review.amendment
    if version is None or version.served_on is None:
        return {}
    version.plan = review.plan
    if version.is_issued:
        return {"amended": version}
    return {"proposals": version, "window": contributions.comment_window(version)}


@keeps_typed_work
@login_required
@once_per_form
def review(request, public_id):
    review = _review(request, public_id)
    closed = review_contributions.why_not_contribute(review)
    before_meeting = closed is None
    form = (
        FamilyViewsForm(request.POST or None, request.FILES or None, initial=take(request))
        if before_meeting
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():

        def send():
            review_contributions.add_family_views(
                request,
                review,
                views=form.cleaned_data["views"],
                proposed_changes=form.cleaned_data["proposed_changes"],
                attachment=form.cleaned_data["attachment"],
            )
            messages.success(request, _("Sent: thank you. Everyone at the meeting will read your views"))
            return request.path

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, send))
        except OutOfOrder as error:
            form.add_error(None, str(error))
    if request.method == "GET":
        record_read(request, review, f"{review.reference}: family page")
    context = {
        "review": review,
        "child": review.child,
        "form": form,
        "before_meeting": before_meeting,
        "closed": closed,
        "sent": review.contributions.filter(kind=ContributionKind.FAMILY).first(),
        "meeting": meeting_label(review) if review.meeting_on else "",
        "send_by": timing.paperwork_due(review),
        "documents": list(review.documents.filter(contribution__isnull=True)),
        "can_download": request.user.has_perm("reviews.read_letters", review),
        **_amendment(review),
    }
    return render(request, "portal/contributions/review.html", context)
