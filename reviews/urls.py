"""Annual reviews, bulk scheduling, measures and transfers between areas (see reviews/views)."""

from django.urls import path

from reviews.views import actions, bulk, contributions, lists, review, transfers

app_name = "reviews"
urlpatterns = [
    path("", lists.review_list, name="review_list"),
    path("school/", lists.paperwork_list, name="paperwork_list"),
    path("family/", lists.family_list, name="family_list"),
    path("bulk/", bulk.bulk_schedule, name="bulk_schedule"),
    path("measures/", bulk.measures, name="measures"),
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/new/", transfers.transfer_create, name="transfer_create"),
    path("transfers/<uuid:public_id>/", transfers.transfer_detail, name="transfer_detail"),
    path("<uuid:public_id>/", review.review_detail, name="review_detail"),
    path("<uuid:public_id>/allocate/", review.allocate, name="allocate"),
    path("<uuid:public_id>/meeting/", actions.schedule, name="schedule"),
    path("<uuid:public_id>/steps/<slug:slug>/", actions.step, name="step"),
    path("<uuid:public_id>/decision/", actions.decision, name="decision"),
    path("<uuid:public_id>/plan-ended/", actions.plan_ended, name="plan_ended"),
    path("<uuid:public_id>/mediation/", actions.mediation, name="mediation"),
    path("<uuid:public_id>/phase-transfer/", actions.phase_transfer, name="phase_transfer"),
    path("<uuid:public_id>/paperwork/", contributions.paperwork, name="paperwork"),
    path("<uuid:public_id>/views/", contributions.family_views, name="family_views"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/", review.document_download, name="document_download"
    ),
]
