from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

from core import plain_errors


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        plain_errors.apply()
        # Each app contributes its home-page figures and sections in <app>/home.py (core/home.py).
        autodiscover_modules("home")
        # Each app declares the KPI figures it counts in <app>/kpis.py (core/kpis.py).
        autodiscover_modules("kpis")
