from django.urls import path

from core import health, views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.home_page, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    *health.urlpatterns,
]
