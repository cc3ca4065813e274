"""The Annex A workbook the export produces, checked by data-to-insight's Annex A validator: its real
rules (sen_validator/rules/sen_v0_0_1, read from ../shared/standards, never copied), not its own
tests (which hard-code 2024 ages). Run on demo-like data, every real rule passes, except 108a,
which flags exactly the home-educated child, as the law allows (Education Act 1996 s.7): the
workbook shows why ("Elective home education" reads Yes)."""

import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from django.conf import settings
from django.urls import reverse

from people.tests.factories import ChildFactory, SettingFactory
from performance.returns import annex_a
from performance.tests.test_returns_pages import exported
from plans.models import EHCPlan

VALIDATOR = Path(settings.BASE_DIR).parent / "shared" / "standards" / "annex-a-sen-validator"
pytestmark = pytest.mark.django_db


def validator():
    if str(VALIDATOR) not in sys.path:
        sys.path.insert(0, str(VALIDATOR))
    from sen_validator.ingress import read_xlsx_from_text
    from sen_validator.rule_engine import RuleContext, SENTable
    from sen_validator.rules.sen_v0_0_1 import registry

    def run_rule(rule, data):  # as the validator's own engine runs each rule
        context = RuleContext(rule)
        rule.func(data, context)
        return context

    real = {code: rule for code, rule in registry.items() if not code.startswith("test")}
    return read_xlsx_from_text, SENTable, real, run_rule


def flagged(workbook: bytes) -> dict[str, set]:
    """Rule code -> the Unique IDs it flags, for every real rule of the validator."""
    read, tables, rules, run_rule = validator()
    sheets = read(workbook)
    found = {}
    for code, rule in rules.items():
        data = {table: sheets[table.name].copy() for table in tables}
        context = run_rule(rule, data)
        rows = {row for issue in _locations(context) for row in issue}
        ids = {str(sheets[rule.module.name].loc[row, "Unique ID"]).lower() for row in rows}
        if ids:
            found[code] = ids
    return found


def _locations(context):
    """Row numbers of every issue the rule pushed: single-column issues, and the lists of ROW_IDs
    of the multi-column kinds (types 1 to 3)."""
    for issue in context.issues:
        yield [issue.row]
    type1 = context.type1_issues  # [] until a rule pushes one
    tables = [*(type1 if isinstance(type1, list) else [type1]), *context.type2_issues, *context.type3_issues]
    for table in tables:
        for value in table.row_df["ROW_ID"]:
            yield value if isinstance(value, list) else [value]


@pytest.fixture
def demo_like(db):
    school = SettingFactory(phase="secondary", urn=123456)
    primary = SettingFactory(phase="primary", urn=654321)
    planned = ChildFactory(
        setting=school, date_of_birth=date(2012, 3, 4), primary_need="SEMH", disability="Y"
    )
    EHCPlan.objects.create(child=planned, first_issued_on=date(2022, 9, 5))
    young = ChildFactory(
        setting=None, upn=None, date_of_birth=date(2023, 5, 1), primary_need="SLCN", disability="N"
    )
    EHCPlan.objects.create(child=young, first_issued_on=date(2025, 11, 3))
    home = ChildFactory(
        setting=None, sen2_setting="EHE", upn=None, uln="1234567890", primary_need="ASD", disability="N",
        date_of_birth=date(2014, 6, 1),
    )  # fmt: skip
    EHCPlan.objects.create(child=home, first_issued_on=date(2021, 1, 11))
    ChildFactory(
        sen_provision="K",
        setting=primary,
        primary_need="SPLD",
        date_of_birth=date(2016, 12, 25),
        disability="N",
    )
    return {"home": str(home.public_id)}


def test_the_workbook_is_ofsteds_template_one_file_two_sheets(demo_like, login):
    response, _job = exported(login("manager"), reverse("performance:annex_a_workbook"))
    assert response.status_code == 200
    sheets = pd.read_excel(__import__("io").BytesIO(response.content), sheet_name=None)
    assert list(sheets) == ["List_1", "List_2"]
    assert list(sheets["List_1"].columns) == annex_a.LIST_1_HEADINGS
    assert list(sheets["List_2"].columns) == annex_a.LIST_2_HEADINGS


def test_every_real_rule_of_the_validator_passes_but_108a_on_the_home_educated_child(demo_like):
    workbook = annex_a.workbook_bytes()
    _read, _tables, rules, _run = validator()
    assert len(rules) == 29  # every rule of sen_v0_0_1 but its two test rules
    assert flagged(workbook) == {"108a": {demo_like["home"]}}
    home = next(r for r in annex_a.list_1_rows() if r["Unique ID"] == demo_like["home"])
    assert home["Elective home education"] == "Yes"  # why 108a flags the child


def test_a_school_aged_child_with_neither_upn_nor_uln_fails_rule_107(demo_like):
    lost = ChildFactory(setting=None, upn=None, uln="", date_of_birth=date(2013, 1, 1), disability="N")
    EHCPlan.objects.create(child=lost, first_issued_on=date(2024, 1, 1))
    found = flagged(annex_a.workbook_bytes())
    assert str(lost.public_id) in found["107"]
