from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Background jobs"

    def ready(self):
        # Each app declares its job kinds and scheduled tasks in <app>/jobs.py; import them all so the
        # worker can run any job whatever page started it.
        autodiscover_modules("jobs")
