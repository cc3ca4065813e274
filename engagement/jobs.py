"""Background work of the engagement app: sending a survey's invitations (to thousands of families
it takes longer than a page should), with its progress shown to the person who sent it."""

from django.urls import reverse

from engagement import survey_services
from engagement.models import Survey
from engagement.services import Refused
from jobs.registry import job_kind
from jobs.services import JobFailed, Outcome

SEND_INVITATIONS_JOB = "engagement.send_survey_invitations"


@job_kind(
    SEND_INVITATIONS_JOB,
    title="Send survey invitations",
    result_template="engagement/surveys/_send_job_result.html",
)
def send_survey_invitations(job, progress):
    survey = Survey.objects.get(public_id=job.params["survey"])
    try:
        counts = survey_services.send_invitations(None, job.owner, survey, progress=progress)
    except Refused as refused:
        raise JobFailed(refused.message, can_retry=False) from refused
    return Outcome(
        url=reverse("surveys:detail", args=[survey.public_id]), label="Back to the survey", result=counts
    )
