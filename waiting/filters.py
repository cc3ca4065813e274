"""The referral list's filters (pathway, status, age band; one FilterSet for the page and its export
job): the list itself is still `queries.referrals`, narrowed to an age band by
`core.filters.AgeBand` (the birth dates are the clock's). An NHS number or a provider reference
(the trust's number for one child's referral) is never a filter: each is sent in a POST body, so
neither is in an address or a server log.
And the dynamic support register's (risk rating, key worker, on the register or removed)."""

from core.filters import AgeBand, AllocatedTo, Choice, ListFilterSet, OnceChoices
from waiting import queries
from waiting.forms import key_workers
from waiting.measures import AGE_BANDS
from waiting.models import AssessmentKind, Pathway, Rag, Referral

FIELDS = ("pathway", "status", "age")


class ReferralFilter(ListFilterSet):
    pathway = Choice(label="Pathway")
    status = Choice(label="Status", choices=queries.STATUSES)
    age = AgeBand(bands={band: (band, *ages) for band, *ages in AGE_BANDS}, field_name="date_of_birth")

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, Referral.objects.all() if queryset is None else queryset, **kwargs)
        self.pathways = OnceChoices(Pathway.objects.all)
        self.filters["pathway"].extra["choices"] = OnceChoices(
            lambda: [(str(p.public_id), p.name) for p in self.pathways]
        )

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        chosen = self.form.cleaned_data
        pathway = next((p for p in self.pathways if str(p.public_id) == chosen["pathway"]), None)
        found = queries.referrals(pathway, chosen["status"])
        return self.filters["age"].filter(found, chosen["age"])


REGISTER_STATUSES = [("open", "On the register"), ("removed", "Removed"), ("all", "All")]


def _key_workers():
    return [(str(person.pk), str(person)) for person in key_workers()]


class RegisterFilter(ListFilterSet):
    """The dynamic support register's filters; entries on the register unless asked otherwise."""

    rating = Choice(label="Risk rating", choices=Rag.choices, field_name="risk_rating")
    worker = AllocatedTo(
        label="Key worker",
        people=_key_workers,
        empty_label="Anyone",
        null_label="No key worker",
        field_name="key_worker",
    )
    status = Choice(label="Status", choices=REGISTER_STATUSES, empty_label=None, method="by_status")

    def __init__(self, data=None, queryset=None, **kwargs):
        data = data if data is not None else {}
        if not data.get("status"):
            data = data.copy()
            data["status"] = "open"  # drawn as chosen, as the list uses it
        super().__init__(data, queryset, **kwargs)

    @property
    def filtered(self) -> bool:
        chosen = self.chosen
        return bool(chosen["rating"] or chosen["worker"]) or chosen["status"] != "open"

    def by_status(self, entries, name, value):
        if value == "open":
            return entries.filter(removed_on__isnull=True)
        if value == "removed":
            return entries.filter(removed_on__isnull=False)
        return entries


class HealthAssessmentFilter(ListFilterSet):
    """The children in care health assessments list's filters (the assessment due, overdue or not)."""

    kind = Choice(label="Assessment", choices=AssessmentKind.choices, field_name="next_kind")
    status = Choice(
        label="Status",
        choices=[("overdue", "Overdue"), ("due", "Due, not yet overdue")],
        empty_label="Due or overdue",
        method="by_status",
    )

    def by_status(self, episodes, name, value):
        if value == "overdue":
            return episodes.filter(next_due__lt=self.today)
        return episodes.filter(next_due__gte=self.today)
