"""The family's page: which health waiting lists their children are on, since when, how long
children usually wait, and the Local Offer support they can use now. Only the children the family
may see (people.access); every referral shown is an audited read."""

from django.shortcuts import render

from audit.services import record_read
from clock import dates
from clock.dates import last_month_end
from clock.waits import weeks_waited
from core.permissions import permission_required
from directory import queries as directory
from people.access import children_visible_to
from waiting import measures
from waiting.models import STOP_FIELD, Referral


def open_referrals(children):
    """Referrals still waiting: neither the pathway's stop event nor a discharge has happened."""
    referrals = Referral.objects.filter(child__in=children, ended_on__isnull=True).select_related(
        "pathway", "pathway__support_term", "child"
    )
    return [
        r
        for r in referrals.order_by("referral_date", "pk")
        if getattr(r, STOP_FIELD[r.pathway.measure]) is None
    ]


def support_for(terms):
    """Services tagged with each pathway term and with "Support while you wait", by term code."""
    found = {}
    for code in terms:
        services_ = directory.with_terms(
            directory.with_terms(directory.listed_services(), [code]), ["wait-support"]
        )
        found[code] = list(services_.select_related("organization").order_by("name")[:10])
    return found


@permission_required("waiting.view_family_lists")
def family_lists(request):
    today = dates.today()
    children = list(children_visible_to(request.user).order_by("date_of_birth", "pk"))
    referrals = open_referrals(children)
    pathways = {r.pathway_id: r.pathway for r in referrals}
    typical = measures.typical_waits(last_month_end(today), pathways.values())
    support = support_for({p.support_term.code for p in pathways.values() if p.support_term})
    rows = []
    for child in children:
        waits = []
        for referral in (r for r in referrals if r.child_id == child.pk):
            record_read(request, referral, f"Viewed {referral}")
            term = referral.pathway.support_term
            waits.append(
                {
                    "referral": referral,
                    "weeks": weeks_waited(referral.referral_date, today),
                    "typical": typical.get(referral.pathway_id),
                    "term": term,
                    "support": support.get(term.code, []) if term else [],
                }
            )
        rows.append({"child": child, "waits": waits})
    return render(request, "waiting/family_lists.html", {"rows": rows})
