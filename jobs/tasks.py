"""The django-tasks tasks the worker runs: one generic task for every user-started job, and the
scheduled tasks (jobs.schedule)."""

from django_tasks import task

from jobs import schedule, services


@task()
def run_job(job_id: str) -> str:
    return services.execute(job_id)


@task()
def run_scheduled(name: str, period: str) -> str:
    return schedule.run(name, period)
