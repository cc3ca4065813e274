"""Survey pages: the builder and results for managers, and the answer pages that families and
partners reach by their link without signing in."""

from datetime import date

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from clock import dates
from core import throttle
from core.idempotency import create_once, once_per_form
from core.permissions import permission_required
from engagement import survey_measures, survey_services
from engagement.charts import bar_chart
from engagement.filters import SurveyFilter
from engagement.forms import PairForm, QuestionForm, SurveyForm, answer_form
from engagement.jobs import SEND_INVITATIONS_JOB
from engagement.models import Invitation, Question, Survey, TrainingPair
from engagement.services import Refused
from jobs import services as jobs
from jobs.models import Status

MANAGE = "engagement.manage_surveys"


def _survey(public_id):
    return get_object_or_404(Survey, public_id=public_id)


@permission_required(MANAGE)
def survey_list(request):
    filters = SurveyFilter(request.GET, Survey.objects.all())
    surveys = filters.qs.annotate(answered=Count("responses", distinct=True))
    today = dates.today()
    months, by_audience = survey_measures.answers_by_audience_and_month(
        dates.months_to(today, 6), today
    )
    totals = [(label, sum(counts)) for label, counts in by_audience]
    context = {
        "surveys": surveys,
        "filters": filters,
        "today": today,
        "months": months,
        "by_audience": by_audience,
        "audience_chart": bar_chart("Answers by audience, last 6 months", totals, "chart-audience"),
        "pairs": TrainingPair.objects.select_related("before", "after"),
    }
    return render(request, "engagement/surveys/list.html", context)


def _form_errors(form, refused):
    form.add_error(refused.field if refused.field in form.fields else None, refused.message)


@permission_required(MANAGE)
@once_per_form
def survey_new(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}

        def step():
            survey = survey_services.create_survey(request, request.user, **data)
            messages.success(request, "Survey created: now add its questions")
            return reverse("surveys:detail", args=[survey.public_id])

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, step))
        except Refused as refused:
            _form_errors(form, refused)
    return render(
        request,
        "engagement/form.html",
        {
            "form": form,
            "title": "Create a survey",
            "caption": "Surveys",
            "submit": "Create the survey",
            "back": ("Back to surveys", reverse("surveys:list")),
        },
    )


@permission_required(MANAGE)
def survey_detail(request, public_id):
    survey = _survey(public_id)
    questions = list(survey.questions.all())
    context = {
        "survey": survey,
        "questions": questions,
        "is_open": survey.is_open_on(dates.today()),
        "invited": survey.invitations.count(),
        "answered": survey.responses.count(),
        "link": request.build_absolute_uri(reverse("surveys:answer_link", args=[survey.link_token]))
        if survey.open_by_link
        else "",
    }
    return render(request, "engagement/surveys/detail.html", context)


@permission_required(MANAGE)
@once_per_form
def question_new(request, public_id):
    survey = _survey(public_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}

        def step():
            survey_services.add_question(request, request.user, survey, **data)
            messages.success(request, "Question added")
            return reverse("surveys:detail", args=[survey.public_id])

        try:
            return redirect(create_once(form.cleaned_data["form_token"], request.user, step))
        except Refused as refused:
            _form_errors(form, refused)
    return render(
        request,
        "engagement/form.html",
        {
            "form": form,
            "title": "Add a question",
            "caption": survey.title,
            "submit": "Add the question",
            "back": ("Back to the survey", reverse("surveys:detail", args=[survey.public_id])),
        },
    )


@require_POST
@permission_required(MANAGE)
def question_move(request, public_id, question_id):
    survey = _survey(public_id)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    try:
        survey_services.move_question(request, request.user, question, request.POST.get("direction", ""))
    except Refused as refused:
        messages.error(request, refused.message)
    return redirect(reverse("surveys:detail", args=[survey.public_id]) + "#questions")


@require_POST
@permission_required(MANAGE)
def survey_open(request, public_id):
    survey = _survey(public_id)
    try:
        survey_services.open_survey(request, request.user, survey)
        messages.success(request, "Survey opened")
    except Refused as refused:
        messages.error(request, refused.message)
    return redirect("surveys:detail", public_id=survey.public_id)


@require_POST
@permission_required(MANAGE)
def survey_send(request, public_id):
    """Invitations go out from a background job (a survey to thousands of families takes a
    while); the sender goes to its page, which shows progress and then how many were sent."""
    survey = _survey(public_id)
    try:
        survey_services.check_can_send(survey)
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect("surveys:detail", public_id=survey.public_id)
    params = {"survey": str(survey.public_id)}
    # A second click while invitations are still going out follows the first job, not a new one.
    sending = jobs.latest(SEND_INVITATIONS_JOB, status=[Status.QUEUED, Status.RUNNING], **params)
    if sending is not None:
        return redirect(jobs.job_url(sending))
    job = jobs.start(SEND_INVITATIONS_JOB, request.user, params=params)
    if job.status == Status.SUCCEEDED:  # run at once (no separate worker): say what it did
        text = f"Invitations sent: {job.result['invited']}"
        if job.result["failed"]:
            text += f" ({job.result['failed']} could not be sent: see the notifications log)"
        messages.success(request, text)
    return redirect(jobs.next_url(job))


def _month(raw) -> date | None:
    try:
        year, month = (int(part) for part in raw.split("-"))
        return date(year, month, 1)
    except (AttributeError, ValueError):
        return None


@permission_required(MANAGE)
def survey_results(request, public_id):
    survey = _survey(public_id)
    month = _month(request.GET.get("month", ""))
    published = request.GET.get("published") == "1"
    found = survey_measures.results(survey, month=month, published=published)
    charts = []
    for result in found.questions:
        rows = [(option.label, option.count) for option in result.options]
        chart = bar_chart(result.question.text, rows, f"chart-q{result.question.pk}") if rows else ""
        charts.append((result, chart))
    record(request, Action.VIEW, obj=survey, summary="Viewed a survey's results")
    context = {
        "survey": survey,
        "results": found,
        "charts": charts,
        "month": month,
        "published": published,
    }
    return render(request, "engagement/surveys/results.html", context)


# --- Answer pages: reached by link, without signing in --------------------------------------------


def _answer_page(request, survey, invitation):
    today = dates.today()
    questions = list(survey.questions.all())
    form = answer_form(questions, request.POST if request.method == "POST" else None)
    problem = ""
    if invitation is not None and invitation.answered_at is not None:
        problem = "An answer has already been sent using this link. Thank you for taking part."
    elif not survey.is_open_on(today):
        problem = "This survey is closed: answers can no longer be sent."
    elif request.method == "POST" and form.is_valid():
        if invitation is None:  # the open link: anyone may answer, so a throttle per client and link
            try:
                throttle.attempt(request, "survey_answer", account=survey.link_token)
            except throttle.TooManyAttempts as error:
                return throttle.too_many_attempts(request, error)
        answers = {q: form.cleaned_data.get(f"q{q.pk}") for q in questions}
        try:
            survey_services.submit(survey, invitation, answers, today)
        except Refused as refused:
            problem = refused.message
        else:
            return redirect("surveys:thanks")
    status = 200 if not problem or request.method == "GET" else 409
    return render(
        request,
        "engagement/surveys/answer.html",
        {"survey": survey, "form": form, "problem": problem},
        status=status,
    )


def answer(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("survey"), token=token)
    return _answer_page(request, invitation.survey, invitation)


def answer_link(request, token):
    survey = get_object_or_404(Survey, link_token=token)
    if not survey.open_by_link:
        raise Http404
    return _answer_page(request, survey, None)


def thanks(request):
    return render(request, "engagement/surveys/thanks.html")


# --- Training impact ----------------------------------------------------------------------------


@permission_required(MANAGE)
@once_per_form
def pair_new(request):
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def step():
            pair = survey_services.pair_training(
                request, request.user, data["course"], data["before"], data["after"]
            )
            return reverse("surveys:pair_detail", args=[pair.public_id])

        try:
            return redirect(create_once(data["form_token"], request.user, step))
        except Refused as refused:
            _form_errors(form, refused)
    return render(
        request,
        "engagement/form.html",
        {
            "form": form,
            "title": "Compare a course's surveys",
            "caption": "Training impact",
            "submit": "Compare",
            "back": ("Back to surveys", reverse("surveys:list")),
        },
    )


@permission_required(MANAGE)
def pair_detail(request, public_id):
    pair = get_object_or_404(TrainingPair.objects.select_related("before", "after"), public_id=public_id)
    context = {"pair": pair, "differences": survey_measures.training_difference(pair)}
    return render(request, "engagement/surveys/pair.html", context)
