"""Plans for tests, made through the real services (request None: the system acts)."""

from datetime import date

from casework.tests.factories import case_at
from plans import editing, services
from plans.models import Need, Outcome, Provision

SERVED_ON = date(2026, 7, 6)
ISSUED_ON = date(2026, 7, 27)


def draft_plan(child, caseworker=None):
    """A draft plan for a new assessment of `child` (request 1 June 2026, decision to issue 29 June)."""
    case = case_at(child, "drafting", caseworker=caseworker)
    return services.start_plan(None, case)


def add_need(version, description="Finds it hard to follow spoken instructions in class", **values):
    values = {"section": "B", "area": "communication", "sen_type": "SLCN", "rank": "1", **values}
    return editing.save_item(None, version, Need, description=description, **values)


def add_outcome(version, needs, description="Will follow a two-step instruction in class", **values):
    values = {"key_stage": "KS3", "target_date": date(2027, 7, 20), **values}
    return editing.save_item(
        None, version, Outcome, description=description, links={"needs": needs}, **values
    )


def add_provision(
    version, needs=(), outcomes=(), what="Speech and language therapy on instructions", **values
):
    values = {
        "section": "F",
        "who": "Speech and language therapist",
        "frequency": "Once a week",
        "duration": "30 minutes",
        "group_size": "1:1",
        **values,
    }
    return editing.save_item(
        None,
        version,
        Provision,
        what=what,
        links={"needs": list(needs), "outcomes": list(outcomes)},
        **values,
    )


def fill(version, setting=None):
    """A small plan that passes every check for a Year 7 child (born 2015, like Amira): a need, its
    outcome and provision,
    a named setting."""
    need = add_need(version)
    outcome = add_outcome(version, [need])
    provision = add_provision(version, [need], [outcome])
    editing.update_section(None, version, "A", child_views="I like trains and drawing.")
    if setting is not None:
        editing.update_section(None, version, "I", named_setting=setting)
    return need, outcome, provision


def issued_plan(child, caseworker=None):
    """(plan, version): a plan issued on 27 July 2026 after its draft was sent on 6 July."""
    version = draft_plan(child, caseworker)
    fill(version)
    # The draft goes with section I empty (s.38(5)); the setting is named for the final plan.
    services.serve_draft(None, version, SERVED_ON)
    if child.setting is not None:
        editing.update_section(None, version, "I", named_setting=child.setting)
    version = services.issue(None, version, ISSUED_ON)
    return version.plan, version


__all__ = ["add_need", "add_outcome", "add_provision", "draft_plan", "fill", "issued_plan"]
