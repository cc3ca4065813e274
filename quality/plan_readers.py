"""A quality auditor reads the plans in the audits assigned to them or given them to moderate (their
samples): registered with plans.access, which owns who may see which plan."""

from django.db.models import Q

from accounts.roles import Role
from plans.access import plans_read_by
from plans.models import EHCPlan
from quality.models import Audit


@plans_read_by(Role.AUDITOR)
def audited_by(user):
    mine = Audit.objects.filter(Q(auditor=user) | Q(moderation__moderator=user))
    return EHCPlan.objects.filter(pk__in=mine.values("plan"))
