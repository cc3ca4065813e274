"""Joint commissioning: needs analysis, demand forecast, sufficiency, placements and costs."""

from django.urls import path

from commissioning import cost_views, views

app_name = "commissioning"
urlpatterns: list = [
    path("", views.needs, name="needs"),
    path("forecast/", views.forecast_page, name="forecast"),
    path("sufficiency/", views.sufficiency_page, name="sufficiency"),
    path("sufficiency/places/", views.places_create, name="places_create"),
    path("placements/", views.placement_list, name="placements"),
    path("placements/new/", views.placement_child_search, name="placement_search"),
    path("placements/new/<uuid:public_id>/", views.placement_create, name="placement_create"),
    path("placements/<uuid:public_id>/", views.placement_detail, name="placement_detail"),
    path("placements/<uuid:public_id>/cost/", cost_views.cost_create, name="cost_create"),
    path("placements/costs/<uuid:public_id>/correct/", cost_views.cost_correct, name="cost_correct"),
    path("placements/<uuid:public_id>/end/", views.placement_end, name="placement_end"),
    path("budget/", views.budget_page, name="budget"),
    path("budget/set/", views.budget_set, name="budget_set"),
    path("out-of-district/", views.out_of_district, name="out_of_district"),
    path("intentions/", views.intention_list, name="intentions"),
    path("intentions/new/", views.intention_create, name="intention_create"),
]
