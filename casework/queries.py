"""Read-only queries for the case lists, caseloads, home figures and the case page.

Deadline filters and the status shown in lists come from the stored `next_deadline` and
`is_overdue` columns (kept by services.refresh_clock), so the database filters and sorts them;
nothing here computes a statutory date.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.core.cache import caches
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Prefetch, Q, Value, When

import clock
from accounts.models import User
from accounts.roles import Role
from casework import services
from casework.models import OPEN_STAGES, AdviceChase, AssessmentCase
from clock import dates
from clock.case_events import EventKind
from core.filters import NOBODY
from people.models import Child, Setting
from people.queries import search_children

OPEN = Q(stage__in=OPEN_STAGES)
UNALLOCATED = NOBODY  # the case list filter's "Not allocated" (core.filters.caseworker_filter)

# SEN2's age groups, in whole years on today's date.
AGE_BANDS = {
    "0-4": ("Under 5", 0, 4),
    "5-10": ("5 to 10", 5, 10),
    "11-15": ("11 to 15", 11, 15),
    "16-19": ("16 to 19", 16, 19),
    "20-25": ("20 to 25", 20, 25),
}

SORTS = {
    "deadline": (F("next_deadline").asc(nulls_last=True), "pk"),
    "-deadline": (F("next_deadline").desc(nulls_last=True), "-pk"),
    "received": ("received_on", "pk"),
    "-received": ("-received_on", "-pk"),
    "name": ("child__legal_last_name", "child__legal_first_name", "pk"),
}


def overdue(today: date) -> Q:
    # A deadline passed since the last refresh counts as overdue too (the nightly job catches up).
    return Q(is_overdue=True) | Q(next_deadline__lt=today)


def due_this_week(today: date) -> Q:
    # "Due this week" is the clock's "due soon".
    return Q(is_overdue=False, next_deadline__range=clock.due_soon_range(today))


def on_track(today: date) -> Q:
    after_due_soon = Q(next_deadline__gt=clock.due_soon_range(today)[1])
    return Q(is_overdue=False) & (after_due_soon | Q(next_deadline__isnull=True))


STATUSES = {
    "overdue": ("Overdue", overdue),
    "due_soon": ("Due this week", due_this_week),
    "on_track": ("On track", on_track),
}


def _by_status(today: date, pick):
    return Case(
        When(overdue(today), then=Value(pick("overdue"))),
        When(due_this_week(today), then=Value(pick("due_soon"))),
        default=Value(pick("on_track")),
        output_field=CharField(),
    )


def with_deadline_status(cases, today: date):
    """Annotate each case with its deadline status ("overdue", "due_soon", "on_track") and that
    status's label, worked out by the database rather than row by row."""
    return cases.annotate(
        deadline_status=_by_status(today, lambda key: key),
        deadline_label=_by_status(today, lambda key: STATUSES[key][0]),
    )


def open_cases():
    return AssessmentCase.objects.filter(OPEN).select_related("child__setting", "caseworker")


def search_cases(cases, terms: str):
    """A case reference, or whatever finds the child on the children list (name, UPN, NHS number,
    date of birth)."""
    terms = (terms or "").strip()
    if not terms:
        return cases
    by_reference = Q(reference__iexact=terms.replace(" ", ""))
    return cases.filter(by_reference | Q(child__in=search_children(Child.objects.all(), terms)))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def sort_cases(cases, sort: str):
    key = sort if sort in SORTS else "deadline"
    return cases.order_by(*SORTS[key]), key


def caseworkers():
    return User.objects.filter(role=Role.CASEWORKER, is_active=True).only(
        "pk", "first_name", "last_name", "username"
    )


# The school filter's choices are kept this many seconds: finding them joins every open case to
# the children's table (a scan of all children on PostgreSQL), and both case lists draw them on
# every page. A school whose first case has just opened appears in the filter within a minute.
SCHOOL_CHOICES_SECONDS = 60


def schools_with_open_cases():
    """(public id, name) of each setting with a pupil whose case is open, for the school filter."""
    return caches["default"].get_or_set(
        "casework:schools-with-open-cases", _schools_with_open_cases, SCHOOL_CHOICES_SECONDS
    )


def _schools_with_open_cases():
    with_open_case = AssessmentCase.objects.filter(OPEN, child__setting=OuterRef("pk"))
    return list(
        Setting.objects.filter(Exists(with_open_case)).order_by("name").values_list("public_id", "name")
    )


def _counts(today: date) -> dict:
    return {
        "open": Count("pk"),
        "overdue": Count("pk", filter=overdue(today)),
        "due_soon": Count("pk", filter=due_this_week(today)),
    }


@dataclass
class Caseload:
    caseworker: User | None
    open: int = 0
    overdue: int = 0
    due_soon: int = 0


def caseloads(today: date | None = None) -> list[Caseload]:
    """Open, overdue and due-this-week cases per caseworker (one aggregate query, plus the list of
    caseworkers so that someone with no cases still shows), then the cases nobody holds."""
    today = today or dates.today()
    rows = AssessmentCase.objects.filter(OPEN).values("caseworker").annotate(**_counts(today)).order_by()
    counts = {row["caseworker"]: row for row in rows}
    holders = {pk for pk in counts if pk is not None}
    people = User.objects.filter(Q(role=Role.CASEWORKER, is_active=True) | Q(pk__in=holders))
    loads = [
        Caseload(person, *(counts.get(person.pk, {}).get(k, 0) for k in ("open", "overdue", "due_soon")))
        for person in people.order_by("last_name", "first_name", "pk")
    ]
    unallocated = counts.get(None)
    if unallocated:
        loads.append(Caseload(None, unallocated["open"], unallocated["overdue"], unallocated["due_soon"]))
    return loads


def caseload_totals(user, today: date | None = None) -> dict:
    """Open, overdue and due-this-week counts of `user`'s own cases."""
    today = today or dates.today()
    return AssessmentCase.objects.filter(OPEN, caseworker=user).aggregate(**_counts(today))


def area_totals(today: date | None = None) -> dict:
    today = today or dates.today()
    return AssessmentCase.objects.filter(OPEN).aggregate(
        **_counts(today), unallocated=Count("pk", filter=Q(caseworker__isnull=True))
    )


def event_history(case) -> list[tuple]:
    """(kind, ref, date) of every event on the case, as clock.case_events.check_can_record wants."""
    return [(EventKind(k), r, d) for k, r, d in case.events.values_list("kind", "ref", "on")]


@dataclass
class CaseFile:
    """Everything the case page shows, loaded in a fixed number of queries."""

    events: list
    advice: list
    exceptions: list
    notes: list
    documents: list
    setting_names: dict
    timeline: clock.Timeline

    @property
    def history(self) -> list[tuple]:
        return [(EventKind(e.kind), e.ref, e.on) for e in self.events]


def case_file(case, today: date | None = None) -> CaseFile:
    events = list(case.events.select_related("recorded_by"))
    advice = list(
        case.advice_requests.select_related("professional").prefetch_related(
            Prefetch("chases", queryset=AdviceChase.objects.select_related("by"))
        )
    )
    exceptions = list(case.exceptions.all())
    names = services.setting_names({e.ref for e in events})
    line = services.case_timeline(
        case, today, events=events, exceptions=exceptions, advice=advice, settings=names
    )
    return CaseFile(
        events=events,
        advice=advice,
        exceptions=exceptions,
        notes=list(case.notes.select_related("created_by")),
        documents=list(case.documents.select_related("created_by")),
        setting_names=names,
        timeline=line,
    )
