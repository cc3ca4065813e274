"""The one way a file import runs as a job (jobs.imports.run_import), used by the children's
records, schools, Local Offer services and feed, and waiting-list extract imports."""

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from directory import jobs as directory_jobs
from jobs.imports import PROBLEMS_SHOWN, run_import
from jobs.services import JobFailed
from people import imports as people_imports
from people import jobs as people_jobs
from waiting import jobs as waiting_jobs

JOB = SimpleNamespace(input_name="children.csv", input_data=b"upn,name\n")


@dataclass
class Problem:
    row: int
    message: str


@dataclass
class Result:
    problems: list = field(default_factory=list)
    created: int = 0

    @property
    def ok(self):
        return not self.problems


def test_the_importer_reads_the_jobs_file_and_its_result_comes_back():
    seen = []

    def importer(upload):
        seen.append((upload.name, upload.read()))
        return Result(created=3)

    assert run_import(JOB, importer).created == 3
    assert seen == [("children.csv", b"upn,name\n")]


def test_an_unreadable_file_fails_the_job_with_the_importers_words_and_no_retry():
    def importer(upload):
        raise people_imports.UnreadableFile("This file could not be read")

    with pytest.raises(JobFailed) as failed:
        run_import(JOB, importer, unreadable=people_imports.UnreadableFile)
    assert (str(failed.value), failed.value.can_retry) == ("This file could not be read", False)


def test_a_file_with_problems_fails_the_job_listing_them():
    problems = [Problem(n, "Enter a date of birth") for n in range(PROBLEMS_SHOWN + 2)]
    with pytest.raises(JobFailed) as failed:
        run_import(JOB, lambda upload: Result(problems=problems), what="feed", advice="Ask the provider.")
    assert str(failed.value) == "Nothing was imported: the feed has 502 problems. Ask the provider."
    assert failed.value.can_retry is False
    assert failed.value.result["problem_count"] == 502
    assert failed.value.result["problems"][:1] == [{"row": 0, "message": "Enter a date of birth"}]
    assert len(failed.value.result["problems"]) == PROBLEMS_SHOWN
    with pytest.raises(JobFailed, match="the file has 1 problem. Correct the file and upload it again.$"):
        run_import(JOB, lambda upload: Result(problems=problems[:1]))


def test_every_import_job_goes_through_it():
    for module in (directory_jobs, people_jobs, waiting_jobs):
        assert module.run_import is run_import
        assert not hasattr(module, "SimpleUploadedFile") and not hasattr(module, "PROBLEMS_SHOWN")
