"""A readable change history of a child's record, from django-simple-history's snapshots."""

from people.models import Child

HIDDEN_FIELDS = {"version", "modified_at", "modified_by", "created_at", "created_by", "search_name"}


def _display(record, field_name):
    field = Child._meta.get_field(field_name)
    value = getattr(record, field.attname)
    if field.choices:
        return dict(field.flatchoices).get(value, value) or "(blank)"
    if field_name == "setting":
        setting = record.setting
        return setting.name if setting else "(none)"
    if value in (None, ""):
        return "(blank)"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    return str(value)


def changes_for(child, limit=100):
    """Newest first: who changed what, when, from which value to which."""
    records = list(
        child.history.select_related("history_user", "setting").order_by("-history_date")[: limit + 1]
    )
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if older is None:
            entries = None  # the record's creation
        else:
            delta = newer.diff_against(older)
            entries = [
                {
                    "field": Child._meta.get_field(c.field).verbose_name.capitalize(),
                    "old": _display(older, c.field),
                    "new": _display(newer, c.field),
                }
                for c in delta.changes
                if c.field not in HIDDEN_FIELDS
            ]
            if not entries:
                continue
        changes.append(
            {
                "when": newer.history_date,
                "who": str(newer.history_user) if newer.history_user else "System (import or demo data)",
                "kind": {"+": "Created", "~": "Changed", "-": "Deleted"}[newer.history_type],
                "entries": entries,
            }
        )
    return changes[:limit]
