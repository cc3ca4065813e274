from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/status.json", views.status, name="status"),
    path("<uuid:public_id>/retry/", views.retry, name="retry"),
    path("<uuid:public_id>/download/", views.download, name="download"),
]
