"""Case pages: requests, the case page, stage actions, advice, caseloads (see casework/views)."""

from django.urls import path

from casework.views import actions, advice, bulk, case, files, integrity, lists, request

urlpatterns = [
    path("", lists.case_list, name="case_list"),
    path("mine/", lists.my_cases, name="my_cases"),
    path("caseloads/", lists.caseloads, name="caseloads"),
    path("chosen/", bulk.chosen_cases, name="chosen_cases"),
    path("advice/", advice.advice_list, name="advice_list"),
    path("advice/<uuid:public_id>/", advice.advice_detail, name="advice_detail"),
    path("new/", request.request_create, name="request_create"),
    path("integrity/", integrity.record_integrity, name="record_integrity"),
    path("<uuid:public_id>/", case.case_detail, name="case_detail"),
    path("<uuid:public_id>/allocate/", case.allocate, name="allocate"),
    path("<uuid:public_id>/notices/", case.notices, name="notices"),
    path("<uuid:public_id>/actions/<slug:slug>/", actions.case_action, name="case_action"),
    path(
        "<uuid:public_id>/advice/<uuid:advice_id>/received/", actions.advice_received, name="advice_received"
    ),
    path("<uuid:public_id>/advice/<uuid:advice_id>/chase/", actions.advice_chase, name="advice_chase"),
    path("<uuid:public_id>/exceptions/new/", actions.exception_create, name="exception_create"),
    path("<uuid:public_id>/notes/new/", files.note_create, name="note_create"),
    path("<uuid:public_id>/documents/new/", files.document_create, name="document_create"),
    path("<uuid:public_id>/documents/<uuid:document_id>/", files.document_download, name="document_download"),
]
