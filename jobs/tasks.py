"""The django-tasks tasks the worker runs: one generic task for every user-started job, and one for
the scheduled tasks. Each only calls the running half (jobs.running); the starting half
(jobs.services, jobs.schedule) imports these to enqueue them."""

from django_tasks import task

from jobs import running


@task()
def run_job(job_id: str) -> str:
    return running.execute(job_id)


@task()
def run_scheduled(name: str, period: str) -> str:
    return running.run_scheduled(name, period)
