"""The Local Offer editors' list of every service: its filters (name, overdue for review)."""

from django.db.models import Q
from django_filters import CharFilter

from core.filters import Checkbox, Choice, ListFilterSet
from directory.choices import FeedbackKind, FeedbackStatus


class ServiceFilter(ListFilterSet):
    q = CharFilter(label="Service or organisation name", method="named")
    overdue = Checkbox(label="Only services overdue for review", method="overdue_for_review")

    def named(self, services, name, value):
        value = value[:200]
        return services.filter(Q(name__icontains=value) | Q(organization__name__icontains=value))

    def overdue_for_review(self, services, name, value):
        return services.filter(review_due__lt=self.today) if value else services


class FeedbackFilter(ListFilterSet):
    """The feedback list's choices, made by its links (not a drawn form): which kind, and whether
    feedback already dealt with is included (by default only new feedback)."""

    drawn = False

    kind = Choice(label="Kind of feedback", choices=FeedbackKind.choices, field_name="kind")
    show = Choice(label="Show", choices=[("all", "Include feedback already dealt with")], method="including")

    def filter_queryset(self, found):
        found = super().filter_queryset(found)
        return found if self.data.get("show") == "all" else found.filter(status=FeedbackStatus.NEW)

    def including(self, found, name, value):
        return found  # every status: see filter_queryset
