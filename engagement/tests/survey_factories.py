"""Surveys for tests, built and opened through the real services."""

from datetime import timedelta

from clock import dates
from engagement import survey_services
from engagement.models import Audience, Invitation, Measure, QuestionKind


def survey(
    title="Keeping families informed", audience=Audience.FAMILIES, anonymous=True, opened=True, **fields
):
    today = dates.today()
    made = survey_services.create_survey(
        None,
        None,
        title=title,
        audience=audience,
        anonymous=anonymous,
        opens_on=fields.pop("opens_on", today - timedelta(days=7)),
        closes_on=fields.pop("closes_on", today + timedelta(days=21)),
        **fields,
    )
    kept_informed_question(made)
    survey_services.add_question(
        None, None, made, kind=QuestionKind.TEXT, text="Anything else you want to tell us?", required=False
    )
    if opened:
        survey_services.open_survey(None, None, made)
    return made


def kept_informed_question(made):
    return survey_services.add_question(
        None,
        None,
        made,
        kind=QuestionKind.SINGLE,
        text="Do you feel kept informed about your child's EHC plan?",
        options="Yes, always\nSometimes\nNo",
        measure=Measure.KEPT_INFORMED,
        positive_options="Yes, always",
    )


def invitation(made, parent_carer=None, user=None):
    return Invitation.objects.create(survey=made, parent_carer=parent_carer, user=user, channel="email")


def training_pair(course="Writing outcomes that matter"):
    before = survey("Before: writing outcomes", audience=Audience.TRAINING)
    after = survey("After: writing outcomes", audience=Audience.TRAINING)
    return survey_services.pair_training(None, None, course, before, after)
