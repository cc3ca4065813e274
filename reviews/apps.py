from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Annual reviews"

    def ready(self):
        # Start a review cycle when a plan is first issued, and close reviews when a plan ends.
        from reviews import signals  # noqa: F401
