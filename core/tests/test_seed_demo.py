"""seed_demo: the demo area is plausible and valid, the same seed makes the same area, and every
demo login works (password, and for staff the authenticator secret)."""

import json
from collections import Counter
from io import StringIO

import pyotp
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from clock import dates
from conftest import PERSONA_ROLES
from core.demo import UniqueNames
from people.models import Child, ChildRelationship, ParentCarer, SchoolMembership, Setting
from people.validators import normalise_postcode, validate_nhs_number, validate_upn

pytestmark = pytest.mark.django_db

SCALE = 0.02  # 100 children with plans, 240 on SEN support


@pytest.fixture
def seed(settings, tmp_path):
    settings.DEBUG = True  # seed_demo refuses to run without it

    def run(seed=7, **options):
        out = StringIO()
        path = tmp_path / f"logins-{seed}.json"
        call_command(
            "seed_demo",
            scale=SCALE,
            seed=seed,
            logins_file=str(path),
            stdout=out,
            stderr=StringIO(),
            **options,
        )
        return out.getvalue(), path

    return run


def test_area_is_in_proportion_and_children_fit_their_settings(seed):
    seed()
    plans = Child.objects.filter(sen_provision="E")
    support = Child.objects.filter(sen_provision="K")
    assert plans.count() == 100
    assert support.count() == 240
    assert 220 <= Setting.objects.count() <= 240
    assert Setting.objects.filter(setting_type="special").count() >= 8
    assert Setting.objects.exclude(la_code="999").count() >= 5
    children = plans.count() + support.count()
    assert children * 1.2 <= ParentCarer.objects.count() <= children * 1.8
    assert not Child.objects.filter(relationships__isnull=True).exists()
    assert not ChildRelationship.objects.filter(verified=False).exists()

    needs = Counter(plans.values_list("primary_need", flat=True))
    assert needs.most_common(1)[0][0] in ("ASD", "SLCN")
    assert 0.2 <= needs["ASD"] / 100 <= 0.5
    assert 0.25 <= plans.exclude(secondary_need="").count() / 100 <= 0.55

    today = dates.today()
    assert all(0 <= dates.age_on(c.date_of_birth, today) <= 25 for c in plans)
    assert all(4 <= dates.age_on(c.date_of_birth, today) <= 16 for c in support)
    for child in Child.objects.select_related("setting").exclude(setting=None):
        year = dates.national_curriculum_year(child.date_of_birth, today)
        setting = child.setting
        assert setting.statutory_low_age <= year + 4, (child, setting)
        assert year + 5 <= setting.statutory_high_age, (child, setting)
    # search_name is normally kept by save(), which bulk_create skips.
    child = Child.objects.first()
    assert child.search_name == child.build_search_name()


def test_identifiers_are_valid_and_unique(seed):
    seed()
    children = list(Child.objects.all())
    upns = [c.upn for c in children if c.upn]
    nhs_numbers = [c.nhs_number for c in children if c.nhs_number]
    assert all(validate_upn(upn) == upn for upn in upns)
    assert all(validate_nhs_number(number) == number for number in nhs_numbers)
    assert len(set(upns)) == len(upns)
    school_age = [c for c in children if 0 <= c.year_group() <= 11]
    assert sum(1 for c in school_age if c.upn) / len(school_age) >= 0.85
    assert len(nhs_numbers) / len(children) >= 0.8
    postcodes = list(Setting.objects.values_list("postcode", flat=True))
    postcodes += [c.postcode for c in children]
    assert all(normalise_postcode(p) == p for p in postcodes)


def test_every_demo_login_works(seed):
    out, path = seed()
    logins = json.loads(path.read_text())
    assert list(dict.fromkeys(login["role"] for login in logins)) == list(PERSONA_ROLES)
    shown = StringIO()
    call_command("show_demo_logins", logins_file=str(path), stdout=shown)
    assert all(login["username"] in shown.getvalue() for login in logins)
    assert str(path) in out
    for login in logins:
        user = User.objects.get(username=login["username"])
        assert (user.role, user.professional_type) == PERSONA_ROLES[login["role"]]
        assert user.check_password(login["password"])
        validate_password(login["password"], user)
        assert login["description"]
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        if user.requires_two_factor:
            assert devices.get().verify_token(pyotp.TOTP(login["totp_secret"]).now())
        else:
            assert login["totp_secret"] is None
            assert not devices.exists()
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)

    parent = User.objects.get(username="demo.parent").parent_carer
    assert parent.relationships.filter(verified=True, child__sen_provision="E").exists()
    school = SchoolMembership.objects.get(user__username="demo.senco").setting
    assert school.pupils.filter(sen_provision="E").count() >= 2
    young = User.objects.get(username="demo.young_person").own_child_record
    assert young.sen_provision == "E"
    assert 16 <= young.age() <= 25
    # Every setting has a SENCo; some parents and young people have accounts.
    assert SchoolMembership.objects.count() == Setting.objects.count()
    assert ParentCarer.objects.exclude(user=None).count() >= 5
    assert Child.objects.exclude(own_account=None).count() >= 1


def snapshot():
    fields = ["public_id", "legal_first_name", "legal_last_name", "upn", "nhs_number", "date_of_birth"]
    children = list(Child.objects.order_by("public_id").values_list(*fields, "setting__urn"))
    users = list(User.objects.order_by("username").values_list("username", "email", "role"))
    return children, users, list(TOTPDevice.objects.order_by("key").values_list("user__username", "key"))


class _Undo(Exception):
    pass


def seeded_then_undone(seed, number):
    """Seed inside a savepoint, note what was made, then roll it all back: every later builder's
    rows go too, with no need to know their models (audit rows cannot be deleted anyway)."""
    try:
        with transaction.atomic():
            _, path = seed(seed=number)
            made = snapshot(), path.read_text()
            raise _Undo
    except _Undo:
        return made


def test_same_seed_makes_the_same_area(seed):
    first, first_logins = seeded_then_undone(seed, 7)
    assert not Child.objects.exists()
    again, again_logins = seeded_then_undone(seed, 7)
    assert again == first
    assert again_logins == first_logins  # TOTP secrets included
    other, _ = seeded_then_undone(seed, 8)
    assert other[0] != first[0]


def test_if_empty_leaves_a_filled_database_alone(seed):
    seed()
    counts = [model.objects.count() for model in (Child, ParentCarer, Setting, User)]
    out, _ = seed(if_empty=True)
    assert "no demo data added" in out
    assert [model.objects.count() for model in (Child, ParentCarer, Setting, User)] == counts
    with pytest.raises(CommandError, match="already has children"):
        seed()


def test_refuses_to_run_without_debug(settings, tmp_path):
    settings.DEBUG = False  # the demo passwords are published: keep them off a live service
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo", scale=SCALE, logins_file=str(tmp_path / "logins.json"))
    assert not Child.objects.exists()
    assert not (tmp_path / "logins.json").exists()


def test_unique_names_never_repeat_even_when_a_base_ends_in_a_number():
    names = UniqueNames()
    taken = [
        names.take("sara.khan"),
        names.take("sara.khan2"),
        names.take("sara.khan"),
        names.take("sara.khan"),
    ]
    assert len(set(taken)) == len(taken)
