"""plans.diff: what changed between two versions, section by section."""

from datetime import date

import pytest

from plans import diff, editing, services
from plans.content import load_content
from plans.models import Need, Provision
from plans.tests.factories import add_provision, issued_plan

pytestmark = pytest.mark.django_db


def changes_by_section(old, new):
    return {s.code: s.changes for s in diff.compare(load_content(old), load_content(new)) if s.changes}


def test_an_amendment_shows_items_added_removed_and_changed(area):
    plan, issued = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    assert changes_by_section(issued, draft) == {}
    need = draft.needs.get()
    add_provision(draft, [need], what="Lego therapy with a trained teaching assistant", section="F")
    item = draft.provision.get(what__startswith="Speech")
    editing.save_item(None, draft, Provision, item, frequency="Twice a week")
    editing.remove_item(None, draft, draft.outcomes.get())
    editing.save_item(None, draft, Need, description="Follows instructions with pictures", section="C")
    editing.update_section(None, draft, "A", child_views="I like buses now.")
    changes = changes_by_section(issued, draft)
    assert [(c.kind, c.what) for c in changes["F"]] == [
        ("changed", "Speech and language therapy on instructions"),
        ("added", "Lego therapy with a trained teaching assistant"),
    ]
    assert ("How often", "Once a week", "Twice a week") in changes["F"][0].details
    assert ("Outcomes it works towards", "Will follow a two-step instruction in class", "") in changes["F"][
        0
    ].details
    assert [(c.kind, c.what) for c in changes["E"]] == [
        ("removed", "Will follow a two-step instruction in class")
    ]
    assert [c.kind for c in changes["C"]] == ["added"]
    assert changes["A"][0].details == [
        ("Their views, in their own words", "I like trains and drawing.", "I like buses now.")
    ]
    services.serve_draft(None, draft, date(2026, 10, 1))
    amended = services.issue(None, draft, date(2026, 10, 16))  # after the family's 15 days
    assert changes_by_section(issued, amended) == changes


def test_a_named_setting_change_is_shown_by_name(area):
    plan, issued = issued_plan(area.own_child)
    draft = services.start_amendment(None, plan)
    editing.update_section(None, draft, "I", named_setting=area.other_school, setting_type="")
    draft = type(draft).objects.select_related("named_setting").get(pk=draft.pk)
    issued = type(issued).objects.select_related("named_setting").get(pk=issued.pk)
    changes = changes_by_section(issued, draft)["I"]
    assert changes[0].details == [("Named setting", "Alder Lane Primary School", "Beckside Academy")]
