from django.urls import path

from directory.views import dip_sample, feed_import, feedback, manage, public, transfer

app_name = "directory"
urlpatterns = [
    path("", public.home, name="home"),
    path("for/<slug:audience>/", public.audience, name="audience"),
    path("search/", public.search_page, name="search"),
    path("services/<uuid:service_id>/", public.service_detail, name="service_detail"),
    path("while-you-wait/", public.waiting_index, name="waiting_index"),
    path("while-you-wait/<slug:pathway>/", public.waiting_support, name="waiting_support"),
    path("you-said-we-did/", public.you_said_we_did, name="you_said_we_did"),
    path("feedback/useful/", feedback.useful, name="feedback_useful"),
    path("feedback/problem/", feedback.report_problem, name="report_problem"),
    # Signed in: providers and the Local Offer team.
    path("manage/", manage.dashboard, name="dashboard"),
    path("manage/services/<uuid:service_id>/confirm/", manage.confirm, name="confirm_service"),
    path("manage/services/<uuid:service_id>/change/", manage.propose_change, name="propose_change"),
    path("manage/changes/", manage.change_list, name="change_list"),
    path("manage/changes/<uuid:change_id>/", manage.change_detail, name="change_detail"),
    path("manage/feedback/", manage.feedback_list, name="feedback_list"),
    path("manage/feedback/<uuid:feedback_id>/done/", manage.feedback_done, name="feedback_done"),
    path("manage/freshness/", manage.freshness, name="freshness"),
    path("manage/import/", transfer.import_services, name="import_services"),
    path("manage/import/open-referral/", feed_import.import_feed, name="import_feed"),
    path("manage/services/", transfer.service_list, name="service_list"),
    path("manage/dip-samples/", dip_sample.dip_sample_list, name="dip_sample_list"),
    path("manage/dip-samples/<uuid:sample_id>/", dip_sample.dip_sample_detail, name="dip_sample_detail"),
    path(
        "manage/dip-samples/<uuid:sample_id>/checks/<uuid:check_id>/",
        dip_sample.dip_sample_check,
        name="dip_sample_check",
    ),
    path("manage/you-said-we-did/", transfer.you_said_we_did_manage, name="you_said_we_did_manage"),
    path(
        "manage/you-said-we-did/<uuid:item_id>/publish/",
        transfer.you_said_we_did_publish,
        name="you_said_we_did_publish",
    ),
]
