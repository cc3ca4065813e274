"""The review page: where the review stands, every time limit, the meeting, the paperwork and views,
the decision and letters, and the plan's other reviews; allocation; letter downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from audit.services import record_read
from casework.forms import AllocateForm
from clock import dates
from reviews import contributions, queries, services, timing
from reviews.access import documents_open_to, get_review_for_user
from reviews.events import EVENT_TYPES
from reviews.meetings import meeting_label
from reviews.models import ContributionKind
from reviews.views.actions import available_actions


@login_required
def review_detail(request, public_id):
    review = get_review_for_user(request, public_id, "reviews.view_review")
    record_read(request, review, f"Viewed review {review.reference}")
    today = dates.today()
    file = queries.review_file(review, today)
    can_act = request.user.has_perm("reviews.act_on_review", review)
    history = [{"event": event, "label": EVENT_TYPES[event.kind].label} for event in reversed(file.events)]
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "child": review.child,
            "file": file,
            "steps": file.timeline.steps,
            "next_step": file.timeline.next_deadline,
            "history": history,
            "school_paperwork": file.contributions.get(ContributionKind.SCHOOL),
            "family_views": file.contributions.get(ContributionKind.FAMILY),
            "paperwork_due": timing.paperwork_due(review),
            "meeting": meeting_label(review) if review.meeting_on else "",
            "actions": available_actions(review, file.history, today) if can_act else [],
            "can_act": can_act,
            # Paperwork and views are sent for the meeting, so only until it is held.
            "can_send": contributions.why_not_contribute(review) is None,
            "can_allocate": request.user.has_perm("casework.allocate"),
            "other_reviews": queries.other_reviews(review),
        },
    )


@login_required
def allocate(request, public_id):
    review = get_review_for_user(request, public_id, "casework.allocate")
    record_read(request, review, "Opened a page to change the record (allocate)")
    form = AllocateForm(request.POST or None, initial={"caseworker": review.caseworker_id})
    if request.method == "POST" and form.is_valid():
        services.allocate(request, review, form.cleaned_data["caseworker"])
        messages.success(request, f"{review.reference} allocated to {form.cleaned_data['caseworker']}")
        return redirect("reviews:review_detail", public_id=review.public_id)
    title = "Allocate a caseworker" if review.caseworker is None else "Change the caseworker"
    return render(
        request,
        "reviews/review_form.html",
        {"review": review, "form": form, "title": title, "submit": "Save"},
    )


@login_required
def document_download(request, public_id, document_id):
    review = get_review_for_user(request, public_id, "reviews.open_documents")
    document = get_object_or_404(documents_open_to(request.user, review), public_id=document_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    record_read(request, review, f"{review.reference}: opened {document.title}")
    return FileResponse(
        handle,
        as_attachment=True,
        # The area's letters are titled without an extension; attached files keep their own name.
        filename=document.title if document.contribution_id else f"{document.title}.pdf",
        content_type=document.content_type,
    )
