"""Loading an improvement plan from its data file (improvement/data/bradford_wsa.json)."""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from clock import dates
from improvement.models import Action, Area, Milestone, Objective, Resource

BRADFORD_WSA = Path(__file__).resolve().parent / "data" / "bradford_wsa.json"


def read_plan(path: Path = BRADFORD_WSA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def month_end(year_month: str, shift_months: int = 0) -> date:
    """ "2022-11" -> 30 November 2022: a plan's "November 2022" means by the end of that month."""
    year, month = (int(part) for part in year_month.split("-"))
    return dates.month_end(dates.add_months(date(year, month, 1), shift_months))


@transaction.atomic
def load_plan(data: dict | None = None, shift_months: int = 0, make_uuid=None) -> list[Action]:
    """Create every area, objective, action and milestone in `data`; return the actions in order.

    `shift_months` moves every milestone, so a demo area can be part-way through the plan today.
    """
    data = data or read_plan()
    actions, milestones = [], []
    for area_data in data["areas"]:
        area = Area.objects.create(
            number=area_data["number"],
            title=area_data["title"],
            sro_name=area_data["sro_name"],
            sro_role=area_data.get("sro_role", ""),
        )
        for position, objective_data in enumerate(area_data["objectives"], start=1):
            objective = Objective.objects.create(
                area=area, number=objective_data["number"], position=position, text=objective_data["text"]
            )
            for action_position, item in enumerate(objective_data["actions"], start=1):
                action = Action(
                    objective=objective,
                    number=item["number"],
                    position=action_position,
                    text=item["text"],
                    lead_post=item.get("lead", ""),
                    partners="\n".join(item.get("partners", [])),
                    timeframe=item.get("timeframe", ""),
                    resource=item.get("resource", Resource.EXISTING),
                )
                if make_uuid:
                    action.public_id = make_uuid()
                actions.append(action)
                milestones.append(
                    [(month_end(when, shift_months), measure) for when, measure in item.get("milestones", [])]
                )
    Action.objects.bulk_create(actions)
    Milestone.objects.bulk_create(
        Milestone(action=action, due_on=due_on, measure=measure)
        for action, items in zip(actions, milestones, strict=True)
        for due_on, measure in items
    )
    return actions
