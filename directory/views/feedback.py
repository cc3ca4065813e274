"""The two feedback forms at the foot of every Local Offer page. Anyone may send them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core import throttle
from directory import feedback
from directory.choices import FeedbackKind
from directory.forms import ProblemForm, UsefulForm

THANKS = "Thank you for your feedback."


@require_POST
def useful(request):
    form = UsefulForm(request.POST)
    page = feedback.page_path(request.POST.get("page"))
    if form.is_valid():
        try:
            feedback.record(
                request, kind=FeedbackKind.USEFUL, page=page, useful=form.cleaned_data["useful"] == "yes"
            )
        except throttle.TooManyAttempts as error:
            return throttle.too_many_attempts(request, error)
        messages.success(request, THANKS)
    return redirect(page)


def report_problem(request):
    page = feedback.page_path(request.POST.get("page") or request.GET.get("page"))
    form = ProblemForm(request.POST or None, initial={"page": page})
    if request.method == "POST" and form.is_valid():
        try:
            feedback.record(request, kind=FeedbackKind.PROBLEM, page=page, text=form.cleaned_data["text"])
        except throttle.TooManyAttempts as error:
            return throttle.too_many_attempts(request, error)
        messages.success(request, f"{THANKS} We will pass it to the people who run this service.")
        return redirect(page)
    return render(request, "directory/report_problem.html", {"form": form, "page": page})
