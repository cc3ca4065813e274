"""Panel meetings, agendas and decisions, and decision letters."""

from django.urls import path

from casework import (
    panel_rules,  # noqa: F401 - rules' autodiscovery only loads rules.py
    panel_views,
)
from notifications import views as letter_views

urlpatterns = [
    path("panels/", panel_views.panel_list, name="panel_list"),
    path("panels/new/", panel_views.panel_create, name="panel_create"),
    path("panels/<uuid:public_id>/", panel_views.panel_detail, name="panel_detail"),
    path("panels/<uuid:public_id>/attendance/", panel_views.panel_attendance, name="panel_attendance"),
    path("panels/<uuid:public_id>/items/new/", panel_views.panel_item_create, name="panel_item_create"),
    path(
        "panels/<uuid:public_id>/items/<int:item_id>/decision/",
        panel_views.panel_item_decision,
        name="panel_item_decision",
    ),
    path("letters/templates/", letter_views.letter_template_list, name="letter_template_list"),
    path("letters/templates/<slug:kind>/", letter_views.letter_template_edit, name="letter_template_edit"),
    path("letters/print-queue/", letter_views.print_queue, name="print_queue"),
    path("letters/print-queue/<int:pk>/posted/", letter_views.print_queue_posted, name="print_queue_posted"),
]
