"""Job kinds for the tests of the jobs layer itself: counting, failing with a reason, failing
unexpectedly, failing once then working, making a file, and being overtaken by its own
restart. Registered like any app's kinds."""

from datetime import timedelta

from jobs import registry, services
from jobs.registry import job_kind
from jobs.services import JobFailed, Outcome

ATTEMPTS: dict[str, int] = {}


@job_kind("tests.count", title="Count to a number")
def count(job, progress):
    total = job.params.get("to", 10)
    progress(0, total, "Counting")
    for n in range(1, total + 1):
        progress(n)
    return Outcome(
        url="/",
        label="Home",
        result={"counted": total},
        file=b"a,b\n1,2\n",
        file_name="n.csv",
        content_type="text/csv",
    )


@job_kind("tests.refuse", title="Refuse with a reason")
def refuse(job, progress):
    progress(1, 4, "Looking")
    raise JobFailed("The census date is not one the DfE collects.")


@job_kind("tests.flaky", title="Fail once, then work")
def flaky(job, progress):
    ATTEMPTS[str(job.public_id)] = ATTEMPTS.get(str(job.public_id), 0) + 1
    if ATTEMPTS[str(job.public_id)] == 1:
        raise RuntimeError("a database timeout, say (details for the log, not for the page)")
    return Outcome(result={"attempt": ATTEMPTS[str(job.public_id)]})


def job_for(user, kind="tests.count", **params):
    return services.start(kind, user, params=params)


@job_kind("tests.overtaken", title="Overtaken by its own restart")
def overtaken(job, progress):
    """Its first run is slow: meanwhile the job is found stuck, queued again and run to the end by
    another worker (done here, inside the first run). Then the first run reports progress
    (params: then="progress") or tries to finish."""
    if job.attempts == 1:
        later = job.started_at + registry.time_limit(job.kind) + timedelta(seconds=1)
        services.recover_stuck(now=later)
        services.execute(str(job.public_id))
        if job.params.get("then") == "progress":
            progress(1, 2, "Still going")
    return Outcome(result={"run": job.attempts})
