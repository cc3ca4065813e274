"""The SEN2 return's counts against the system's own records, as its pages count them: new plans in
the year, plans in place on the census day, and requests received in the year. A difference means
the return leaves something out or counts it twice, so the SEN2 page shows it as a failure.

New plans are the plans first issued in the return's year, less those another area issued and that
moved here with the child (SEN2 TransferLA: not this area's new plans). The return counts them from
its named plans under a request of the year (not a historical one, outcome H)."""

from dataclasses import asdict, dataclass

from django.db.models import Q
from django.urls import reverse

from casework.models import AssessmentCase
from performance.returns import sen2 as sen2_module
from plans.models import EHCPlan
from reviews.models import Direction, Transfer


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    reported: int  # in the return
    recorded: int  # in the system's records
    page: str  # where the records are listed

    @property
    def agrees(self) -> bool:
        return self.reported == self.recorded

    def as_dict(self) -> dict:
        return {**asdict(self), "agrees": self.agrees}


def new_plans_reported(sen2) -> int:
    return sum(
        1
        for request in sen2.requests
        if request.outcome != "H"
        and request.assessment is not None
        and request.assessment.named_plan is not None
        and request.assessment.named_plan.start_date is not None
        and sen2.period_start <= request.assessment.named_plan.start_date <= sen2.period_end
    )


def plans_first_issued(sen2) -> int:
    moved_in = Transfer.objects.filter(direction=Direction.IN, plan__isnull=False).values("plan_id")
    issued = EHCPlan.objects.filter(
        first_issued_on__gte=sen2.period_start, first_issued_on__lte=sen2.period_end
    )
    return issued.exclude(pk__in=moved_in).count()


def lines(sen2) -> list[Line]:
    census, start, end = sen2.census_date, sen2.period_start, sen2.period_end
    live = (
        EHCPlan.objects.filter(first_issued_on__lte=census)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gt=census))
        .exclude(pk__in=sen2_module.moved_in_after(census))  # another area's on the census day
    )
    received = AssessmentCase.objects.filter(received_on__gte=start, received_on__lte=end)
    requests = [
        r for r in sen2.requests if r.outcome != "H" and r.received_date and start <= r.received_date <= end
    ]
    plans_page, cases_page = reverse("plans:plan_list"), reverse("casework:case_list")
    return [
        Line(
            "new_plans",
            f"New plans first issued in {start.year}",
            new_plans_reported(sen2),
            plans_first_issued(sen2),
            plans_page,
        ),
        Line(
            "active_plans",
            "Plans in place on the census day",
            sum(1 for r in sen2.requests if r.active_plan is not None),
            live.count(),
            plans_page,
        ),
        Line("requests", f"Requests received in {start.year}", len(requests), received.count(), cases_page),
    ]
