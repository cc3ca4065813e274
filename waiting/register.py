"""The dynamic support register: the only code that changes its entries, and its reminders.

Entries are read and changed only by the health and social care roles who hold the register
(waiting.rules); every read and change is audited. A risk rating change keeps its history. The
care (education) and treatment review reminder is claimed with a conditional UPDATE before it is
sent, so it goes once per review date however often (or wherever) the command runs.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from audit.models import Action
from audit.services import record
from clock import due_soon_range
from clock.dates import days_ago, month_ends, month_start
from waiting import notices
from waiting.models import PanelMeeting, Rag, RatingChange, RegisterEntry
from waiting.rules import REGISTER_HOLDERS

ENTRY_FIELDS = [
    "inclusion_reason",
    "risk_reason",
    "consent",
    "consent_on",
    "key_worker",
    "added_on",
    "last_review_on",
    "next_review_on",
]


class EntryRefused(ValueError):
    def __init__(self, problems):
        super().__init__("; ".join(m for _, m in problems))
        self.problems = problems


def check(values: dict, today: date) -> list[tuple[str, str]]:
    problems = []
    added = values.get("added_on")
    if added and added > today:
        problems.append(("added_on", "The date added must be today or in the past"))
    if values.get("consent") == "given" and not values.get("consent_on"):
        problems.append(("consent_on", "Enter the date consent was given"))
    last, following = values.get("last_review_on"), values.get("next_review_on")
    if last and last > today:
        problems.append(("last_review_on", "The last review date must be today or in the past"))
    if last and following and following <= last:
        problems.append(("next_review_on", "The next review must be after the last review"))
    return problems


def add_entry(request, user, child, values: dict, rating: str, today: date) -> RegisterEntry:
    problems = check(values, today)
    if problems:
        raise EntryRefused(problems)
    with transaction.atomic():
        entry = RegisterEntry.objects.create(
            child=child, risk_rating=rating, created_by=user, modified_by=user, **values
        )
        RatingChange.objects.create(
            entry=entry, rating=rating, reason="Added to the register", changed_by=user
        )
        record(request, Action.CREATE, child=child, obj=entry, user=user, summary=f"Added {entry}")
    return entry


def update_entry(request, user, entry: RegisterEntry, expected_version: int, values: dict, today: date):
    problems = check(values, today)
    if problems:
        raise EntryRefused(problems)
    with transaction.atomic():
        changed = [f for f in ENTRY_FIELDS if getattr(entry, f) != values.get(f)]
        for field in ENTRY_FIELDS:
            setattr(entry, field, values.get(field))
        entry.save_edit(expected_version, user)
        record(
            request, Action.UPDATE, child=entry.child, obj=entry, summary=f"Changed {entry}", fields=changed
        )
    return entry


def change_rating(request, user, entry: RegisterEntry, expected_version: int, rating: str, reason: str):
    with transaction.atomic():
        previous = entry.risk_rating
        entry.risk_rating = rating
        entry.save_edit(expected_version, user)
        RatingChange.objects.create(
            entry=entry, previous=previous, rating=rating, reason=reason, changed_by=user
        )
        record(
            request,
            Action.UPDATE,
            child=entry.child,
            obj=entry,
            summary=f"{entry}: risk rating {previous} to {rating}",
        )
    return entry


def remove_entry(request, user, entry: RegisterEntry, expected_version: int, removed_on: date, reason: str):
    with transaction.atomic():
        entry.removed_on, entry.removal_reason = removed_on, reason
        entry.save_edit(expected_version, user)
        record(
            request, Action.UPDATE, child=entry.child, obj=entry, summary=f"Removed {entry} from the register"
        )
    return entry


def record_panel(request, user, held_on: date, minutes: str, entries) -> PanelMeeting:
    with transaction.atomic():
        meeting = PanelMeeting.objects.create(held_on=held_on, minutes=minutes, created_by=user)
        meeting.entries.set(entries)
        record(
            request,
            Action.CREATE,
            obj=meeting,
            user=user,
            summary=f"Recorded the panel of {held_on:%-d %B %Y}",
        )
    return meeting


# --- reminders -------------------------------------------------------------------------------


@dataclass
class Summary:
    due_soon: int = 0
    overdue: int = 0
    unassigned: int = 0  # entries with no key worker, told to the register's owners

    def __str__(self):
        return (
            f"sent {self.due_soon} due-soon and {self.overdue} overdue support register review reminders; "
            f"{self.unassigned} entries without a key worker reminded to the register's owners"
        )


def reminders_due(today: date):
    """Open entries with a key worker whose review is due within the week or overdue, not yet
    reminded of that review date."""
    due = RegisterEntry.objects.filter(
        removed_on__isnull=True,
        key_worker__isnull=False,
        next_review_on__lte=due_soon_range(today)[1],  # overdue ones too
    )
    return [e for e in due.select_related("key_worker") if e.reminded_for != e.next_review_on]


def claim(entry: RegisterEntry) -> bool:
    rows = RegisterEntry.objects.filter(pk=entry.pk, next_review_on=entry.next_review_on)
    return rows.exclude(reminded_for=entry.next_review_on).update(reminded_for=entry.next_review_on) == 1


def send_review_reminders(today: date) -> Summary:
    summary = Summary()
    for entry in reminders_due(today):
        if not claim(entry):
            continue
        overdue = entry.next_review_on < today
        kind = "dsr_review_overdue" if overdue else "dsr_review_due"
        context = {"due_on": f"{entry.next_review_on:%-d %B %Y}", "reference": str(entry.public_id)[:8]}
        notices.tell(
            entry.key_worker, kind, context, reverse("waiting:register_entry", args=[entry.public_id])
        )
        if overdue:
            summary.overdue += 1
        else:
            summary.due_soon += 1
    return summary


# --- entries without a key worker, told to the register's owners ------------------------------

# The register belongs to the ICB; its designated clinical officer owns it (NHS England, "Dynamic
# support register and care (education) and treatment review policy", 2023). Without an active one,
# everyone who holds the register is told, so an entry with no key worker is never left unseen.
OWNER_ROLE = Role.DCO
UNASSIGNED_REMINDER_DAYS = 7  # told again each week while the entry still has no key worker
RATING_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


def register_owners():
    owners = list(User.objects.filter(is_active=True, role=OWNER_ROLE).order_by("pk"))
    return owners or list(User.objects.filter(is_active=True, role__in=REGISTER_HOLDERS).order_by("pk"))


def unassigned_due(today: date):
    """Open entries with no key worker whose owners were not told in the last week, red first."""
    since = days_ago(today, UNASSIGNED_REMINDER_DAYS)
    due = RegisterEntry.objects.filter(removed_on__isnull=True, key_worker__isnull=True).filter(
        Q(unassigned_reminded_on__isnull=True) | Q(unassigned_reminded_on__lte=since)
    )
    return sorted(due, key=lambda e: (RATING_ORDER.get(e.risk_rating, 3), e.added_on, e.pk))


def claim_unassigned(entry: RegisterEntry, today: date) -> bool:
    """Claimed with a conditional UPDATE, as review reminders are: once a week however often the
    task runs, and not at all once a key worker is named."""
    rows = RegisterEntry.objects.filter(
        pk=entry.pk, key_worker__isnull=True, unassigned_reminded_on=entry.unassigned_reminded_on
    )
    return rows.update(unassigned_reminded_on=today) == 1


def send_unassigned_reminders(today: date) -> int:
    """One message to each owner listing the entries (by reference and rating, red first) that have
    no key worker; returns how many entries were in it."""
    entries = [e for e in unassigned_due(today) if claim_unassigned(e, today)]
    if not entries:
        return 0
    red = sum(1 for e in entries if e.risk_rating == Rag.RED)
    context = {
        "count": len(entries),
        "red": red,
        "entries": "; ".join(f"{str(e.public_id)[:8]} ({e.risk_rating.capitalize()})" for e in entries),
    }
    link = reverse("waiting:register_list") + "?worker=none"
    for owner in register_owners():
        notices.tell(owner, "dsr_no_key_worker", context, link)
    return len(entries)


def send_register_reminders(today: date) -> Summary:
    """The daily run: review reminders to key workers, then entries with none to the owners."""
    summary = send_review_reminders(today)
    summary.unassigned = send_unassigned_reminders(today)
    return summary


# --- monthly additions and removals ------------------------------------------------------------


def monthly_changes(first: date, last: date) -> list[tuple[date, int, int, int]]:
    """(month end, added, removed, on the register at the month end) for each month: three queries."""
    ends = month_ends(first, last)
    added = dict(
        RegisterEntry.objects.filter(added_on__gte=month_start(first), added_on__lte=ends[-1])
        .annotate(month=TruncMonth("added_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    removed = dict(
        RegisterEntry.objects.filter(removed_on__gte=month_start(first), removed_on__lte=ends[-1])
        .annotate(month=TruncMonth("removed_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    spans = list(RegisterEntry.objects.filter(added_on__lte=ends[-1]).values_list("added_on", "removed_on"))
    rows = []
    for end in ends:
        start = month_start(end)
        held = sum(1 for a, r in spans if a <= end and (r is None or r > end))
        rows.append((end, _month(added, start), _month(removed, start), held))
    return rows


def _month(counts, start):
    # TruncMonth gives a date on SQLite and PostgreSQL for a DateField.
    for key, value in counts.items():
        if (key.year, key.month) == (start.year, start.month):
            return value
    return 0
