"""A subject access request (UK GDPR article 15): everything the system holds about one child.

The child's record, then every row of any table that points at it (cases, plans, reviews,
relationships, messages, documents, the audit log of who read the record ...), then the rows that
point at those (a case's events, a plan's sections), found from the models' own relations so a
new app's records are included without a change here. One query per related table, whatever
the number of rows. Secrets (password hashes, token hashes) are never exported.
"""

from dataclasses import dataclass, field

from django.db import models

from people.models import Child

DEPTH = 2  # the child's own rows, then the rows that belong to those
SECRET_WORDS = ("password", "token", "secret", "key_hash")


@dataclass
class Section:
    label: str
    table: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


def collect(child: Child) -> list[Section]:
    sections = [_section(Child, [child])]
    _collect_related(Child, [child.pk], DEPTH, sections, seen={Child})
    return [section for section in sections if section.rows]


def as_json(sections: list[Section]) -> dict:
    return {
        section.table: [dict(zip(section.columns, row, strict=True)) for row in section.rows]
        for section in sections
    }


def _collect_related(model, ids, depth, sections, seen):
    if depth == 0 or not ids:
        return
    # Hidden relations too (related_name="+"): the audit log points at a child that way.
    reverse_relations = (
        f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete
    )
    for relation in reverse_relations:
        related = relation.related_model
        if not (relation.one_to_many or relation.one_to_one) or related in seen:
            continue
        if related._meta.app_label in ("simple_history",) or related.__name__.startswith("Historical"):
            continue  # field history is summarised on the child's history page, not exported raw
        rows = list(related._default_manager.filter(**{f"{relation.field.name}__in": ids}).order_by("pk"))
        if not rows:
            continue
        seen = seen | {related}
        sections.append(_section(related, rows))
        _collect_related(related, [row.pk for row in rows], depth - 1, sections, seen)


def _exportable(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not any(word in f.name for word in SECRET_WORDS)]


def _section(model, rows) -> Section:
    fields = _exportable(model)
    section = Section(
        label=str(model._meta.verbose_name_plural).capitalize(),
        table=model._meta.label,
        columns=[f.attname for f in fields],
    )
    for row in rows:
        section.rows.append([_text(row, f) for f in fields])
    return section


def _text(row, f) -> str:
    value = getattr(row, f.attname)
    if value is None:
        return ""
    if isinstance(f, models.FileField):
        return value.name if value else ""
    return str(value)
