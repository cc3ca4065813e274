from django.urls import path

from improvement.views import plan, reports

app_name = "improvement"
urlpatterns = [
    path("", plan.plan, name="plan"),
    path("actions/<uuid:public_id>/", plan.action_detail, name="action_detail"),
    path("actions/<uuid:public_id>/update/", plan.action_update, name="action_update"),
    path("changes/", plan.changes, name="changes"),
    path("exceptions/", plan.exceptions, name="exceptions"),
    path("reports/", reports.schedule, name="schedule"),
    path("reports/new/", reports.report_new, name="report_new"),
    path("reports/preview/", reports.report_preview, name="report_preview"),
    path("reports/issue/", reports.report_issue, name="report_issue"),
    path("reports/<uuid:public_id>/", reports.report_detail, name="report_detail"),
    path("reports/<uuid:public_id>/pdf/", reports.report_pdf, name="report_pdf"),
    path("reports/<uuid:public_id>/docx/", reports.report_docx, name="report_docx"),
]
