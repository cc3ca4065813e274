"""Forms for acting on several cases chosen on the case list: allocate them, or put them on a panel."""

from django import forms

from casework import panels, queries
from casework.models import PanelQuestion
from clock import dates


class CaseworkerWithCaseload(forms.ModelChoiceField):
    """Each caseworker shown with what they already hold, so work can be shared fairly."""

    def __init__(self, *args, loads=None, **kwargs):
        self.loads = loads or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, person):
        load = self.loads.get(person.pk)
        if load is None:
            return f"{person}: no open cases"
        return (f"{person}: {load.open} open {'case' if load.open == 1 else 'cases'}, "
                f"{load.overdue} overdue, {load.due_soon} due this week")


class BulkAllocateForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        loads = {load.caseworker.pk: load for load in queries.caseloads() if load.caseworker is not None}
        self.fields["caseworker"] = CaseworkerWithCaseload(
            label="Who should hold these cases?",
            queryset=queries.caseworkers().order_by("last_name", "first_name"),
            loads=loads,
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={"required": "Select a caseworker"},
        )


class MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        cases = f"{meeting.item_count} {'case' if meeting.item_count == 1 else 'cases'} so far"
        return f"{meeting.meets_on:%A %-d %B %Y}: {meeting.title} ({cases})"


class BulkPanelForm(forms.Form):
    meeting = MeetingChoice(
        label="Which panel meeting?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a panel meeting"},
    )
    question = forms.ChoiceField(
        label="What should the panel decide?",
        choices=PanelQuestion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the panel should decide"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = panels.upcoming_meetings(dates.today())
