"""Read-only survey figures: a survey's results by question and month, the measures that feed the
KPI framework, and the before-and-after difference of a training course. Each reads the answers in
one query and counts them here, so the number of queries does not grow with the answers."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from casework.measures import Proportion
from clock import dates
from core.suppression import TABLE_MARKER, is_suppressed, suppress
from engagement.models import Answer, Audience, Measure, Question, QuestionKind, Survey, SurveyResponse

TEXT_LIMIT = 200


@dataclass
class OptionCount:
    label: str
    count: int | str  # a marker when suppressed
    percent: float | str | None


@dataclass
class QuestionResult:
    question: Question
    answered: int | str = 0
    options: list[OptionCount] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    positive: Proportion | None = None


@dataclass
class Results:
    survey: Survey
    responses: int | str
    by_month: list[tuple[date, int | str]]
    questions: list[QuestionResult]
    months: list[date]


def results(survey, month: date | None = None, published: bool = False) -> Results:
    """Counts for each question (of the responses in `month`, or all). Published results suppress
    counts of 1 to 4 and the percentages made from them, and leave out free text."""
    responses = SurveyResponse.objects.filter(survey=survey)
    sent = responses.values_list("submitted_on", flat=True)
    all_months = sorted({dates.month_start(d) for d in sent}, reverse=True)
    if month is not None:
        responses = responses.filter(submitted_on__gte=month, submitted_on__lt=dates.month_after(month))
    months = Counter(dates.month_start(d) for d in responses.values_list("submitted_on", flat=True))
    answers = (
        Answer.objects.filter(response__in=responses)
        .order_by("response__submitted_on", "pk")
        .values("question_id", "choices", "rating", "text")
    )
    by_question = defaultdict(list)
    for row in answers:
        by_question[row["question_id"]].append(row)
    total = sum(months.values())

    def show(count):
        return suppress(count, TABLE_MARKER) if published else count

    out = []
    for question in survey.questions.all():
        rows = by_question.get(question.pk, [])
        result = QuestionResult(question, show(len(rows)))
        if question.kind == QuestionKind.TEXT:
            # The page lists the latest answers; thousands of them would make it unusable.
            result.texts = [] if published else [r["text"] for r in reversed(rows[-TEXT_LIMIT:])]
        else:
            counts = Counter()
            for row in rows:
                if question.kind == QuestionKind.RATING:
                    counts[str(row["rating"])] += 1
                else:
                    counts.update(row["choices"])
            for label in question.option_list:
                n = counts.get(label, 0)
                suppressed = published and (is_suppressed(n) or is_suppressed(len(rows)))
                percent = round(100 * n / len(rows), 1) if rows else None
                result.options.append(OptionCount(label, show(n), TABLE_MARKER if suppressed else percent))
        if question.measure:
            result.positive = Proportion(len(rows), sum(question.is_positive(_Row(r)) for r in rows))
        out.append(result)
    return Results(
        survey=survey,
        responses=show(total),
        by_month=[(m, show(n)) for m, n in sorted(months.items(), reverse=True)],
        questions=out,
        months=all_months,
    )


class _Row:
    def __init__(self, row):
        self.choices, self.rating = row["choices"], row["rating"]


def measure_by_month(measure: str, start: date, end: date) -> dict[date, Proportion]:
    """Month start -> Proportion of the answers to questions feeding `measure` that count as yes,
    by the month each answer was sent."""
    questions = {q.pk: q for q in Question.objects.filter(measure=measure)}
    rows = Answer.objects.filter(
        question_id__in=questions, response__submitted_on__gte=start, response__submitted_on__lte=end
    ).values("question_id", "choices", "rating", "response__submitted_on")
    months: dict[date, Proportion] = defaultdict(Proportion)
    for row in rows:
        yes = questions[row["question_id"]].is_positive(_Row(row))
        months[dates.month_start(row["response__submitted_on"])] += Proportion(1, int(yes))
    return dict(months)


def kept_informed_by_month(start: date, end: date) -> dict[date, Proportion]:
    return measure_by_month(Measure.KEPT_INFORMED, start, end)


@dataclass
class Difference:
    text: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


def training_difference(pair) -> list[Difference]:
    """For each rating question asked before and after the course (matched by its wording), the
    average rating before and after. Choice questions compare the share choosing the first answer."""

    def averages(survey):
        found = {}
        for result in results(survey).questions:
            question = result.question
            if question.kind == QuestionKind.RATING:
                scores = [(int(o.label), o.count) for o in result.options]
                n = sum(c for _, c in scores)
                found[question.text] = round(sum(s * c for s, c in scores) / n, 1) if n else None
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and result.options:
                found[question.text] = result.options[0].percent
        return found

    before, after = averages(pair.before), averages(pair.after)
    return [Difference(text, before[text], after.get(text)) for text in before if text in after]


def answers_by_audience_and_month(start: date, end: date) -> tuple[list[date], list[tuple[str, list[int]]]]:
    """The number of answers for each audience in each month from `start` to `end` (one query)."""
    counts = {
        (row["survey__audience"], row["month"]): row["n"]
        for row in SurveyResponse.objects.filter(submitted_on__gte=start, submitted_on__lte=end)
        .annotate(month=TruncMonth("submitted_on"))
        .values("survey__audience", "month")
        .annotate(n=Count("pk"))
    }
    months = dates.month_starts(start, end)
    rows = [(label, [counts.get((value, m), 0) for m in months]) for value, label in Audience.choices]
    return months, rows
