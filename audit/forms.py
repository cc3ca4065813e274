from django import forms

from audit.models import Action
from core.forms import GovUKDateField


class AuditFilterForm(forms.Form):
    person = forms.CharField(label="Person (username or name)", required=False, max_length=100)
    child = forms.UUIDField(
        label="Child's record ID",
        required=False,
        help_text="Shown in the web address of the child's record",
        error_messages={"invalid": "Enter the record ID copied from the child's record"},
    )
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *Action.choices])
    date_from = GovUKDateField(label="From", required=False, past_only=True)
    date_to = GovUKDateField(label="To", required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data
