"""Forms for panel meetings, agendas, attendance and decisions (GOV.UK error wording)."""

from django import forms

from casework import panels
from casework.access import cases_visible_to
from casework.models import PanelDecision, PanelQuestion
from core.forms import GovUKDateField, OneTimeFormMixin


class PanelMeetingForm(OneTimeFormMixin):
    meets_on = GovUKDateField(label="Date of the meeting", help_text="For example, 27 3 2026")
    title = forms.CharField(
        label="Name of the meeting",
        max_length=200,
        initial="EHC multi-agency panel",
        error_messages={"required": "Enter the name of the meeting"},
    )
    members = forms.ModelMultipleChoiceField(
        label="Panel members",
        queryset=panels.panel_members(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select everyone invited to the meeting.",
    )


class PanelItemForm(OneTimeFormMixin):
    reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="For example, EHC-000123",
        error_messages={"required": "Enter the case reference"},
    )
    question = forms.ChoiceField(
        label="What should the panel decide?",
        choices=PanelQuestion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the panel should decide"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.case = None

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        self.case = cases_visible_to(self.user).select_related("child").filter(reference=reference).first()
        if self.case is None:
            raise forms.ValidationError(f"There is no case with the reference {reference}")
        return reference


class AttendanceForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label="Who attended the meeting?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = meeting.members.order_by("last_name", "first_name")


class PanelDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What did the panel decide?",
        choices=PanelDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel's decision"},
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For a decision on whether to assess or to issue a plan, these go into the letter to the "
        "family, so write them in plain English.",
        error_messages={"required": "Enter the reasons for the decision"},
    )
