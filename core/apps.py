from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.module_loading import autodiscover_modules

from core import middleware, plain_errors


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        plain_errors.apply()
        # Signing in has just saved the session: the first page after it need not renew it.
        user_logged_in.connect(middleware.renewed_at_sign_in, dispatch_uid="core.session_renewed")
        # Each app contributes its home-page figures and sections in <app>/home.py (core/home.py).
        autodiscover_modules("home")
        # Each app declares the KPI figures it counts in <app>/kpis.py (core/kpis.py).
        autodiscover_modules("kpis")
