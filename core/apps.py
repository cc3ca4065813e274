from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import middleware, plain_errors

        plain_errors.apply()
        # Signing in has just saved the session: the first page after it need not renew it.
        user_logged_in.connect(middleware.renewed_at_sign_in, dispatch_uid="core.session_renewed")
