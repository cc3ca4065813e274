"""Read-only questions the pages ask of the Local Offer."""

from django.db.models import Count, Q

from directory.choices import FeedbackStatus, ServiceStatus
from directory.models import Service, ServiceAtLocation, TaxonomyTerm
from directory.reviews import Freshness

LISTED = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


def listed_services():
    """Services families can find: open, or closed for now (with a warning)."""
    return Service.objects.filter(status__in=LISTED)


def freshness(today) -> Freshness:
    """Share of open services whose review is not overdue (target: FRESHNESS_TARGET)."""
    counts = Service.objects.filter(status=ServiceStatus.ACTIVE).aggregate(
        services=Count("pk"), in_time=Count("pk", filter=Q(review_due__gte=today))
    )
    return Freshness(counts["services"], counts["in_time"])


def terms_of(taxonomy_code: str):
    return TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code).order_by("position")


def with_terms(services, codes):
    """Services tagged with any of these term codes, or with a term under one of them."""
    tagged = Service.taxonomy_terms.through.objects.filter(
        Q(taxonomyterm__code__in=codes) | Q(taxonomyterm__parent__code__in=codes)
    ).values("service_id")
    return services.filter(pk__in=tagged)


def in_area(services, town: str):
    return services.filter(pk__in=ServiceAtLocation.objects.filter(location__city=town).values("service_id"))


def towns():
    return list(
        ServiceAtLocation.objects.exclude(location__city="")
        .values_list("location__city", flat=True)
        .distinct()
        .order_by("location__city")
    )


def owner_services(user):
    """A provider's own services, with what needs their attention."""
    return (
        Service.objects.filter(owner=user)
        .annotate(
            new_feedback=Count("feedback", filter=Q(feedback__status=FeedbackStatus.NEW), distinct=True),
            pending_changes=Count(
                "proposed_changes", filter=Q(proposed_changes__status="pending"), distinct=True
            ),
        )
        .order_by("review_due", "name")
    )
