"""Manager pages: the wording of decision letters, and the queue of letters to print and post."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from casework import panel_rules  # noqa: F401 - registers the permissions used here
from core.concurrency import StaleEditError
from core.permissions import permission_required
from notifications import services
from notifications.forms import PLACEHOLDER_HELP, LetterTemplateForm
from notifications.links import case_path
from notifications.models import LetterTemplate


@permission_required("casework.edit_letter_templates")
def letter_template_list(request):
    return render(
        request, "notifications/letter_template_list.html", {"templates": LetterTemplate.objects.all()}
    )


@permission_required("casework.edit_letter_templates")
def letter_template_edit(request, kind):
    template = get_object_or_404(LetterTemplate, kind=kind)
    form = LetterTemplateForm(request.POST or None, instance=template, initial={"version": template.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(request, form.save(commit=False), form.cleaned_data["version"])
        except StaleEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Letter wording saved: {template.get_kind_display().lower()}")
            return redirect("casework:letter_template_list")
    return render(
        request,
        "notifications/letter_template_form.html",
        {"form": form, "template": template, "placeholders": PLACEHOLDER_HELP},
    )


@permission_required("casework.view_print_queue")
def print_queue(request):
    page = Paginator(services.print_queue().order_by("created_at", "pk"), 25).get_page(
        request.GET.get("page")
    )
    for notification in page:
        notification.case_path = case_path(notification.case) if notification.case else ""
    return render(request, "notifications/print_queue.html", {"page_obj": page})


@require_POST
@permission_required("casework.view_print_queue")
def print_queue_posted(request, pk):
    notification = get_object_or_404(services.print_queue(), pk=pk)
    if services.mark_posted(request, notification):
        messages.success(request, "Letter marked as posted")
    return redirect("casework:print_queue")
