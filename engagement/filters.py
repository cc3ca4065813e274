"""The survey list's filter: who the survey is for."""

from core.filters import Choice, ListFilterSet
from engagement.models import Audience


class SurveyFilter(ListFilterSet):
    audience = Choice(
        label="Who the survey is for", choices=Audience.choices, empty_label="Everyone", field_name="audience"
    )
