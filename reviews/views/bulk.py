"""Managers arranging a school's review meetings at once, and the review measures by month."""


from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from clock import dates
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from reviews import meetings, queries
from reviews.events import OutOfOrder
from reviews.measures import review_measures
from reviews.other_forms import BulkScheduleForm

MEASURED_MONTHS = 12


def _arrange(request, form):
    data = form.cleaned_data
    school = form.chosen_school
    result = meetings.bulk_schedule(
        request,
        school=school,
        due_from=data["due_from"],
        due_to=data["due_to"],
        first_day=data["first_day"],
        per_day=data["per_day"],
        start_time=data["start_time"],
        place=data["place"],
        late_reason=data["late_reason"],
    )
    if not result.scheduled:
        messages.info(
            request, f"No reviews at {school.name} are due in those dates and waiting for a meeting"
        )
    else:
        late = f" {result.after_due} of them fall after the review's due date." if result.after_due else ""
        messages.success(
            request, f"{result.scheduled} meetings arranged at {school.name}: invitations sent.{late}"
        )
    return reverse("reviews:review_list") + f"?show=all&school={school.public_id}"


@permission_required("reviews.bulk_schedule")
@once_per_form
def bulk_schedule(request):
    form = BulkScheduleForm(request.POST or None, schools=queries.schools_with_open_reviews())
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(
                create_once(form.cleaned_data["form_token"], request.user, lambda: _arrange(request, form))
            )
        except OutOfOrder as error:
            form.add_error(None, str(error))
    return render(
        request,
        "reviews/bulk_schedule.html",
        {
            "form": form,
            "backlog": queries.backlog(dates.today()),
            "title": "Arrange a school's review meetings",
        },
    )


@permission_required("reviews.view_measures")
def measures(request):
    today = dates.today()
    start = dates.months_to(today, MEASURED_MONTHS)
    figures = review_measures(start, today, today=today)
    return render(
        request,
        "reviews/measures.html",
        {"measures": figures, "months": list(reversed(figures.months)), "backlog": queries.backlog(today)},
    )
