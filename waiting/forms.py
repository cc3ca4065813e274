"""Forms for the waiting app's pages. Rules a record must keep live in waiting.validation and
waiting.register; the forms only read the boxes."""

from django import forms

from accounts.models import User
from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from people.models import Child
from people.validators import validate_nhs_number
from waiting.models import Consent, EndReason, InclusionReason, Pathway, Rag, RegisterEntry, Trajectory
from waiting.rules import REGISTER_HOLDERS
from waiting.validation import clean_nhs_number


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


class ReferralForm(forms.Form):
    """A referral typed in by hand; the rules are waiting.validation's (through waiting.services)."""

    pathway = forms.ModelChoiceField(
        label="Pathway",
        queryset=Pathway.objects.filter(active=True),
        error_messages={"required": "Select the pathway"},
    )
    nhs_number = forms.CharField(
        label="NHS number",
        help_text="10 digits, for example 485 777 3456",
        max_length=20,
        error_messages={"required": "Enter the NHS number"},
    )
    date_of_birth = GovUKDateField(label="Date of birth")
    provider_reference = forms.CharField(
        label="Provider's reference",
        max_length=40,
        error_messages={"required": "Enter the provider's reference for the referral"},
    )
    referral_date = GovUKDateField(label="Referral date")
    first_appointment = GovUKDateField(label="First appointment", required=False)
    assessment_start = GovUKDateField(label="Assessment start", required=False)
    treatment_start = GovUKDateField(label="Treatment start", required=False)
    ended_on = GovUKDateField(label="Discharge or removal date", required=False)
    end_reason = forms.ChoiceField(
        label="Discharge or removal reason",
        choices=[("", "Still on the list"), *EndReason.choices],
        required=False,
    )

    def clean_nhs_number(self):
        number, message = clean_nhs_number(self.cleaned_data["nhs_number"])
        if message:
            raise forms.ValidationError(message)
        return number


class NewReferralForm(OneTimeFormMixin, ReferralForm):
    pass


class EditReferralForm(VersionFieldMixin, ReferralForm):
    pass


class PathwayForm(forms.ModelForm):
    class Meta:
        model = Pathway
        fields = [
            "name",
            "provider",
            "measure",
            "target_within_13_weeks",
            "target_within_18_weeks",
            "support_term",
            "kpi_codes",
            "active",
        ]
        labels = {"support_term": "Local Offer “support while you wait” pathway"}
        error_messages = {
            "name": {"required": "Enter the pathway's name"},
            "provider": {"required": "Enter the provider"},
            "measure": {"required": "Select the event that stops the clock"},
            "target_within_13_weeks": {"invalid": "Enter the target as a number, like 12.5"},
            "target_within_18_weeks": {"invalid": "Enter the target as a number, like 90"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_term"].empty_label = "None"
        for name in ("target_within_13_weeks", "target_within_18_weeks"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})


class TrajectoryForm(forms.ModelForm):
    due = GovUKDateField(label="Due by")

    class Meta:
        model = Trajectory
        fields = ["measure", "due", "label", "value"]
        error_messages = {
            "measure": {"required": "Select what the trajectory point measures"},
            "value": {
                "required": "Enter the figure to reach",
                "invalid": "Enter the figure as a number, like 26",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].widget = forms.TextInput(attrs={"inputmode": "decimal"})


TrajectoryFormSet = forms.inlineformset_factory(
    Pathway, Trajectory, form=TrajectoryForm, extra=1, can_delete=True
)


class HealthCheckForm(OneTimeFormMixin, forms.Form):
    quarter_end = GovUKDateField(label="Quarter end", help_text="For example, 30 6 2026", past_only=True)
    register_count = forms.IntegerField(
        label="People aged 14 to 25 on GP learning disability registers",
        min_value=0,
        error_messages={
            "required": "Enter the number on the registers",
            "min_value": "The number cannot be negative",
        },
    )
    checks_done = forms.IntegerField(
        label="Annual health checks done in the 12 months to the quarter end",
        min_value=0,
        error_messages={
            "required": "Enter the number of checks done",
            "min_value": "The number cannot be negative",
        },
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="Where the figures come from, for example the ICB's GP practice report and its date",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter where the figures come from"},
    )

    def clean_quarter_end(self):
        day = self.cleaned_data["quarter_end"]
        if (day.month, day.day) not in {(3, 31), (6, 30), (9, 30), (12, 31)}:
            raise forms.ValidationError("Enter a quarter end: 31 March, 30 June, 30 September or 31 December")
        return day

    def clean(self):
        data = super().clean()
        done, register = data.get("checks_done"), data.get("register_count")
        if done is not None and register is not None and done > register:
            self.add_error("checks_done", "The checks done cannot be more than the number on the registers")
        return data
