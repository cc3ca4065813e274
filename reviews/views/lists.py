"""Review lists: due in the next weeks, overdue, in progress, with filters, search and export; the
SENCo's list of pupils' reviews; a family's list of their child's reviews."""

from django.core.paginator import Paginator
from django.db.models import Case, F, Max, Q, Value, When
from django.shortcuts import render

from audit.models import Action
from audit.services import record
from clock import dates
from core import exports, list_exports, search_terms
from core.list_exports import list_export
from core.paging import IdsFirstPaginator
from core.permissions import permission_required
from reviews import access, queries, timing
from reviews.filters import ReviewFilter
from reviews.models import Stage

EXPORT_HEADERS = [
    "Reference",
    "Last name",
    "First name",
    "Date of birth",
    "School or setting",
    "Caseworker",
    "Stage",
    "Review due by",
    "Meeting",
    "Phase transfer deadline",
    "Next step",
    "Next step due",
    "Status",
]


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _export_row(review):
    child = review.child
    return [
        review.reference,
        child.legal_last_name,
        child.legal_first_name,
        _date(child.date_of_birth),
        child.setting.name if child.setting else "",
        str(review.caseworker) if review.caseworker else "Not allocated",
        review.get_stage_display(),
        _date(review.due_on),
        _date(review.meeting_on),
        _date(review.phase_transfer_due),
        review.next_step,
        _date(review.next_deadline),
        review.deadline_label,
    ]


def _listed(query, terms, today):
    """The reviews as the page shows it (the page and its export): which, searched, filtered, sorted."""
    filters = ReviewFilter(query, queries.search_reviews(queries.open_reviews(), terms), today=today)
    reviews, sort = queries.sort_reviews(filters.qs, query.get("sort", ""), today)
    return reviews, filters, sort


@list_export(
    "reviews.reviews",
    title="annual reviews",
    filename="reviews",
    permission="reviews.export_reviews",
    headers=EXPORT_HEADERS,
)
def export_reviews(user, query, terms, today):
    return _listed(query, terms, today)[0], _export_row


@permission_required("reviews.list_reviews")
def review_list(request):
    if request.method == "POST":
        return search_terms.search_redirect(request, "reviews:review_list")
    today = dates.today()
    key, terms = search_terms.recall(request)
    reviews, filters, sort = _listed(request.GET, terms, today)
    title, chosen = filters.title, filters.chosen
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid() and request.user.has_perm("reviews.export_reviews"):
        summary = f"Exported {title.lower()} as {fmt.upper()}"
        return list_exports.start(
            request, "reviews.reviews", fmt, terms=terms, summary=summary, filters=chosen
        )
    page = IdsFirstPaginator(reviews, 25).get_page(request.GET.get("page"))
    if terms:
        record(request, Action.SEARCH, summary="Searched annual reviews", results=page.paginator.count)
    return render(
        request,
        "reviews/review_list.html",
        {
            "title": title,
            "show": filters.show,
            "shows": queries.SHOWS,
            "filters": filters,
            "page_obj": page,
            "terms": terms,
            "search_key": key,
            "sort": sort,
            "backlog": queries.backlog(today),
            "can_export": request.user.has_perm("reviews.export_reviews"),
            "export_label": title.lower(),
        },
    )


@permission_required("reviews.list_paperwork")
def paperwork_list(request):
    """A SENCo's pupils' reviews whose meeting is arranged or due: where to send the paperwork."""
    today = dates.today()
    reviews = (
        access.reviews_for_school_of(request.user)
        .filter(stage__in=(Stage.DUE, Stage.SCHEDULED))
        .select_related("child__setting")
        .annotate(
            paperwork_sent_on=Max("contributions__submitted_on", filter=Q(contributions__kind="school")),
            # A worklist: reviews past their due date first, then by meeting and due date.
            overdue_first=Case(When(due_on__lt=today, then=Value(0)), default=Value(1)),
        )
        .order_by("overdue_first", F("meeting_on").asc(nulls_last=True), "due_on", "pk")
    )
    page = Paginator(reviews, 25).get_page(request.GET.get("page"))
    rows = []
    for review in page.object_list:
        deadline = timing.paperwork_due(review)
        rows.append(
            {
                "review": review,
                "overdue": review.due_on < today,
                "paperwork_due": deadline.due_on if deadline else None,
                "paperwork_overdue": bool(
                    deadline and not review.paperwork_sent_on and deadline.due_on < today
                ),
            }
        )
    return render(request, "reviews/paperwork_list.html", {"page_obj": page, "rows": rows})


@permission_required("reviews.list_family_reviews")
def family_list(request):
    reviews = (
        access.reviews_for_family_of(request.user).select_related("child").order_by("-cycle_start", "-pk")
    )
    page = Paginator(reviews, 25).get_page(request.GET.get("page"))
    return render(request, "reviews/family_list.html", {"page_obj": page})
