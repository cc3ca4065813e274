"""What changed between two versions of a plan, section by section: items added, removed and
changed (matched by the key an amendment keeps), and the sections' own fields."""

from dataclasses import dataclass, field

from plans.codes import SECTIONS
from plans.copying import ITEM_FIELDS
from plans.editing import SECTION_FIELDS
from plans.models import AdviceEntry, Outcome, Provision


@dataclass
class Change:
    kind: str  # "added", "removed" or "changed"
    what: str  # the item or field, as the plan shows it
    details: list = field(default_factory=list)  # (field label, before, after) for a change


@dataclass
class SectionChanges:
    code: str
    title: str
    changes: list = field(default_factory=list)


def _display(obj, name) -> str:
    if name.endswith("_id"):
        name = name[:-3]
    model_field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value or "")
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    return str(value)


def _label(obj, name) -> str:
    return str(obj._meta.get_field(name.removesuffix("_id")).verbose_name).capitalize()


def _compare_fields(old, new, names) -> list:
    details = []
    for name in names:
        before, after = _display(old, name), _display(new, name)
        if before != after:
            details.append((_label(new, name), before, after))
    return details


def _links(item) -> dict[str, str]:
    """The item's links, as text, keyed by a label: links are compared by the linked items' keys."""
    links = {}
    if hasattr(item, "linked_needs"):
        links["Needs it is for"] = "; ".join(sorted(n.description for n in item.linked_needs))
    if hasattr(item, "linked_outcomes") and isinstance(item, Provision):
        links["Outcomes it works towards"] = "; ".join(sorted(o.description for o in item.linked_outcomes))
    return links


def _describe(item) -> str:
    """The item as the comparison names it: its words in full."""
    if isinstance(item, AdviceEntry):
        when = f", received {item.received_on:%-d %B %Y}" if item.received_on else ""
        return f"{item.get_adviser_type_display()} advice{when}"
    return item.what if isinstance(item, Provision) else item.description


def _item_section(item) -> str:
    if isinstance(item, Outcome):
        return "E"
    if isinstance(item, AdviceEntry):
        return "K"
    return item.section  # a need's B, C or D; a provision item's F, G, H1 or H2


def _compare_items(old_items, new_items, sections) -> None:
    old_by_key = {item.key: item for item in old_items}
    new_by_key = {item.key: item for item in new_items}
    for item in new_items:
        before = old_by_key.get(item.key)
        if before is None:
            sections[_item_section(item)].changes.append(Change("added", _describe(item)))
            continue
        names = [n for n in ITEM_FIELDS[type(item)] if n not in ("key", "order")]
        details = _compare_fields(before, item, names)
        old_links, new_links = _links(before), _links(item)
        details += [(k, old_links.get(k, ""), v) for k, v in new_links.items() if old_links.get(k, "") != v]
        if details:
            sections[_item_section(item)].changes.append(Change("changed", _describe(item), details))
    for item in old_items:
        if item.key not in new_by_key:
            sections[_item_section(item)].changes.append(Change("removed", _describe(item)))


def compare(old, new) -> list[SectionChanges]:
    """The changes from `old` to `new` (both plans.content.Content), one entry per section A-K."""
    sections = {code: SectionChanges(code, title) for code, title in SECTIONS.items()}
    for code, names in SECTION_FIELDS.items():
        model_names = [n if n != "named_setting" else "named_setting_id" for n in names]
        for label, before, after in _compare_fields(old.version, new.version, model_names):
            sections[code].changes.append(Change("changed", label, [(label, before, after)]))
    _compare_items(old.needs, new.needs, sections)
    _compare_items(old.outcomes, new.outcomes, sections)
    _compare_items(old.provision, new.provision, sections)
    _compare_items(old.advice, new.advice, sections)
    return list(sections.values())


def has_changes(sections) -> bool:
    return any(s.changes for s in sections)
