"""One way a file import runs on the job queue, for every app that imports: the upload rebuilt from
the job, the app's importer called, and an unreadable file or a file with problems turned into a
JobFailed that is not retried (the same file would fail the same way), its problems listed on the
job's page. The importers are all-or-nothing: with any problem nothing was saved."""

from dataclasses import asdict

from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.running import JobFailed

PROBLEMS_SHOWN = 500
CORRECT_THE_FILE = "Correct the file and upload it again."


def uploaded_file(job) -> SimpleUploadedFile:
    """The file the job was started with, as the importers read an upload."""
    return SimpleUploadedFile(job.input_name, bytes(job.input_data or b""))


def run_import(job, importer, *, unreadable=(), what="file", advice=CORRECT_THE_FILE):
    """`importer(upload)`'s result (with `.ok`, `.problems`), or JobFailed: the message of an
    `unreadable` error, or "Nothing was imported: the `what` has N problems" with the problems."""
    try:
        result = importer(uploaded_file(job))
    except unreadable as error:
        raise JobFailed(str(error), can_retry=False) from error
    if not result.ok:
        count = len(result.problems)
        raise JobFailed(
            f"Nothing was imported: the {what} has {count:,} problem{'s' if count != 1 else ''}. {advice}",
            result={
                "problem_count": count,
                "problems": [asdict(p) for p in result.problems[:PROBLEMS_SHOWN]],
            },
            can_retry=False,
        )
    return result
