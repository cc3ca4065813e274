"""Asking for an EHC needs assessment online (portal namespace). Saved requests are addressed by
their random public id, never a sequential one."""

from django.urls import path

from portal.views import requests, requests_documents, requests_send

urlpatterns = [
    path("request-an-assessment/", requests.request_start, name="request_start"),
    path(
        "request-an-assessment/<uuid:public_id>/documents/",
        requests_documents.request_documents,
        name="request_documents",
    ),
    path(
        "request-an-assessment/<uuid:public_id>/documents/<uuid:document_id>/remove/",
        requests_documents.request_document_remove,
        name="request_document_remove",
    ),
    path("request-an-assessment/<uuid:public_id>/check/", requests_send.request_check, name="request_check"),
    path("request-an-assessment/<uuid:public_id>/sent/", requests_send.request_sent, name="request_sent"),
    path("request-an-assessment/<uuid:public_id>/delete/", requests.request_discard, name="request_discard"),
    path("request-an-assessment/<uuid:public_id>/<slug:step>/", requests.request_step, name="request_step"),
]
