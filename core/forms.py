"""Form pieces shared by every app: the GOV.UK date input and the one-time form token."""

from datetime import date

from django import forms

from clock import dates
from core.idempotency import TOKEN_FIELD, new_token


class GovUKDateWidget(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK "Dates" pattern); rendered by the date template."""

    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}_{part}", "").strip() for part in self.parts]

    def part_values(self, value, name):
        if isinstance(value, date):
            value = self.decompress(value)
        if not isinstance(value, list | tuple):
            value = [None, None, None]
        return [
            {"part": part, "name": f"{name}_{part}", "value": v or ""}
            for part, v in zip(self.parts, value, strict=True)
        ]


class GovUKDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages for each mistake."""

    widget = GovUKDateWidget

    def __init__(self, *, past_only=False, future_only=False, **kwargs):
        self.past_only = past_only
        self.future_only = future_only
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date) or value is None:
            return value
        day, month, year = value
        name = self.label or "Date"
        missing = [p for p, v in zip(("day", "month", "year"), value, strict=True) if not v]
        if len(missing) == 3:
            return None
        if missing:
            raise forms.ValidationError(f"{name} must include a {' and '.join(missing)}")
        try:
            parsed = date(int(year), int(month), int(day))
        except ValueError as exc:
            raise forms.ValidationError(f"{name} must be a real date") from exc
        if len(str(year)) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        return parsed

    def validate(self, value):
        if value is None and self.required:
            label = self.label or "Date"
            raise forms.ValidationError(f"Enter the {label[0].lower()}{label[1:]}")
        if value and self.past_only and value > dates.today():
            raise forms.ValidationError(f"{self.label or 'Date'} must be today or in the past")
        if value and self.future_only and value < dates.today():
            raise forms.ValidationError(f"{self.label or 'Date'} must be today or in the future")


class OneTimeFormMixin(forms.Form):
    """Adds the hidden token that makes a create form safe to submit twice."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(TOKEN_FIELD, new_token())


class VersionFieldMixin(forms.Form):
    """Carries the record version the form was opened on (see core.concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
