"""EHC plan pages (see plans/views)."""

from django.urls import path

from plans.views import documents, editing, lifecycle, lists, plan

app_name = "plans"
VERSION = "<uuid:public_id>/versions/<int:number>/"
urlpatterns = [
    path("", lists.plan_list, name="plan_list"),
    path("quality/", lists.quality, name="quality"),
    path("start/<uuid:case_id>/", lifecycle.start_plan, name="start_plan"),
    path("<uuid:public_id>/", plan.plan_detail, name="plan_detail"),
    path("<uuid:public_id>/amend/", lifecycle.start_amendment, name="start_amendment"),
    path("<uuid:public_id>/cease/", lifecycle.cease, name="cease"),
    path("<uuid:public_id>/compare/", plan.compare, name="compare"),
    path(VERSION, plan.version_detail, name="version_detail"),
    path(f"{VERSION}pdf/", documents.version_pdf, name="version_pdf"),
    path(f"{VERSION}docx/", documents.version_docx, name="version_docx"),
    path(f"{VERSION}profile/", documents.version_profile, name="version_profile"),
    path(f"{VERSION}send/", lifecycle.serve_draft, name="serve_draft"),
    path(f"{VERSION}issue/", lifecycle.issue, name="issue"),
    path(f"{VERSION}sections/<str:section>/", editing.edit_section, name="edit_section"),
    path(f"{VERSION}<slug:kind>/new/", editing.item_add, name="item_add"),
    path(f"{VERSION}<slug:kind>/<uuid:key>/", editing.item_edit, name="item_edit"),
    path(f"{VERSION}<slug:kind>/<uuid:key>/remove/", editing.item_remove, name="item_remove"),
]
