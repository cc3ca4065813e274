"""Forms for recording disagreements, with GOV.UK dates and plain-English errors."""

from django import forms

from core.forms import GovUKDateField, OneTimeFormMixin
from engagement.models import ORDER_KIND_CHOICES, About, MediationOutcome

HINT = "For example, 27 3 2026"


def _about(label):
    return forms.ChoiceField(
        label=label,
        choices=About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the disagreement is about"},
    )


class MediationForm(OneTimeFormMixin, forms.Form):
    about = _about("What is the disagreement about?")
    requested_on = GovUKDateField(
        label="Date the family contacted the mediation adviser", past_only=True, help_text=HINT
    )
    information_only = forms.BooleanField(
        label="The family only wanted information about mediation", required=False
    )
    certificate_issued_on = GovUKDateField(
        label="Date the certificate was issued", past_only=True, required=False, help_text=HINT
    )
    held_on = GovUKDateField(label="Date mediation was held", past_only=True, required=False, help_text=HINT)
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Not yet known"), *MediationOutcome.choices], required=False
    )


class AppealForm(OneTimeFormMixin, forms.Form):
    about = _about("What is the appeal about?")
    registered_on = GovUKDateField(
        label="Date the tribunal registered the appeal", past_only=True, help_text=HINT
    )
    grounds = forms.CharField(
        label="Grounds of appeal",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the grounds of appeal"},
    )
    hearing_on = GovUKDateField(label="Hearing date", required=False, help_text=HINT)


class OrderForm(OneTimeFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What did the tribunal order?",
        choices=ORDER_KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the tribunal ordered"},
    )
    made_on = GovUKDateField(label="Date of the order", past_only=True, help_text=HINT)


class ComplaintForm(OneTimeFormMixin, forms.Form):
    complainant = forms.CharField(
        label="Who made the complaint",
        max_length=200,
        error_messages={"required": "Enter who made the complaint"},
    )
    summary = forms.CharField(
        label="What the complaint is about",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the complaint is about"},
    )
    received_on = GovUKDateField(label="Date the complaint was received", past_only=True, help_text=HINT)
