"""Portal URLs for one part (included by portal/urls.py under the "portal" namespace)."""

urlpatterns: list = []
