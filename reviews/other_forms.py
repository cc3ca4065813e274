"""Forms for the school's paperwork, the family's views, bulk scheduling and transfers between areas."""

from datetime import time

from django import forms

from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from core.uploads import check_upload, upload_hint
from people.models import Child
from reviews.forms import DATE_HINT, time_field
from reviews.models import Direction, TransferDecision

TEXTAREA = {"rows": 5}


class AttachmentMixin(forms.Form):
    """An optional file with what is sent for the meeting, checked like every upload (core.uploads):
    a file that fails is refused with the reason, and what was typed stays on the page."""

    attachment = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        error_messages={"invalid": "The file could not be read. Choose it again"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = upload_hint()

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else None


class PaperworkForm(AttachmentMixin, OneTimeFormMixin, forms.Form):
    """The school's review paperwork: one progress box per outcome of the current plan, or one box
    for all of them when the plan's outcomes are not recorded in OpenSEND."""

    views = forms.CharField(
        label="The pupil's views",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="In their own words where you can: what is going well, what is hard, what they hope for",
        error_messages={"required": "Enter the pupil's views"},
    )
    proposed_changes = forms.CharField(
        label="Changes you propose to the plan (optional)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="To needs, outcomes, provision or the school named",
    )

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        fields = {}
        for number, outcome in enumerate(self.outcomes, start=1):
            fields[f"progress_{number}"] = forms.CharField(
                label=f"Progress towards outcome {number}: {outcome}",
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Enter the progress towards outcome {number}"},
            )
        if not self.outcomes:
            fields["progress_1"] = forms.CharField(
                label="Progress against each outcome of the plan",
                widget=forms.Textarea(attrs=TEXTAREA),
                help_text="Name each outcome, then the progress made towards it",
                error_messages={"required": "Enter the progress against the plan's outcomes"},
            )
        # The progress boxes come between the pupil's views and the proposed changes.
        self.fields = (
            {"form_token": self.fields["form_token"], "views": self.fields["views"]}
            | fields
            | {"proposed_changes": self.fields["proposed_changes"], "attachment": self.fields["attachment"]}
        )

    def progress(self) -> list[dict]:
        if not self.outcomes:
            return [{"outcome": "All outcomes", "progress": self.cleaned_data["progress_1"]}]
        return [
            {"outcome": outcome, "progress": self.cleaned_data[f"progress_{n}"]}
            for n, outcome in enumerate(self.outcomes, start=1)
        ]


class FamilyViewsForm(AttachmentMixin, OneTimeFormMixin, forms.Form):
    views = forms.CharField(
        label="Your views",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="What is going well, what is not, and what you hope for over the next year",
        error_messages={"required": "Enter your views"},
    )
    proposed_changes = forms.CharField(
        label="Anything you would like changed in the plan (optional)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class BulkScheduleForm(OneTimeFormMixin, forms.Form):
    school = forms.ChoiceField(label="School or setting", error_messages={"required": "Select the school"})
    due_from = GovUKDateField(label="Reviews due from", help_text=DATE_HINT)
    due_to = GovUKDateField(label="Reviews due up to", help_text=DATE_HINT)
    first_day = GovUKDateField(
        label="First meeting day",
        future_only=True,
        help_text="At least 2 weeks from today, so the invitations can go out in time",
    )
    per_day = forms.IntegerField(
        label="Meetings a day",
        min_value=1,
        max_value=12,
        initial=6,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={"required": "Enter how many meetings a day", "invalid": "Enter a whole number"},
    )
    start_time = time_field("First meeting of the day", required=True)
    place = forms.CharField(
        label="Where (optional)", required=False, max_length=200, help_text="Leave empty for the school"
    )
    late_reason = forms.CharField(
        label="If any meeting falls after its review's due date, say why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Those reviews will be late. The reason is recorded on each of them and in the audit log",
    )

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {str(s.public_id): s for s in schools}
        self.fields["school"].choices = [
            ("", "Choose a school"),
            *((k, s.name) for k, s in self.schools.items()),
        ]
        self.initial.setdefault("start_time", time(9, 30))

    def clean(self):
        data = super().clean()
        if data.get("due_from") and data.get("due_to") and data["due_to"] < data["due_from"]:
            self.add_error("due_to", "The end of the date range must be on or after its start")
        return data

    @property
    def chosen_school(self):
        return self.schools[self.cleaned_data["school"]]


class TransferForm(OneTimeFormMixin, forms.Form):
    direction = forms.ChoiceField(
        label="Which way is the plan moving?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which way the plan is moving"},
    )
    upn = forms.CharField(
        label="The child's UPN",
        max_length=13,
        required=False,
        help_text="Add the child's record first if they are new to the area",
    )
    other_area = forms.CharField(
        label="The other local authority", max_length=200, error_messages={"required": "Enter the other area"}
    )
    started_on = GovUKDateField(
        label="Date we learned of the move, or received the plan from the old area",
        past_only=True,
        help_text="Moving out: the day we learned of it. Moving in: the day the plan arrived",
    )
    moved_on = GovUKDateField(label="Date of the move (optional)", required=False, help_text=DATE_HINT)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        if child is not None:
            del self.fields["upn"]

    def clean_upn(self):
        upn = self.cleaned_data["upn"].strip().upper()
        self.child = Child.objects.filter(upn=upn).first() if upn else None
        if self.child is None:
            raise forms.ValidationError("No child has this UPN: check it, or add the child's record first")
        return upn


class TransferDoneForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    on = GovUKDateField(label="Date", past_only=True, help_text=DATE_HINT)
    decision = forms.ChoiceField(
        label="What did we tell the family?", choices=TransferDecision.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, direction, **kwargs):
        super().__init__(*args, **kwargs)
        if direction == Direction.OUT:
            del self.fields["decision"]
            self.fields["on"].label = "Date the plan was sent to the new area"
        else:
            self.fields["on"].label = "Date the family was told"
