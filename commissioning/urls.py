"""Joint commissioning: needs analysis, demand forecast, sufficiency, placements and costs."""

from django.urls import path

from commissioning import views

app_name = "commissioning"
urlpatterns: list = [
    path("", views.needs, name="needs"),
    path("forecast/", views.forecast_page, name="forecast"),
]
