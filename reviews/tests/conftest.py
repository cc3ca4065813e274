import pytest

from accounts.roles import ProfessionalType, Role
from people.models import ChildRelationship, SchoolMembership
from people.tests.factories import ChildFactory, SettingFactory, UserFactory


@pytest.fixture
def other_senco(area):
    """The SENCo of another school: none of the area's pupils are on roll there."""
    user = UserFactory(
        username="other_senco", role=Role.PROFESSIONAL, professional_type=ProfessionalType.SENCO
    )
    SchoolMembership.objects.create(setting=SettingFactory(name="Crag Top Primary School"), user=user)
    return user


@pytest.fixture
def pupil(area):
    """Another pupil at the SENCo's school, whose parent is the parent persona."""

    def make(**values):
        child = ChildFactory(setting=area.school, **values)
        parent = area.users["parent"].parent_carer
        ChildRelationship.objects.create(child=child, parent_carer=parent, relationship="mother")
        return child

    return make
