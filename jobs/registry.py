"""The kinds of job the service knows, each declared once in its app's jobs.py:

    from jobs.registry import job_kind

    @job_kind("people.import_children", title="Import children's records")
    def import_children(job, progress):
        progress(0, len(rows), "Checking rows")
        ...
        return Outcome(url=..., label="See the children", result={...})

`run(job, progress)` does the work; it may raise jobs.services.JobFailed("plain reason") to end
the job with a reason its owner can act on.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str
    run: Callable
    # Shown on the job page under the progress bar once the job has succeeded (gets `job`).
    result_template: str = ""


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, title: str, result_template: str = ""):
    def register(run):
        KINDS[name] = JobKind(name=name, title=title, run=run, result_template=result_template)
        return run

    return register


def get(name: str) -> JobKind:
    try:
        return KINDS[name]
    except KeyError:
        raise LookupError(f"No job kind {name!r}: declare it with @job_kind in the app's jobs.py") from None
