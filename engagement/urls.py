from django.urls import path

from engagement import views

app_name = "engagement"
urlpatterns = [
    path("", views.disagreements, name="disagreements"),
    path("children/<uuid:child_id>/mediation/new/", views.mediation_new, name="mediation_new"),
    path("children/<uuid:child_id>/appeal/new/", views.appeal_new, name="appeal_new"),
    path("appeals/<uuid:appeal_id>/orders/new/", views.order_new, name="order_new"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
]
