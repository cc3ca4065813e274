"""A professional's home on the portal.

Advisers (educational psychologists, health and social care practitioners) and the designated
officers see their advice requests: overdue, due, and what they sent, on time or late. Due dates
are the ones the clock engine stored on each request. A school's SENCo sees their pupils with
plans, the reviews coming up and where to ask for an assessment.
"""

from django.db.models import Count, F, Q
from django.shortcuts import render

from accounts.roles import Role
from casework import advice as advice_rules
from clock import dates
from core.permissions import permission_required
from people.access import is_senco
from people.models import SchoolMembership
from portal.views import professionals_pupils

SHOWN = 5


def _advice_context(user, today):
    requests = (
        advice_rules.advice_requests_for(user)
        .filter(cancelled_on__isnull=True)
        .select_related("case__child", "professional")
    )
    waiting = requests.filter(received_on__isnull=True)
    sent = requests.filter(received_on__isnull=False)
    counts = requests.aggregate(
        overdue=Count("pk", filter=Q(received_on__isnull=True, due_on__lt=today)),
        due=Count("pk", filter=Q(received_on__isnull=True, due_on__gte=today)),
        sent=Count("pk", filter=Q(received_on__isnull=False)),
        sent_late=Count("pk", filter=Q(received_on__gt=F("due_on"))),
    )
    return {
        "counts": counts,
        "overdue": list(waiting.filter(due_on__lt=today).order_by("due_on", "pk")[:SHOWN]),
        "due": list(waiting.filter(due_on__gte=today).order_by("due_on", "pk")[:SHOWN]),
        "sent": list(sent.order_by("-received_on", "-pk")[:SHOWN]),
        "overseer": user.role in (Role.DCO, Role.DSCO),
    }


def _school_context(request, today):
    pupils = professionals_pupils.pupils_with_plans(request.user)
    coming_up = professionals_pupils.with_review_coming_up(pupils, today)
    administers = (
        SchoolMembership.objects.filter(user=request.user, is_active=True, is_school_admin=True)
        .select_related("setting")
        .order_by("setting__name")
    )
    schools = (
        SchoolMembership.objects.filter(user=request.user, is_active=True)
        .select_related("setting")
        .order_by("setting__name")
    )
    return {
        "pupil_count": pupils.count(),
        "coming_up": professionals_pupils.rows(
            professionals_pupils.worklist_order(coming_up, today)[:SHOWN], today
        ),
        "coming_up_count": coming_up.count(),
        "weeks": professionals_pupils.COMING_UP_WEEKS,
        "schools": [m.setting for m in schools],
        "administers": [m.setting for m in administers],
        "can_request": request.user.has_perm("portal.request_assessment"),
    }


@permission_required("portal.professional_home")
def home(request):
    today = dates.today()
    senco = is_senco(request.user)
    context = {"today": today, "senco": senco}
    context.update(_school_context(request, today) if senco else _advice_context(request.user, today))
    return render(request, "portal/professionals/home.html", context)
