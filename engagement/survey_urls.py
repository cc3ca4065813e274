from django.urls import path

from engagement import survey_views as views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("<uuid:public_id>/", views.survey_detail, name="detail"),
    path("<uuid:public_id>/questions/new/", views.question_new, name="question_new"),
    path("<uuid:public_id>/questions/<int:question_id>/move/", views.question_move, name="question_move"),
    path("<uuid:public_id>/open/", views.survey_open, name="open"),
    path("<uuid:public_id>/send/", views.survey_send, name="send"),
    path("<uuid:public_id>/results/", views.survey_results, name="results"),
    path("training/new/", views.pair_new, name="pair_new"),
    path("training/<uuid:public_id>/", views.pair_detail, name="pair_detail"),
    # Public: reached by the link in an invitation, or the survey's open link, without signing in.
    path("answer/<str:token>/", views.answer, name="answer"),
    path("link/<str:token>/", views.answer_link, name="answer_link"),
    path("thank-you/", views.thanks, name="thanks"),
]
