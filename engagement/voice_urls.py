from django.urls import path

from engagement import voice_views as views

app_name = "voice"
urlpatterns = [
    path("you-said-we-did/", views.public, name="public"),  # public: no sign-in
    path("themes/", views.themes, name="themes"),
    path("themes/new/", views.theme_new, name="theme_new"),
    path("themes/<uuid:public_id>/edit/", views.theme_edit, name="theme_edit"),
    path("youth-forum/", views.forum, name="forum"),
    path("youth-forum/sessions/new/", views.session_new, name="session_new"),
    path("youth-forum/sessions/<uuid:public_id>/proposals/new/", views.proposal_new, name="proposal_new"),
    path("youth-forum/proposals/<uuid:public_id>/outcome/", views.proposal_outcome, name="proposal_outcome"),
]
