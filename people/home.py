"""The children, settings and SEN support figures on home pages, the manager's count of refused
attempts to open a child's record (people/access.py audits each), and the search for a child
(core/home.py asks every app's home.py)."""

from datetime import timedelta

from django.utils import timezone

from accounts.roles import CASE_ROLES, FAMILY_ROLES, Role
from audit.models import Action, AuditEvent
from core.home import home_figures, home_section, list_url
from people.access import children_visible_to, is_senco
from people.codelists import SenProvision
from people.models import Child, Setting
from people.provision_counts import children_by_provision


def _area_figures():
    # Stored counts (kept by triggers), not a count over every child on each request.
    counts = children_by_provision(SenProvision.EHC_PLAN, SenProvision.SEN_SUPPORT)
    return [
        {"label": "Children and young people with an EHC plan", "value": counts[SenProvision.EHC_PLAN],
         "url": list_url("people:child_list", provision="E")},
        {"label": "Children on SEN support", "value": counts[SenProvision.SEN_SUPPORT],
         "url": list_url("people:child_list", provision="K")},
    ]


@home_figures(order=30)
def children_and_settings(user):
    if user.role in CASE_ROLES:
        return [
            *_area_figures(),
            {"label": "Schools and settings", "value": Setting.objects.filter(is_open=True).count(),
             "url": list_url("people:setting_list")},
        ]
    if is_senco(user):
        support = children_visible_to(user).filter(sen_provision="K").count()
        return [
            {"label": "Pupils on roll on SEN support", "value": support,
             "url": list_url("people:child_list", provision="K")},
        ]
    if user.role == Role.ADMINISTRATOR:
        return [
            {"label": "Schools and settings", "value": Setting.objects.count(),
             "url": list_url("people:setting_list")},
            {"label": "Children's records", "value": Child.objects.count()},  # administrators see no records
        ]
    if user.role in FAMILY_ROLES:
        return []
    figures = _area_figures()
    if not user.has_perm("people.list_children"):
        for figure in figures:
            figure.pop("url")  # a figure links only to a list its reader may open
    return figures


@home_figures(order=40)
def refused_attempts(user):
    if user.role != Role.MANAGER:
        return []
    week_ago = timezone.now() - timedelta(days=7)
    return [
        {
            "label": "Refused attempts to open a record in the last 7 days",
            "value": AuditEvent.objects.filter(action=Action.DENIED, at__gte=week_ago).count(),
            "url": list_url("audit:event_list", action=Action.DENIED),
        }
    ]


@home_section("people/home/_find_child.html", order=20)
def find_a_child(user):
    return {} if user.has_perm("people.list_children") else None
