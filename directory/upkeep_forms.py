"""Forms for the Local Offer team's upkeep pages: importing another Open Referral UK feed, and the
quarterly dip-sample audit."""

from datetime import date

from django import forms

from core.forms import OneTimeFormMixin
from directory import dip_samples
from directory.choices import FundingType
from directory.models import Finding
from people.forms import ImportForm


class FeedImportForm(ImportForm):
    funding_type = forms.ChoiceField(
        label="Who funds these services?",
        choices=FundingType.choices,
        widget=forms.RadioSelect,
        help_text="Used for new services whose feed does not say in words the Local Offer uses",
        error_messages={"required": "Choose who funds these services"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allowed=(".json",), **kwargs)
        self.fields["file"].help_text = "The file must be JSON, as the feed's API sends it"


class StartDipSampleForm(OneTimeFormMixin, forms.Form):
    quarter = forms.TypedChoiceField(
        label="Which quarter are you auditing?",
        coerce=date.fromisoformat,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the quarter you are auditing"},
    )
    percent = forms.IntegerField(
        label="Share of live services to check, in per cent",
        initial=dip_samples.SAMPLE_PERCENT,
        min_value=1,
        max_value=100,
        help_text=f"At least {dip_samples.SAMPLE_MINIMUM} services are checked, however small the share",
        error_messages={
            "required": "Enter the share of services to check",
            "invalid": "Enter the share as a whole number, like 10",
            "min_value": "Enter a share from 1 to 100",
            "max_value": "Enter a share from 1 to 100",
        },
    )

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.isoformat(), dip_samples.quarter_label(q)) for q in quarters]
        if quarters and not self.is_bound:
            self.initial.setdefault("quarter", quarters[0].isoformat())


class FindingForm(forms.Form):
    finding = forms.ChoiceField(
        label="What did you find?",
        choices=Finding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you found"},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was wrong, and who you told",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("finding") not in (None, Finding.CURRENT) and not cleaned.get("notes", "").strip():
            self.add_error("notes", "Say what was wrong, so it can be put right")
        return cleaned
