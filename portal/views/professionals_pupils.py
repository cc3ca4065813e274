"""A school's pupils on roll with EHC plans, for its SENCo: each pupil's next annual review and
whether the school's paperwork for it has been sent. Search, filters, export and pages as on every
list; one query for the page, however many pupils it shows.

"Reviews coming up" is this list filtered to reviews due in the next 12 weeks (or already due and
still waiting for their meeting).
"""


from django.core.paginator import Paginator
from django.db.models import Case, F, Value, When
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import Action
from audit.services import record
from clock import dates
from core import exports, list_exports, search_terms
from core.filters import Choice, ListFilterSet, OnceChoices
from core.list_exports import list_export
from core.permissions import permission_required
from people import queries as people_queries
from people.models import SchoolMembership
from reviews import timing
from reviews.models import AWAITING_MEETING
from reviews.queries import pupils_with_plans  # the one count of "pupils with plans" (core home too)

COMING_UP_WEEKS = 12
WITHIN_WEEKS = (4, 8, 12, 26)
PAPERWORK_CHOICES = {
    "not_sent": gettext_lazy("Paperwork not sent"),
    "sent": gettext_lazy("Paperwork sent"),
    "no_review": gettext_lazy("No review open"),
}
YEAR_GROUPS = list(range(-2, 15))
EXPORT_HEADERS = [
    "Last name",
    "First name",
    "Date of birth",
    "UPN",
    "Year group",
    "School",
    "Review reference",
    "Next review due by",
    "Meeting",
    "Paperwork",
]


def with_review_coming_up(pupils, today, weeks=COMING_UP_WEEKS):
    """Pupils whose review is due within `weeks` (or overdue) and still waiting for its meeting.
    The due dates are those the clock engine stored on each review; this is only a look-ahead."""
    _, horizon = dates.weeks_ahead(today, weeks)
    return pupils.filter(review_stage__in=AWAITING_MEETING, review_due__lte=horizon)


def _paperwork_label(pupil) -> tuple[str, str]:
    """(words, tag colour) for the school's paperwork for the pupil's open review."""
    if not pupil.review_public_id:
        return _("No review open"), "govuk-tag--grey"
    if pupil.paperwork_sent_on:
        sent_on = pupil.paperwork_sent_on.strftime("%-d %b %Y")
        return _("Sent %(date)s") % {"date": sent_on}, "govuk-tag--green"
    if pupil.review_stage in AWAITING_MEETING:
        return _("Not sent"), "govuk-tag--red"
    return _("Meeting held"), "govuk-tag--grey"


def rows(pupils, today):
    """Table rows: a review still waiting for its meeting after its due date is overdue, and the
    paperwork is overdue once the clock engine's date for it has passed without it."""
    result = []
    for pupil in pupils:
        label, colour = _paperwork_label(pupil)
        awaiting = pupil.review_stage in AWAITING_MEETING
        deadline = (
            timing.paperwork_due_on(pupil.review_meeting, pupil.review_invitations_sent) if awaiting else None
        )
        result.append(
            {
                "pupil": pupil,
                "year_group": pupil.year_group_label(today),
                "paperwork": label,
                "paperwork_colour": colour,
                "awaiting_meeting": awaiting,
                "review_overdue": awaiting and pupil.review_due is not None and pupil.review_due < today,
                "paperwork_due": deadline.due_on if deadline else None,
                "paperwork_overdue": bool(
                    deadline and not pupil.paperwork_sent_on and deadline.due_on < today
                ),
            }
        )
    return result


def worklist_order(pupils, today):
    """Overdue reviews first (the longest overdue at the top), then the rest by due date."""
    overdue_first = Case(
        When(review_stage__in=AWAITING_MEETING, review_due__lt=today, then=Value(0)), default=Value(1)
    )
    return pupils.order_by(overdue_first, F("review_due").asc(nulls_last=True), "legal_last_name", "pk")


def _within_choices():
    # Built per request, in the visitor's language (the template's own words before).
    return [(str(n), _("In the next %(n)s weeks") % {"n": n}) for n in WITHIN_WEEKS]


class PupilFilter(ListFilterSet):
    """The pupil list's filters; the SENCo's schools are the school filter's choices (one school: none)."""

    keep = ("sort",)

    within = Choice(
        label=gettext_lazy("Review due"), empty_label=gettext_lazy("Any time"), method="due_within"
    )
    paperwork = Choice(
        label=gettext_lazy("Review paperwork"), choices=list(PAPERWORK_CHOICES.items()), method="by_paperwork"
    )
    year = Choice(
        label=gettext_lazy("Year group"),
        choices=[(str(y), dates.year_group_label(y)) for y in YEAR_GROUPS],
        method="by_year_group",
    )
    school = Choice(label=gettext_lazy("School"), field_name="setting__public_id")

    def __init__(self, data, queryset, *, schools, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["within"].extra["choices"] = OnceChoices(_within_choices)
        if len(schools) > 1:
            self.filters["school"].extra["choices"] = [(str(s.public_id), s.name) for s in schools]
        else:
            del self.filters["school"]  # every pupil listed is at the one school

    def by_year_group(self, pupils, name, value):
        return people_queries.filter_by_year_group(pupils, int(value), self.today)

    def by_paperwork(self, pupils, name, value):
        if value == "sent":
            return pupils.filter(paperwork_sent_on__isnull=False)
        if value == "not_sent":
            return pupils.filter(review_stage__in=AWAITING_MEETING, paperwork_sent_on__isnull=True)
        return pupils.filter(review_public_id__isnull=True)

    def due_within(self, pupils, name, value):
        return with_review_coming_up(pupils, self.today, int(value))


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _export_row(row):
    pupil = row["pupil"]
    return [
        pupil.legal_last_name,
        pupil.legal_first_name,
        _date(pupil.date_of_birth),
        pupil.upn or "",
        row["year_group"],
        pupil.setting.name if pupil.setting else "",
        pupil.review_reference or "",
        _date(pupil.review_due),
        _date(pupil.review_meeting),
        row["paperwork"],
    ]


def _schools(user):
    return [
        m.setting
        for m in SchoolMembership.objects.filter(user=user, is_active=True)
        .select_related("setting")
        .order_by("setting__name")
    ]


def _pupils(user, query, terms, today, schools):
    """This SENCo's pupils as the list shows them: searched, filtered, sorted (the page and its export)."""
    pupils = people_queries.search_children(pupils_with_plans(user), terms)
    filters = PupilFilter(query, pupils, schools=schools, today=today)
    if query.get("sort") == "review":
        return worklist_order(filters.qs, today), filters
    return filters.qs.order_by("legal_last_name", "legal_first_name", "pk"), filters


@list_export(
    "portal.pupils",
    title="pupils with EHC plans",
    filename="pupils-with-plans",
    permission="portal.list_pupils",
    headers=EXPORT_HEADERS,
)
def export_pupils(user, query, terms, today):
    pupils, _chosen_filters = _pupils(user, query, terms, today, _schools(user))
    return pupils, lambda pupil: _export_row(rows([pupil], today)[0])


@permission_required("portal.list_pupils")
def pupil_list(request):
    if request.method == "POST":
        return search_terms.search_redirect(request, "portal:pupil_list")
    today = dates.today()
    schools = _schools(request.user)
    key, terms = search_terms.recall(request)
    pupils, filters = _pupils(request.user, request.GET, terms, today, schools)
    fmt = exports.wants_export(request)
    if fmt and filters.is_valid():
        return list_exports.start(request, "portal.pupils", fmt, terms=terms, filters=filters.chosen)
    page = Paginator(pupils, 25).get_page(request.GET.get("page"))
    if terms:
        record(request, Action.SEARCH, summary="Searched pupils with EHC plans", results=page.paginator.count)
    return render(
        request,
        "portal/professionals/pupils.html",
        {
            "page_obj": page,
            "rows": rows(page.object_list, today),
            "terms": terms,
            "search_key": key,
            "filters": filters,
            "sort": request.GET.get("sort", ""),
            "export_label": _("pupils with EHC plans"),
        },
    )
