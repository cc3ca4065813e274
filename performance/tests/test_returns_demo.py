"""The demo area's return fields (people/demo_returns.py): plausible, and from their own random
stream, so the rest of the demo area is unchanged by them."""

import random
from datetime import date

from core.demo import DemoContext
from people import codelists
from people.demo_returns import add_return_fields
from people.models import Child, Setting


def children():
    school = Setting(urn=1, name="School", phase="primary", setting_type="mainstream")
    made = []
    for n in range(400):
        setting = school if n % 4 else None
        upn = "" if n % 5 == 0 else f"U{n}"
        born = date(2008 + n % 14, 3, 1)
        made.append(Child(date_of_birth=born, upn=upn, setting=setting, sen_provision="E" if n % 2 else "K"))
    return made


def test_demo_fields_are_plausible_and_repeatable():
    context = DemoContext(
        rng=random.Random(1), scale=1, today=date(2026, 11, 1), progress=lambda i, *a, **k: i
    )
    context.data["seed"] = 42
    first, second = children(), children()
    add_return_fields(context, first)
    add_return_fields(context, second)
    assert context.rng.random() == random.Random(1).random()  # the demo's own stream is untouched
    fields = ("upn_unknown_reason", "sen2_setting", "suspensions", "absence_percent", "disability")
    assert [[getattr(c, f) for f in fields] for c in first] == [
        [getattr(c, f) for f in fields] for c in second
    ]
    reasons = {code for code, _ in codelists.UPN_UNKNOWN}
    for child in first:
        if child.upn or child.uln:
            assert child.upn_unknown_reason == ""
        else:
            assert child.upn_unknown_reason in reasons | {""}
        if child.setting is None:
            assert child.sen2_setting in {code for code, _ in codelists.SEN2_SETTING}
            assert child.suspensions is None
        else:
            assert child.sen2_setting == "" and child.setting_started_on <= date(2026, 11, 1)
        assert child.disability in ("Y", "N")
    unknown = [c for c in first if not c.upn and not c.uln]
    assert sum(1 for c in unknown if c.upn_unknown_reason) >= 0.9 * len(unknown)


def test_the_demo_never_gives_a_reason_that_contradicts_where_the_child_is():
    from people import crossfield
    from people.validators import validate_upn

    context = DemoContext(
        rng=random.Random(1), scale=1, today=date(2026, 11, 1), progress=lambda i, *a, **k: i
    )
    made = children()
    add_return_fields(context, made)
    for child in made:
        problems = crossfield.upn_reason_problems(
            reason=child.upn_unknown_reason,
            upn=child.upn or "",
            uln=child.uln,
            setting=child.setting,
            sen2_setting=child.sen2_setting,
        )
        assert problems == [], (child.upn_unknown_reason, child.setting)
        if crossfield.at_upn_school(child.setting):
            assert child.upn and not child.upn_unknown_reason  # at a state school: a UPN
            if not child.upn.startswith("U"):
                validate_upn(child.upn)


def test_children_of_school_age_carry_a_upn_or_uln_and_none_is_left_out_of_education():
    """Annex A rules 107/207 and 108a (issue 23): a UPN stays with a pupil for life, so a child of
    school age at no school, or at an independent one, has the UPN of their earlier state school;
    a young person of 16 or over has a ULN; a child of school age with no school is educated
    otherwise (at home, or by the area's or the family's arrangements), never missing."""
    from clock import dates

    context = DemoContext(
        rng=random.Random(1), scale=1, today=date(2026, 11, 1), progress=lambda i, *a, **k: i
    )
    independent = Setting(urn=2, name="Hall School", phase="not_applicable", setting_type="independent")
    made = children()
    for child in made[::7]:
        child.setting = independent
    add_return_fields(context, made)
    for child in made:
        age = dates.age_on(child.date_of_birth, context.today)
        if age >= 5:
            assert child.upn or child.uln, (age, child.setting)
            assert not child.upn_unknown_reason
        if age >= 16 and not child.upn:
            assert child.uln
        if child.setting is None and 5 <= age < 16:
            assert child.sen2_setting in {"EHE", "OLA", "OPA"}, child.sen2_setting
    assert any(c.setting is independent and not c.upn.startswith("U") for c in made if c.upn)
