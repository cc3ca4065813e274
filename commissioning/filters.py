"""The placements list's filters: type, current or ended, out of district. One FilterSet for the page
and its export; the list is still `places.placements` (what "current" means on a day is worked out
there, as before)."""

from commissioning import places
from commissioning.models import Placement, PlacementKind
from core.filters import Checkbox, Choice, ListFilterSet


class PlacementFilter(ListFilterSet):
    kind = Choice(label="Type of placement", choices=PlacementKind.choices)
    status = Choice(label="Current or ended", choices=[("current", "Current"), ("ended", "Ended")])
    ood = Checkbox(label="Out of district only")

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, Placement.objects.all() if queryset is None else queryset, **kwargs)

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        chosen = self.form.cleaned_data
        return places.placements(
            self.today, kind=chosen["kind"], status=chosen["status"], out_of_district=chosen["ood"]
        )

    @property
    def audited(self) -> dict:
        """The filters as the audit entry records them (as before: kind, status, ood)."""
        chosen = self.form.cleaned_data if self.is_valid() else {}
        return {
            "kind": chosen.get("kind", ""),
            "status": chosen.get("status", ""),
            "ood": bool(chosen.get("ood")),
        }
