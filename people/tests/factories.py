"""factory_boy factories for people and accounts, and `build_area`, the shared test area."""

from dataclasses import dataclass, field
from datetime import date

import factory

from accounts.models import User
from people.models import Child, ChildRelationship, ParentCarer, SchoolMembership, Setting
from people.validators import nhs_check_digit, upn_check_letter


def valid_upn(serial: int) -> str:
    body = f"999{1000 + serial % 9000:04d}25{serial % 1000:03d}"
    return upn_check_letter(body) + body


def valid_nhs_number(seed: int) -> str:
    n = 400000000 + seed * 7
    while True:
        first_nine = f"{n:09d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
        n += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-9")


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    urn = factory.Sequence(lambda n: 900000 + n)
    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    la_code = "999"
    phase = "primary"
    setting_type = "mainstream"
    postcode = "BF1 2AB"


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    legal_first_name = factory.Faker("first_name", locale="en_GB")
    legal_last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(2015, 5, 14)
    upn = factory.Sequence(valid_upn)
    nhs_number = factory.Sequence(valid_nhs_number)
    sen_provision = "E"
    primary_need = "ASD"
    setting = factory.SubFactory(SettingFactory)


class ParentCarerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentCarer

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.Sequence(lambda n: f"parent{n}@example.org")


@dataclass
class Area:
    school: Setting
    other_school: Setting
    own_child: Child  # the parent persona's child, a pupil at `school`
    other_child: Child  # another family's child, at `other_school`
    users: dict = field(default_factory=dict)


def build_area() -> Area:
    from conftest import PERSONA_ROLES

    school = SettingFactory(name="Alder Lane Primary School")
    other_school = SettingFactory(name="Beckside Academy", phase="secondary")
    own_child = ChildFactory(setting=school, legal_first_name="Amira", legal_last_name="Hussain")
    other_child = ChildFactory(
        setting=other_school,
        legal_first_name="Jacob",
        legal_last_name="Walsh",
        date_of_birth=date(2010, 11, 2),
    )
    users = {
        persona: UserFactory(username=persona, role=role, professional_type=kind)
        for persona, (role, kind) in PERSONA_ROLES.items()
    }
    parent = ParentCarerFactory(user=users["parent"], first_name="Sara", last_name="Hussain")
    ChildRelationship.objects.create(child=own_child, parent_carer=parent, relationship="mother")
    young = ChildFactory(
        setting=None,
        date_of_birth=date(2006, 1, 9),
        own_account=users["young_person"],
        legal_first_name="Leo",
        legal_last_name="Young",
    )
    SchoolMembership.objects.create(setting=school, user=users["senco"])
    area = Area(
        school=school, other_school=other_school, own_child=own_child, other_child=other_child, users=users
    )
    area.young_person_child = young
    return area
