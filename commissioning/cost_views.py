"""Placement costs: adding one (shown back as a yearly figure to confirm first) and correcting a
wrong one with its history kept. The rules and the audit are in commissioning.services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.services import record_read
from commissioning import services
from commissioning.forms import CorrectCostForm, CostForm
from commissioning.models import Placement, PlacementCost
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required


@permission_required("commissioning.record_placement")
def cost_create(request, public_id):

    placement = get_object_or_404(Placement.objects.select_related("child", "provider"), public_id=public_id)
    record_read(request, placement, "Opened a page to change the record (cost create)")
    form = CostForm(request.POST or None)

    @once_per_form
    def handle(request):
        confirm = None
        if (
            request.method == "POST"
            and form.is_valid()
            and not (confirm := form.needs_confirming(placement.provider))
        ):
            def create():
                services.add_cost(request, request.user, placement, form.cost())
                return reverse("commissioning:placement_detail", args=[placement.public_id])

            try:
                return redirect(create_once(form.cleaned_data.get("form_token"), request.user, create))
            except services.Refused as refused:
                for field_name, message in refused.problems:
                    form.add_error(field_name if field_name in form.fields else None, message)
        context = {"form": form, "placement": placement, "confirm": confirm}
        return render(request, "commissioning/cost_form.html", context)

    return handle(request)


@permission_required("commissioning.record_placement")
def cost_correct(request, public_id):
    """Correct a wrong cost (a typo, the wrong period): the cost keeps its history."""


    cost = get_object_or_404(PlacementCost.objects.select_related("placement__child"), public_id=public_id)
    placement = cost.placement
    form = CorrectCostForm(request.POST or None, initial=cost.amounts())

    @once_per_form
    def handle(request):
        confirm = None
        if (
            request.method == "POST"
            and form.is_valid()
            and not (confirm := form.needs_confirming(placement.provider))
        ):
            def correct():
                services.correct_cost(request, request.user, cost, form.cost(), form.cleaned_data["reason"])
                messages.success(request, "The cost has been corrected")
                return reverse("commissioning:placement_detail", args=[placement.public_id])

            try:
                return redirect(create_once(form.cleaned_data.get("form_token"), request.user, correct))
            except services.Refused as refused:
                for field_name, message in refused.problems:
                    form.add_error(field_name if field_name in form.fields else None, message)
        elif request.method != "POST":
            record_read(request, cost, "Opened a cost to correct", child=placement.child)
        return render(
            request,
            "commissioning/cost_correct.html",
            {"form": form, "placement": placement, "cost": cost, "confirm": confirm},
        )

    return handle(request)
