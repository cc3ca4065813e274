"""Forms for the waiting app's pages. Rules a record must keep live in waiting.validation and
waiting.register; the forms only read the boxes."""

from django import forms

from accounts.models import User
from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from people.models import Child
from people.validators import validate_nhs_number
from waiting.models import Consent, InclusionReason, Rag, RegisterEntry
from waiting.rules import REGISTER_HOLDERS


def key_workers():
    return User.objects.filter(is_active=True, role__in=REGISTER_HOLDERS).order_by("first_name", "last_name")


class EntryForm(forms.Form):
    inclusion_reason = forms.ChoiceField(
        label="Why they are on the register",
        choices=InclusionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why they are on the register"},
    )
    risk_reason = forms.CharField(
        label="Why they are at risk of admission",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why they are at risk of admission"},
    )
    consent = forms.ChoiceField(
        label="Consent to be on the register",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they have consented"},
    )
    consent_on = GovUKDateField(label="Date consent was recorded", required=False, past_only=True)
    key_worker = forms.ModelChoiceField(
        label="Key worker", queryset=User.objects.none(), required=False, empty_label="No key worker yet"
    )
    added_on = GovUKDateField(label="Date added to the register", past_only=True)
    last_review_on = GovUKDateField(
        label="Last care (education) and treatment review", required=False, past_only=True
    )
    next_review_on = GovUKDateField(label="Next care (education) and treatment review", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].queryset = key_workers()


class NewEntryForm(OneTimeFormMixin, EntryForm):
    nhs_number = forms.CharField(
        label="NHS number",
        help_text="10 digits, for example 485 777 3456",
        max_length=20,
        error_messages={"required": "Enter the NHS number"},
    )
    risk_rating = forms.ChoiceField(
        label="Risk rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk rating"},
    )
    field_order = ["nhs_number", "risk_rating"]

    def clean_nhs_number(self):
        number = validate_nhs_number(self.cleaned_data["nhs_number"])
        child = Child.objects.filter(nhs_number=number).first()
        if child is None:
            raise forms.ValidationError("No child with this NHS number is on our records")
        self.child = child
        return number


class EditEntryForm(VersionFieldMixin, EntryForm):
    removed_on = GovUKDateField(label="Date removed from the register", required=False, past_only=True)
    removal_reason = forms.CharField(label="Why they were removed", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("removed_on") and not data.get("removal_reason"):
            self.add_error("removal_reason", "Enter why they were removed from the register")
        return data


class RatingForm(VersionFieldMixin, forms.Form):
    rating = forms.ChoiceField(
        label="New risk rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk rating"},
    )
    reason = forms.CharField(
        label="Why the rating changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the rating changed"},
    )


class PanelForm(OneTimeFormMixin, forms.Form):
    held_on = GovUKDateField(label="Date of the panel", past_only=True)
    minutes = forms.CharField(
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the minutes of the panel"},
    )
    entries = forms.ModelMultipleChoiceField(
        label="Entries discussed",
        queryset=RegisterEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = RegisterEntry.objects.filter(
            removed_on__isnull=True
        ).select_related("child")
        self.fields["entries"].label_from_instance = lambda e: (
            f"{e.child.full_name} ({e.get_risk_rating_display()})"
        )


class NhsNumberMixin(forms.Form):
    nhs_number = forms.CharField(
        label="NHS number",
        help_text="10 digits, for example 485 777 3456",
        max_length=20,
        error_messages={"required": "Enter the NHS number"},
    )

    def clean_nhs_number(self):
        number = validate_nhs_number(self.cleaned_data["nhs_number"])
        child = Child.objects.filter(nhs_number=number).first()
        if child is None:
            raise forms.ValidationError("No child with this NHS number is on our records")
        self.child = child
        return number


class EpisodeForm(OneTimeFormMixin, NhsNumberMixin):
    started_on = GovUKDateField(label="Date they came into care", past_only=True)


class AssessmentForm(OneTimeFormMixin, forms.Form):
    done_on = GovUKDateField(label="Date of the assessment", past_only=True)
