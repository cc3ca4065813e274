"""The jobs app's own scheduled task: finished jobs are kept JOB_KEEP_DAYS (default 30), then
deleted with their queue rows, since a job's result can hold children's names (SEN2 checks)."""

from datetime import time

from jobs import services
from jobs.schedule import scheduled_task


@scheduled_task("jobs.prune", after=time(3, 30))
def prune(day):
    return "{jobs} jobs and {tasks} queue rows deleted".format(**services.prune())
