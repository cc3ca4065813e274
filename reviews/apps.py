from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Annual reviews"

    def ready(self):
        # Loads models, so only once the app registry is ready: starts a review cycle when a plan is
        # first issued, and closes reviews when a plan ends.
        from reviews import signals  # noqa: F401
