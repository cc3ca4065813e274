from django import forms

from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from improvement.models import Rating, ReportKind
from improvement.services import UpdateRefused, check_update


class UpdateActionForm(VersionFieldMixin):
    rating = forms.ChoiceField(
        label="Rating",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a rating"},
    )
    milestones_met = forms.MultipleChoiceField(
        label="Milestones met",
        help_text="Tick any milestone this action has now met.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    narrative = forms.CharField(
        label="Progress update",
        help_text="What has happened since the last update, and what happens next. "
        "Red and amber ratings need an update saying why.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": "Enter a progress update"},
    )

    def __init__(self, *args, action, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)
        unmet = action.milestones.filter(met_on__isnull=True)
        if unmet:
            self.fields["milestones_met"].choices = [
                (str(m.pk), f"{m.due_on:%B %Y}: {m.measure}") for m in unmet
            ]
        else:
            del self.fields["milestones_met"]

    def clean(self):
        cleaned = super().clean()
        rating = cleaned.get("rating")
        too_long = "narrative" in self.errors and self.data.get("narrative", "").strip()
        if rating and not too_long:
            # Say why the update is needed: "why the action is amber", "why the rating has changed".
            try:
                check_update(self.action, rating, cleaned.get("narrative", ""))
            except UpdateRefused as refused:
                self.errors.pop(refused.field, None)
                self.add_error(refused.field, refused.message)
        return cleaned


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which report",
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which report to make"},
    )
    as_of = GovUKDateField(label="Position at", help_text="For example, 30 9 2026", past_only=True)


class IssueReportForm(OneTimeFormMixin):
    kind = forms.ChoiceField(choices=ReportKind.choices, widget=forms.HiddenInput)
    as_of = forms.DateField(widget=forms.HiddenInput)
