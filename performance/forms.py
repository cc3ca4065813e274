"""Forms for figures typed in by a KPI's owner, comparison figures, and the dashboard filters."""

from decimal import Decimal

from django import forms

from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from core.uploads import check_upload, upload_hint
from performance.models import ComparisonGroup, Unit

TOO_MANY = "Number meeting the measure must not be more than the number counted"


class FigureFields(forms.Form):
    value = forms.DecimalField(
        label="Figure",
        max_digits=10,
        decimal_places=2,
        error_messages={"required": "Enter the figure", "invalid": "Figure must be a number, like 72.5"},
    )
    numerator = forms.IntegerField(
        label="Number meeting the measure (optional)",
        required=False,
        min_value=0,
        help_text="Where the figure counts people, for example 45 of 60 children: enter 45",
        error_messages={"invalid": "Number meeting the measure must be a whole number"},
    )
    denominator = forms.IntegerField(
        label="Number counted (optional)",
        required=False,
        min_value=1,
        help_text="For example 45 of 60 children: enter 60",
        error_messages={"invalid": "Number counted must be a whole number"},
    )
    note = forms.CharField(
        label="Where the figure comes from",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The report or system it comes from and anything a reader should know",
        error_messages={"required": "Enter where the figure comes from"},
    )
    evidence = forms.FileField(label="Evidence (optional)", required=False)

    def __init__(self, *args, kpi, **kwargs):
        self.kpi = kpi
        super().__init__(*args, **kwargs)
        self.fields["value"].label = f"Figure ({kpi.get_unit_display().lower()})"
        self.fields["evidence"].help_text = f"The report the figure is taken from. {upload_hint()}"

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value < 0:
            raise forms.ValidationError("Figure must be 0 or more")
        if self.kpi.unit == Unit.PERCENT and value > 100:
            raise forms.ValidationError("Figure must be a percentage from 0 to 100")
        return value

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        return check_upload(upload) if upload else None

    def clean(self):
        data = super().clean()
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if (numerator is None) != (denominator is None):
            self.add_error(
                "denominator" if denominator is None else "numerator", "Enter both numbers, or neither"
            )
        elif numerator is not None and denominator is not None:
            if numerator > denominator:
                self.add_error(
                    "numerator", "Number meeting the measure must not be more than the number counted"
                )
            elif self.kpi.unit == Unit.PERCENT and data.get("value") is not None:
                percent = Decimal(100 * numerator / denominator).quantize(Decimal("0.1"))
                if abs(percent - data["value"]) > 1:
                    self.add_error(
                        "value",
                        f"Figure does not match the numbers: {numerator} of {denominator} is {percent}%",
                    )
        return data


class MeasurementForm(OneTimeFormMixin, FigureFields):
    as_at = GovUKDateField(label="Date the figure is for", past_only=True, help_text="For example, 31 3 2024")
    field_order = ["as_at", "value", "numerator", "denominator", "note", "evidence"]


class MeasurementChangeForm(VersionFieldMixin, FigureFields):
    pass


class ComparisonForm(OneTimeFormMixin):
    group = forms.ChoiceField(
        label="Compared with",
        choices=ComparisonGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select England or statistical neighbours"},
    )
    on = GovUKDateField(label="Date the figure is for", past_only=True, help_text="For example, 31 12 2024")
    value = forms.DecimalField(
        label="Figure",
        max_digits=10,
        decimal_places=2,
        min_value=0,
        error_messages={"required": "Enter the figure", "invalid": "Figure must be a number, like 46.4"},
    )
    source = forms.CharField(
        label="Where it is published",
        max_length=200,
        help_text="For example, DfE EHC plans statistics 2025",
        error_messages={"required": "Enter where the figure is published"},
    )
