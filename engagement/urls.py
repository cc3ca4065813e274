from django.urls import path

from engagement import views

app_name = "engagement"
urlpatterns = [
    path("", views.disagreements, name="disagreements"),
    path("children/<uuid:child_id>/mediation/new/", views.mediation_new, name="mediation_new"),
    path("children/<uuid:child_id>/appeal/new/", views.appeal_new, name="appeal_new"),
    path("appeals/<uuid:appeal_id>/orders/new/", views.order_new, name="order_new"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("mediation/<uuid:mediation_id>/edit/", views.mediation_edit, name="mediation_edit"),
    path("appeals/<uuid:appeal_id>/edit/", views.appeal_edit, name="appeal_edit"),
    path("complaints/<uuid:complaint_id>/edit/", views.complaint_edit, name="complaint_edit"),
]
