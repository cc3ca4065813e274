"""Forms for arranging meetings, recording review steps and decisions, and phase transfers.

Every form that changes a review carries the version it was opened on (a stale page is refused)
and a one-time token (a double submit records once). Paperwork, family views, bulk scheduling and
transfers have their own forms in reviews/other_forms.py.
"""

from django import forms

from accounts.models import User
from accounts.roles import ProfessionalType, Role
from clock import dates
from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from plans.codes import CeaseReason
from reviews.meetings import late_meeting_message
from reviews.models import PHASE_TRANSFER_CHOICES, Decision

DATE_HINT = "For example, 27 3 2027"
TIME_HINT = "For example, 9:30 or 14:00"


def time_field(label, required=False):
    return forms.TimeField(
        label=label,
        required=required,
        help_text=TIME_HINT,
        input_formats=["%H:%M", "%H.%M", "%H"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "invalid": "Enter a time like 9:30 or 14:00",
            "required": f"Enter the {label.lower()}",
        },
    )


class ProfessionalsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        kind = user.get_professional_type_display() if user.professional_type else user.get_role_display()
        return f"{user.get_full_name() or user.username}, {kind[:1].lower()}{kind[1:]}"


class ScheduleForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    meeting_on = GovUKDateField(label="Date of the meeting", future_only=True, help_text=DATE_HINT)
    meeting_at = time_field("Time of the meeting (optional)")
    place = forms.CharField(
        label="Where the meeting will be",
        max_length=200,
        help_text="For example, the school's name, or 'online'",
        error_messages={"required": "Enter where the meeting will be"},
    )
    family = forms.MultipleChoiceField(
        label="Invite the family", required=False, widget=forms.CheckboxSelectMultiple
    )
    school = forms.MultipleChoiceField(
        label="Invite the school",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The SENCo is asked to send the school's review paperwork through their own account",
    )
    professionals = ProfessionalsField(
        label="Invite professionals (optional)",
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each professional to invite",
    )
    others = forms.CharField(
        label="Anyone else invited (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One name a line, for example 'Jo Bell, speech and language therapist'",
    )
    combined_cin_review = forms.BooleanField(
        label="Combine with the child in need review, so the family tells their story once",
        required=False,
    )
    short_notice_reason = forms.CharField(
        label="If the family asked for a date less than 2 weeks away, say why (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    late_reason = forms.CharField(
        label="If the meeting is after the date the review is due, say why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The review will be late. The reason is recorded on the review and in the audit log",
    )

    def __init__(self, *args, family=(), sencos=(), due_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.due_on = due_on
        if due_on:
            # The statutory date beside the date being chosen (CFA 2014 s.44).
            self.fields["meeting_on"].help_text = f"The review is due by {due_on:%-d %B %Y}. {DATE_HINT}"
        self.people = {f"family-{i}": p for i, p in enumerate(family)} | {f"school-{u.pk}": u for u in sencos}
        self.fields["family"].choices = [
            (k, str(p)) for k, p in self.people.items() if k.startswith("family")
        ]
        self.fields["school"].choices = [
            (k, f"{u}, SENCo") for k, u in self.people.items() if k.startswith("school")
        ]
        self.fields["professionals"].queryset = (
            User.objects.filter(role__in=[Role.PROFESSIONAL, Role.DCO, Role.DSCO], is_active=True)
            .exclude(professional_type=ProfessionalType.SENCO)
            .order_by("last_name", "first_name")
        )
        if not self.is_bound:
            # Everyone the law expects is ticked to start with: the family and the school.
            for name in ("family", "school"):
                self.initial.setdefault(name, [key for key, _ in self.fields[name].choices])
        for name in ("family", "school"):
            if not self.fields[name].choices:
                del self.fields[name]

    @property
    def late_by(self) -> int:
        """Days the chosen meeting date falls after the review's due date (0 if not chosen or not late)."""
        meeting_on = getattr(self, "cleaned_data", {}).get("meeting_on")
        return dates.days_late(meeting_on, self.due_on) if meeting_on and self.due_on else 0

    def clean(self):
        data = super().clean()
        meeting_on = data.get("meeting_on")
        late = self.due_on and meeting_on and meeting_on > self.due_on
        if late and not data.get("late_reason", "").strip():
            self.add_error("late_reason", late_meeting_message(meeting_on, self.due_on))
        return data

    def chosen(self, name) -> list:
        return [self.people[key] for key in self.cleaned_data.get(name, [])]


class StepForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    on = GovUKDateField(label="Date", past_only=True, help_text=DATE_HINT)
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, date_label="Date", note_label="Note (optional)", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = date_label
        self.fields["note"].label = note_label


class DecisionForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="What was decided?",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    on = GovUKDateField(label="Date of the decision", past_only=True, help_text=DATE_HINT)
    reasons = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The family is told these",
        error_messages={"required": "Enter the reasons for the decision: the family will be told them"},
    )
    cease_reason = forms.ChoiceField(
        label="If the plan is to stop: why",
        required=False,
        choices=[("", "Choose a reason"), *CeaseReason.choices],
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.CEASE and not data.get("cease_reason"):
            self.add_error("cease_reason", "Choose why the plan is to stop")
        return data


class PlanEndedForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    on = GovUKDateField(label="Date the plan ended", past_only=True, help_text=DATE_HINT)
    confirm = forms.BooleanField(
        label="No appeal has been registered, or the tribunal has decided the appeal",
        error_messages={"required": "Confirm that no appeal is waiting to be decided"},
    )


class MediationForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    asked_on = GovUKDateField(
        label="Date the family asked for mediation", past_only=True, help_text=DATE_HINT
    )
    certificate_on = GovUKDateField(
        label="Date on the mediation certificate (optional)",
        past_only=True,
        required=False,
        help_text=DATE_HINT,
    )


class PhaseTransferForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Is the child or young person changing phase?",
        choices=[("", "No: not changing school or college phase"), *PHASE_TRANSFER_CHOICES],
        widget=forms.RadioSelect,
        required=False,
    )
    move_on = GovUKDateField(label="Date of the move", required=False, help_text="For example, 1 9 2027")

    def clean(self):
        data = super().clean()
        if data.get("kind") and not data.get("move_on"):
            self.add_error("move_on", "Enter the date of the move")
        return data
