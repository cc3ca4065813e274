"""What a plan document says, section by section, as headings, paragraphs and tables: built once
here and drawn by the PDF (plans.documents), the Word file (plans.word) and the pages alike, so
the three never disagree."""

from dataclasses import dataclass, field

from people import codelists
from plans.codes import SECTIONS, NeedArea


@dataclass
class Table:
    caption: str
    headers: tuple
    rows: list = field(default_factory=list)


@dataclass
class Part:
    """One lettered section: paragraphs of (label, text) and tables, with `empty` said if none."""

    code: str
    title: str
    paragraphs: list = field(default_factory=list)
    subheadings: list = field(default_factory=list)  # (heading, [(label, text)], [Table])
    tables: list = field(default_factory=list)
    empty: str = "Nothing is recorded in this section."

    @property
    def heading(self) -> str:
        return f"Section {self.code}: {self.title}"

    @property
    def has_content(self) -> bool:
        return bool(self.paragraphs or self.tables or self.subheadings)


def _long(day) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def _refs(items) -> str:
    return ", ".join(i.ref for i in items)


def _texts(version, pairs):
    return [(label, getattr(version, name)) for label, name in pairs if getattr(version, name).strip()]


def _need_type(need) -> str:
    kind = codelists.label(codelists.SEN_TYPE, need.sen_type)
    rank = need.get_rank_display().lower() if need.rank else ""
    return f"{kind} ({rank})" if kind and rank else kind


def _needs_part(content) -> Part:
    part = Part("B", SECTIONS["B"])
    areas = [(a.label, [n for n in content.education_needs if n.area == a.value]) for a in NeedArea]
    areas.append(("Other needs", [n for n in content.education_needs if not n.area]))
    for label, needs in areas:
        if needs:
            table = Table(f"Needs: {label.lower()}", ("No.", "Need", "Type of need"))
            table.rows = [(n.ref, n.description, _need_type(n)) for n in needs]
            part.subheadings.append((label, [], [table]))
    return part


def _simple_needs(code, needs) -> Part:
    part = Part(code, SECTIONS[code])
    if needs:
        part.tables.append(Table(SECTIONS[code], ("No.", "Need"), [(n.ref, n.description) for n in needs]))
    return part


def _outcomes_part(content) -> Part:
    part = Part("E", SECTIONS["E"])
    if content.outcomes:
        table = Table(
            "Outcomes", ("Outcome", "By when", "Key stage", "Preparing for adulthood", "Needs it is for")
        )
        table.rows = [
            (
                o.description,
                _long(o.target_date),
                o.get_key_stage_display() if o.key_stage else "",
                o.get_pfa_area_display() if o.pfa_area else "",
                _refs(o.linked_needs),
            )
            for o in content.outcomes
        ]
        part.tables.append(table)
    if content.version.pfa_reason.strip():
        part.paragraphs.append(("Preparing for adulthood", content.version.pfa_reason))
    return part


def _provision_part(code, title, items) -> Part:
    part = Part(code, SECTIONS[code])
    if items:
        headers = ("No.", "What help", "Who gives it", "How often", "For how long", "Group size", "For")
        table = Table(title, headers)
        table.rows = [
            (
                p.ref,
                p.what,
                p.who,
                p.frequency,
                p.duration,
                p.get_group_size_display() if p.group_size else "",
                _refs([*p.linked_needs, *p.linked_outcomes]),
            )
            for p in items
        ]
        part.tables.append(table)
    return part


def _setting_part(version) -> Part:
    part = Part("I", SECTIONS["I"])
    if version.named_setting_id:
        part.paragraphs.append(("School or setting named", version.named_setting.name))
        kind = version.named_setting.get_setting_type_display()
        part.paragraphs.append(("Type", kind))
    elif version.setting_type:
        part.paragraphs.append(("Type of school or setting", version.get_setting_type_display()))
    part.paragraphs += _texts(version, [("About the placement", "placement_notes")])
    return part


def _budget_part(version) -> Part:
    part = Part("J", SECTIONS["J"], empty="There is no personal budget in this plan.")
    if version.personal_budget:
        amount = (
            f"£{version.personal_budget_amount:,.2f} a year" if version.personal_budget_amount else "Agreed"
        )
        part.paragraphs.append(("Personal budget", amount))
        part.paragraphs.append(("Direct payments", "Yes" if version.direct_payments else "No"))
        part.paragraphs += _texts(version, [("What it pays for", "personal_budget_notes")])
    return part


def _advice_part(content) -> Part:
    part = Part("K", SECTIONS["K"])
    if content.advice:
        table = Table("Advice and information", ("Advice from", "Who gave it", "Date received", "Summary"))
        table.rows = [
            (a.get_adviser_type_display(), a.adviser, _long(a.received_on), a.summary) for a in content.advice
        ]
        part.tables.append(table)
    return part


def plan_parts(content) -> list[Part]:
    version = content.version
    views = Part("A", SECTIONS["A"])
    views.subheadings = [
        (
            "In their own words",
            _texts(
                version,
                [
                    ("My views", "child_views"),
                    ("What I enjoy and am good at", "child_interests"),
                    ("My hopes for the future", "child_aspirations"),
                ],
            ),
            [],
        ),
        (
            "Parents' and carers' views",
            _texts(version, [("Views", "parent_views"), ("Hopes for the future", "parent_aspirations")]),
            [],
        ),
    ]
    views.subheadings = [s for s in views.subheadings if s[1]]
    parts = [
        views,
        _needs_part(content),
        _simple_needs("C", content.health_needs),
        _simple_needs("D", content.social_care_needs),
        _outcomes_part(content),
    ]
    parts += [_provision_part(code, SECTIONS[code], items) for code, _, items in content.provision_sections]
    parts += [_setting_part(version), _budget_part(version), _advice_part(content)]
    return parts


def document_title(child) -> str:
    return f"Education, health and care plan: {child.full_name}"


def version_line(version) -> str:
    if version.is_issued:
        return f"{version.get_kind_display()}, version {version.number}, issued {_long(version.issued_on)}"
    sent = f", sent to the family {_long(version.served_on)}" if version.served_on else ""
    return f"Draft, version {version.number}{sent}. This is not the final plan."
