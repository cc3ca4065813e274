"""The SEN2 return's rows, read with values() and turned into light objects: building full models
was most of the time taken. Each related row (a setting, a child) is built by a fixed function."""

from types import SimpleNamespace

SETTING_FIELDS = ["id", "urn", "ukprn", "setting_type", "name", "establishment_type"]
CHILD_FIELDS = [
    "id", "public_id", "legal_last_name", "legal_first_name", "date_of_birth", "sex", "ethnicity",
    "postcode", "upn", "uln", "upn_unknown_reason", "setting_started_on", "sen2_setting",
    "primary_need", "secondary_need", "specialist_provision", "sen2_setting_other",
    "residential_placement", "work_based_learning", "detained_from", "detained_until",
    *(f"setting__{name}" for name in SETTING_FIELDS),
    *(f"subsidiary_setting__{name}" for name in SETTING_FIELDS),
]  # fmt: skip
PLAN_FIELDS = [
    "id", "public_id", "case_id", "child_id", "first_issued_on", "ceased_on", "cease_reason",
    "latest_issued__id", "latest_issued__personal_budget", "latest_issued__direct_payments",
    "latest_issued__organised_arrangements", "latest_issued__residential",
    "latest_issued__work_based_learning", "latest_issued__setting_type",
    *(f"latest_issued__named_setting__{name}" for name in SETTING_FIELDS),
    *(f"child__{name}" for name in CHILD_FIELDS),
]  # fmt: skip
CASE_FIELDS = [
    "id", "public_id", "child_id", "source", "received_on",
    *(f"child__{name}" for name in CHILD_FIELDS),
]  # fmt: skip


class _Row(SimpleNamespace):
    """A row read with values(), with its related rows nested: `plan.child.setting.urn`."""


def _rows(queryset, fields) -> list:
    """values() rows as _Row objects. Each related row is built by a fixed function per prefix
    (a setting, a child): far quicker than model instances, which were most of the time taken."""
    return [_row(values) for values in queryset.values(*fields)]


def _setting(values, prefix):
    if values[prefix + "id"] is None:
        return None
    return _Row(**{name: values[prefix + name] for name in SETTING_FIELDS})


def _child(values, prefix="child__"):
    child = _Row(**{name: values[prefix + name] for name in CHILD_FIELDS if "__" not in name})
    child.setting = _setting(values, prefix + "setting__")
    child.subsidiary_setting = _setting(values, prefix + "subsidiary_setting__")
    return child


def _row(values):
    row = _Row(**{name: value for name, value in values.items() if "__" not in name})
    row.child = _child(values)
    if "latest_issued__id" in values:
        row.latest_issued = None
        if values["latest_issued__id"] is not None:
            row.latest_issued = _Row(
                personal_budget=values["latest_issued__personal_budget"],
                direct_payments=values["latest_issued__direct_payments"],
                organised_arrangements=values["latest_issued__organised_arrangements"],
                residential=values["latest_issued__residential"],
                work_based_learning=values["latest_issued__work_based_learning"],
                setting_type=values["latest_issued__setting_type"],
                named_setting=_setting(values, "latest_issued__named_setting__"),
            )
    return row
