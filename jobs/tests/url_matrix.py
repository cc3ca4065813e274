"""This app's rows of the permission matrix (see core/tests/test_permission_matrix.py): a job's
pages open only for the person who started it (the manager here); everyone else gets 404."""

from core.tests.writes import Post
from jobs.tests.kinds import job_for


def _job(area):
    return [job_for(area.users["manager"]).public_id]


MATRIX = {
    "jobs:detail": (_job, {"manager"}, 404),
    "jobs:status": (_job, {"manager"}, 404),
    "jobs:retry": (_job, "post-only", None),
    "jobs:download": (_job, {"manager"}, 404),
}
NOT_HTML_PAGES: set[str] = {"jobs:status", "jobs:download"}

# Who may POST to each URL that takes one (core/tests/test_post_matrix.py): the job's owner retries.
POSTERS = {"jobs:retry": Post({"manager"}, refused=404)}
