"""Commissioning records for tests, made through the services (so the rules apply)."""

from datetime import date

from commissioning import services
from commissioning.models import Placement
from people.models import Setting

JOINT_COST = {"period": "weekly", "education": "1500", "health": "400", "social_care": "600"}


def out_of_area_school() -> Setting:
    setting, _ = Setting.objects.get_or_create(
        urn=990001,
        defaults={
            "name": "Moorside Independent School",
            "la_code": "380",
            "setting_type": "independent",
            "town": "Calderdale",
        },
    )
    return setting


def placement_for(area) -> Placement:
    """The own child's out-of-area placement with a jointly funded cost (made once)."""
    existing = Placement.objects.filter(child=area.own_child).first()
    if existing:
        return existing
    return services.record_placement(
        None,
        area.users["commissioner"],
        area.own_child,
        {
            "kind": "out_of_area",
            "provider": out_of_area_school(),
            "start_on": date(2025, 9, 1),
            "contract_reference": "OOA-0001",
        },
        JOINT_COST,
    )
