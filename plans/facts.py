"""Turn stored plan versions into the plain facts plans.checks reads: one version from its loaded
content (for the plan page), or many at once in a fixed number of queries (for the measures)."""

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet

from clock import dates
from plans import checks
from plans.content import OUTCOME_NEEDS, PROVISION_NEEDS, PROVISION_OUTCOMES, Content
from plans.models import AdviceEntry, Need, Outcome, PlanVersion, Provision


def _written_on(version, today) -> date:
    return version.issued_on or today


def facts_for(content: Content, child, today: date) -> checks.PlanFacts:
    version = content.version
    return checks.PlanFacts(
        today=today,
        written_on=_written_on(version, today),
        year_group=child.year_group(today),
        key_stage=child.key_stage(today),
        social_care_status=child.social_care_status,
        needs=tuple(checks.NeedFact(str(n.key), n.section, n.description) for n in content.needs),
        outcomes=tuple(
            checks.OutcomeFact(
                str(o.key),
                o.description,
                o.key_stage,
                o.pfa_area,
                frozenset(str(n.key) for n in o.linked_needs),
            )
            for o in content.outcomes
        ),
        provision=tuple(
            checks.ProvisionFact(
                str(p.key),
                p.section,
                p.what,
                p.who,
                p.frequency,
                p.duration,
                frozenset(str(n.key) for n in p.linked_needs),
                frozenset(str(o.key) for o in p.linked_outcomes),
            )
            for p in content.provision
        ),
        advice=tuple(checks.AdviceFact(a.adviser_type, a.received_on) for a in content.advice),
        named_setting=version.named_setting_id is not None,
        setting_type=version.setting_type,
        pfa_reason=version.pfa_reason,
    )


def findings_for(content: Content, child, today: date | None = None) -> list[checks.Finding]:
    return checks.findings(facts_for(content, child, today or dates.today()))


def _grouped(rows):
    grouped = defaultdict(list)
    for version_id, *rest in rows:
        grouped[version_id].append(rest)
    return grouped


def _links(through, left, right, **where):
    pairs = defaultdict(set)
    for a, b in through.objects.filter(**where).values_list(left, right).iterator(chunk_size=5000):
        pairs[a].add(b)
    return pairs


CHUNK = 2000  # versions read per step: eight queries each


def facts_for_many(versions, today: date) -> dict[int, checks.PlanFacts]:
    """version pk -> facts, in eight queries per 2,000 versions. `versions` is pks or a queryset.

    The pks are read first and sent in chunks: used as a subquery, PostgreSQL planned freshly loaded
    tables (no statistics yet) as nested loops over every plan, which took minutes at 20,000 plans."""
    ids = list(versions.values_list("pk", flat=True)) if isinstance(versions, QuerySet) else list(versions)
    result = {}
    for start in range(0, len(ids), CHUNK):
        result.update(_facts_for_chunk(ids[start : start + CHUNK], today))
    return result


def _facts_for_chunk(ids: list[int], today: date) -> dict[int, checks.PlanFacts]:
    # No ordering: the default one (by plan, newest first) tempts PostgreSQL into walking every plan
    # by the first_issued_on index.
    heads = PlanVersion.objects.filter(pk__in=ids).order_by().values_list(
        "pk",
        "issued_on",
        "named_setting_id",
        "setting_type",
        "pfa_reason",
        "plan__child__date_of_birth",
        "plan__child__year_group_override",
        "plan__child__social_care_status",
    )
    needs = _grouped(Need.objects.filter(version__in=ids).values_list("version_id", "pk", "section"))
    outcomes = _grouped(
        Outcome.objects.filter(version__in=ids).values_list("version_id", "pk", "key_stage", "pfa_area")
    )
    provision = _grouped(
        Provision.objects.filter(version__in=ids).values_list(
            "version_id", "pk", "section", "what", "who", "frequency", "duration"
        )
    )
    advice = _grouped(
        AdviceEntry.objects.filter(version__in=ids).values_list("version_id", "adviser_type", "received_on")
    )
    outcome_needs = _links(OUTCOME_NEEDS, "outcome_id", "need_id", outcome__version__in=ids)
    provision_needs = _links(PROVISION_NEEDS, "provision_id", "need_id", provision__version__in=ids)
    provision_outcomes = _links(PROVISION_OUTCOMES, "provision_id", "outcome_id", provision__version__in=ids)
    result = {}
    for pk, issued_on, setting_id, setting_type, pfa_reason, born, override, care in heads:
        year = override if override is not None else dates.national_curriculum_year(born, today)
        result[pk] = checks.PlanFacts(
            today=today,
            written_on=issued_on or today,
            year_group=year,
            key_stage=dates.key_stage(year),
            social_care_status=care,
            needs=tuple(checks.NeedFact(str(n), section) for n, section in needs[pk]),
            outcomes=tuple(
                checks.OutcomeFact(str(o), "", stage, pfa, frozenset(map(str, outcome_needs[o])))
                for o, stage, pfa in outcomes[pk]
            ),
            provision=tuple(
                checks.ProvisionFact(
                    str(p),
                    section,
                    what,
                    who,
                    often,
                    long,
                    frozenset(map(str, provision_needs[p])),
                    frozenset(map(str, provision_outcomes[p])),
                )
                for p, section, what, who, often, long in provision[pk]
            ),
            advice=tuple(checks.AdviceFact(kind, on) for kind, on in advice[pk]),
            named_setting=setting_id is not None,
            setting_type=setting_type,
            pfa_reason=pfa_reason,
        )
    return result
