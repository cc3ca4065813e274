from django.urls import path

from messaging import views

app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("child/<uuid:public_id>/", views.child_thread, name="child_thread"),
    path("child/<uuid:public_id>/files/<uuid:attachment_id>/", views.attachment, name="attachment"),
    path("service-level/", views.service_level_page, name="service_level"),
]
