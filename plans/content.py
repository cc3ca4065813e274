"""Load a version's content for a page, a document or a comparison, in a fixed number of queries
however many needs, outcomes and provision items it has."""

from collections import defaultdict
from dataclasses import dataclass, field

from plans.codes import SECTIONS, NeedSection, ProvisionSection
from plans.models import Outcome, PlanVersion, Provision

OUTCOME_NEEDS = Outcome.needs.through
PROVISION_NEEDS = Provision.needs.through
PROVISION_OUTCOMES = Provision.outcomes.through


@dataclass
class Content:
    """A version and its items; each outcome and provision item has `linked_needs` (and provision
    `linked_outcomes`) as lists, so templates and checks never query."""

    version: PlanVersion
    needs: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    provision: list = field(default_factory=list)
    advice: list = field(default_factory=list)

    def needs_in(self, section) -> list:
        return [n for n in self.needs if n.section == section]

    def provision_in(self, section) -> list:
        return [p for p in self.provision if p.section == section]

    @property
    def education_needs(self):
        return self.needs_in(NeedSection.EDUCATION)

    @property
    def health_needs(self):
        return self.needs_in(NeedSection.HEALTH)

    @property
    def social_care_needs(self):
        return self.needs_in(NeedSection.SOCIAL_CARE)

    @property
    def provision_sections(self) -> list[tuple[str, str, list]]:
        """(code, label, items) for F, G, H1 and H2, in order."""
        return [(s.value, SECTIONS[s.value], self.provision_in(s)) for s in ProvisionSection]


def _pairs(through, left, right, **where):
    grouped = defaultdict(list)
    for a, b in through.objects.filter(**where).values_list(left, right):
        grouped[a].append(b)
    return grouped


def load_content(version: PlanVersion) -> Content:
    """Seven queries: four lists of items and the three kinds of link between them."""
    content = Content(
        version=version,
        needs=list(version.needs.all()),
        outcomes=list(version.outcomes.all()),
        provision=list(version.provision.all()),
        advice=list(version.advice.all()),
    )
    needs = {n.pk: n for n in content.needs}
    outcomes = {o.pk: o for o in content.outcomes}
    outcome_needs = _pairs(OUTCOME_NEEDS, "outcome_id", "need_id", outcome__version=version)
    provision_needs = _pairs(PROVISION_NEEDS, "provision_id", "need_id", provision__version=version)
    provision_outcomes = _pairs(PROVISION_OUTCOMES, "provision_id", "outcome_id", provision__version=version)
    for outcome in content.outcomes:
        outcome.linked_needs = [needs[pk] for pk in outcome_needs[outcome.pk] if pk in needs]
    for item in content.provision:
        item.linked_needs = [needs[pk] for pk in provision_needs[item.pk] if pk in needs]
        item.linked_outcomes = [outcomes[pk] for pk in provision_outcomes[item.pk] if pk in outcomes]
    for need in content.needs:
        need.linked_outcomes = [o for o in content.outcomes if need in o.linked_needs]
        need.linked_provision = [p for p in content.provision if need in p.linked_needs]
    _number(content)
    return content


def _number(content) -> None:
    """Give each item the reference the plan shows (B1, B2, C1, E1, F1, H1-1 ...), so tables can
    say which needs and outcomes a piece of help is for without repeating them."""
    for items, section_of in ((content.needs, "section"), (content.provision, "section")):
        counts = defaultdict(int)
        for item in items:
            section = getattr(item, section_of)
            counts[section] += 1
            item.ref = (
                f"{section}-{counts[section]}" if section.startswith("H") else f"{section}{counts[section]}"
            )
    for n, outcome in enumerate(content.outcomes, start=1):
        outcome.ref = f"E{n}"
