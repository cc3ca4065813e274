"""Demo data: a year of Brookfield's family survey (the share who feel kept informed rising towards
the KPI 1.1 trajectory), a training course's before and after surveys, mediation, tribunal appeals
and complaints on refused requests, "You said, we did" themes and youth forum sessions.

Answers are written in bulk (anonymous, by the open link), so the builder stays fast at scale 1;
then KPI 1.1's monthly history is taken from them (performance.demo.measured_later), as the nightly
snapshot would have done."""

from datetime import timedelta

from casework.models import AssessmentCase, Stage
from engagement import services, survey_services, voice_services
from engagement.models import (
    About,
    Answer,
    Audience,
    Measure,
    QuestionKind,
    SurveyResponse,
)

MONTHS = 12


def _month_starts(today, count):
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _survey(title, audience, opens_on, closes_on, link=True):
    made = survey_services.create_survey(
        None,
        None,
        title=title,
        audience=audience,
        anonymous=True,
        open_by_link=link,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    return made


def _answers(made, rows):
    """rows: (day, {question: value}) written in two bulk inserts."""
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=made, submitted_on=d) for d, _ in rows
    )
    answers = []
    for response, (_, values) in zip(responses, rows, strict=True):
        for question, value in values.items():
            if question.kind == QuestionKind.RATING:
                answers.append(Answer(response=response, question=question, rating=value))
            elif question.kind == QuestionKind.TEXT:
                answers.append(Answer(response=response, question=question, text=value))
            else:
                answers.append(Answer(response=response, question=question, choices=[value]))
    Answer.objects.bulk_create(answers, batch_size=1000)
    return len(responses)


FREE_TEXT = [
    "It would help to know who my caseworker is.",
    "The updates by text message are really useful.",
    "I had to chase for news about the draft plan.",
    "",
    "",
]


def _family_survey(context, months):
    rng, today = context.rng, context.today
    made = _survey("Keeping families informed", Audience.FAMILIES, months[0], today + timedelta(days=30))
    kept = survey_services.add_question(
        None,
        None,
        made,
        kind=QuestionKind.SINGLE,
        text="Do you feel kept informed about your child's EHC needs assessment or plan?",
        options="Yes, always\nMost of the time\nSometimes\nNo",
        measure=Measure.KEPT_INFORMED,
        positive_options="Yes, always\nMost of the time",
    )
    listened = survey_services.add_question(
        None, None, made, kind=QuestionKind.RATING, text="How well do we listen to you?"
    )
    better = survey_services.add_question(
        None, None, made, kind=QuestionKind.TEXT, text="What could we do better?", required=False
    )
    survey_services.open_survey(None, None, made)
    per_month = max(5, round(40 * context.scale))
    rows = []
    for index, month in enumerate(months):
        share = 0.35 + 0.3 * index / max(1, len(months) - 1)  # from 35% towards 65%
        last_day = min(today, (month + timedelta(days=31)).replace(day=1) - timedelta(days=1))
        for _ in range(per_month):
            day = month + timedelta(days=rng.randint(0, (last_day - month).days))
            yes = rng.random() < share
            choice = rng.choice(["Yes, always", "Most of the time"] if yes else ["Sometimes", "No"])
            values = {kept: choice, listened: rng.randint(3, 5) if yes else rng.randint(1, 3)}
            text = rng.choice(FREE_TEXT)
            if text:
                values[better] = text
            rows.append((day, values))
    return made, _answers(made, rows)


def _training(context):
    rng, today = context.rng, context.today
    start = today - timedelta(days=60)
    pair_surveys = []
    for label, low, high in (("Before", 1, 3), ("After", 3, 5)):
        made = _survey(
            f"{label}: writing outcomes that matter", Audience.TRAINING, start, today + timedelta(days=14)
        )
        question = survey_services.add_question(
            None, None, made, kind=QuestionKind.RATING, text="How confident are you writing SMART outcomes?"
        )
        survey_services.open_survey(None, None, made)
        _answers(made, [(start + timedelta(days=7), {question: rng.randint(low, high)}) for _ in range(18)])
        pair_surveys.append(made)
    survey_services.pair_training(None, None, "Writing outcomes that matter", *pair_surveys)


def _disagreements(context):
    today = context.today
    refused = list(
        AssessmentCase.objects.filter(stage=Stage.NOT_ASSESSED, received_on__lte=today - timedelta(days=120))
        .select_related("child")
        .order_by("pk")[: max(3, round(12 * context.scale))]
    )
    made = 0
    for index, case in enumerate(refused):
        asked = case.received_on + timedelta(days=50)
        if asked > today - timedelta(days=40):
            continue
        fields = {"child": case.child, "case": case, "about": About.REQUEST, "requested_on": asked}
        if index % 3 == 0:
            services.record_mediation(None, None, information_only=True, **fields)
        else:
            held = asked + timedelta(days=21)
            services.record_mediation(
                None,
                None,
                held_on=held,
                certificate_issued_on=held + timedelta(days=2),
                outcome="not_agreed",
                **fields,
            )
            if index % 3 == 2:
                services.record_appeal(
                    None,
                    None,
                    child=case.child,
                    case=case,
                    about=About.REQUEST,
                    registered_on=held + timedelta(days=14),
                    grounds="The area did not take account of the school's evidence of need.",
                )
        made += 1
    # A few families disagree with what the issued plan says (SEN2 OtherMediation, OtherTribunal).
    issued = AssessmentCase.objects.filter(stage=Stage.FINAL, closed_on__lte=today - timedelta(days=120))
    for index, case in enumerate(
        issued.select_related("child").order_by("pk")[: max(2, round(6 * context.scale))]
    ):
        asked = case.closed_on + timedelta(days=20)
        held = asked + timedelta(days=21)
        fields = {"child": case.child, "case": case, "about": About.OTHER, "requested_on": asked}
        services.record_mediation(
            None,
            None,
            held_on=held,
            certificate_issued_on=held + timedelta(days=2),
            outcome="not_agreed",
            **fields,
        )
        if index % 2 == 1:
            services.record_appeal(
                None,
                None,
                child=case.child,
                case=case,
                about=About.OTHER,
                registered_on=held + timedelta(days=14),
                grounds="Section F does not specify the speech and language therapy the advice recommends.",
            )
        made += 1
    for index, days in enumerate((3, 12, 35)):
        services.record_complaint(
            None,
            None,
            complainant=f"A parent ({index + 1})",
            summary="No reply to emails about the draft plan.",
            received_on=today - timedelta(days=days),
        )
    return made


def _voice(context, survey):
    today = context.today
    voice_services.add_theme(
        None,
        None,
        source="survey",
        survey=survey,
        you_said="Families told us they did not know who their caseworker was.",
        we_did="Every letter and message now names the caseworker and how to reach them.",
        heard_on=today - timedelta(days=150),
        published=True,
    )
    voice_services.add_theme(
        None,
        None,
        source="complaints",
        you_said="Emails about draft plans went unanswered.",
        we_did="Messages now have a 5 working day reply target, reported on the scorecard.",
        heard_on=today - timedelta(days=90),
        published=True,
    )
    voice_services.add_theme(
        None,
        None,
        source="feedback",
        you_said="Annual review meetings are often arranged at short notice.",
        we_did="",
        heard_on=today - timedelta(days=20),
    )
    first = voice_services.record_session(
        None, None, held_on=today - timedelta(days=70), topic="Getting to college", attendance=14
    )
    agreed = voice_services.add_proposal(
        None, None, first, "Travel training for every young person in year 11."
    )
    voice_services.decide_proposal(
        None,
        None,
        agreed,
        agreed.version,
        outcome="agreed",
        response="Travel training is offered from this September.",
        decided_on=today - timedelta(days=30),
    )
    second = voice_services.record_session(
        None, None, held_on=today - timedelta(days=14), topic="Your EHC plan", attendance=3
    )
    voice_services.add_proposal(
        None, None, second, "A one-page version of the plan written by the young person."
    )


def build(context):
    months = _month_starts(context.today, MONTHS)
    survey, answered = _family_survey(context, months)
    _training(context)
    disagreements = _disagreements(context)
    _voice(context, survey)
    # KPI 1.1's history is counted from these answers by performance.demo.measured_later.
    return {"family survey answers": answered, "mediations": disagreements}
