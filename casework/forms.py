"""Forms for recording requests, stage actions, advice, exceptions, notes and documents.

Every form that changes a case carries the case version it was opened on (a stale page is
refused) and a one-time token (a double submit records once). Uploads are checked by what the
file is (its first bytes), never by its name.
"""

import copy

from django import forms

from accounts.models import User
from accounts.roles import ProfessionalType, Role
from casework.models import AdviserType, RequestSource
from clock import ExceptionReason
from clock.case_events import EventKind
from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from core.uploads import (  # noqa: F401 (upload checks live in core.uploads; importable here too)
    ALLOWED_HINT,
    ALLOWED_TYPES,
    DOCX,
    SIGNATURES,
    CheckedUpload,
    check_upload,
    detect_type,
    max_upload_bytes,
    upload_hint,
)
from people.models import Setting
from plans.forms import IssueForm

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the default; the limit in force is core.uploads.max_upload_bytes()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """One or more checked documents; cleans to a list of CheckedUpload."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        if not uploads and self.required:
            raise forms.ValidationError(self.error_messages["required"])
        return [check_upload(super(DocumentsField, self).clean(u, initial)) for u in uploads]


def document_field(label, required=True, multiple=False):
    field_class = DocumentsField if multiple else forms.FileField
    return field_class(
        label=label,
        required=required,
        help_text=upload_hint() + (". You can choose more than one file" if multiple else ""),
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )


class RequestForm(OneTimeFormMixin, forms.Form):
    source = forms.ChoiceField(
        label="Who asked for the assessment?",
        choices=RequestSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who asked for the assessment"},
    )
    requester_name = forms.CharField(
        label="Name of the person who asked",
        max_length=200,
        help_text="For example, Sara Hussain (mother) or the SENCo at Alder Lane Primary School",
        error_messages={"required": "Enter the name of the person who asked"},
    )
    received_on = GovUKDateField(
        label="Date the request was received", past_only=True, help_text="For example, 27 3 2026"
    )
    reasons = forms.CharField(
        label="Reasons for the request",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for the request"},
    )
    consent_given = forms.BooleanField(
        label="The family agrees to information being shared with the people asked for advice", required=False
    )
    documents = document_field("Documents sent with the request", required=False, multiple=True)
    confirm_new_request = forms.BooleanField(
        label="I have checked: record a new request anyway", required=False
    )

    def __init__(self, *args, warnings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = list(warnings)
        if not self.warnings:
            del self.fields["confirm_new_request"]

    def clean(self):
        data = super().clean()
        if self.warnings and not data.get("confirm_new_request"):
            self.add_error(
                "confirm_new_request", "Confirm that you want to record a new request for this child"
            )
        return data


class StageForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    """A step in the process: the date it happened (today unless changed) and a note."""

    on = GovUKDateField(label="Date", past_only=True, help_text="For example, 27 3 2026")
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, kind=None, date_label="Date", note_label="Note", note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["on"].label = date_label
        self.fields["note"].label = note_label
        self.fields["note"].required = note_required
        self.fields["note"].error_messages["required"] = f"Enter the {note_label.lower()}"

    def event(self) -> tuple[EventKind, str]:
        """What to record: the event kind and its ref (which adviser or setting)."""
        return self.kind, ""


class DecisionForm(StageForm):
    """A yes-or-no decision; the reasons are needed when the answer is no (the family is told them)."""

    decision = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": "Select the decision"})
    field_order = ["decision", "on", "note"]

    def __init__(self, *args, choices, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices
        self.fields["decision"].label = question
        self.refusal = choices[-1][0]

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.refusal and not data.get("note"):
            self.add_error("note", "Enter the reasons for the decision: the family will be told them")
        return data

    def event(self):
        return EventKind(self.cleaned_data["decision"]), ""


class IssueFinalForm(StageForm):
    """Issuing the final plan on the case page: a manager may give a reason to issue inside the
    family's 15 days (audited), the plan page's own field (plans.forms.IssueForm), for the same
    service (plans.services.issue through casework.services.record_event)."""

    def __init__(self, *args, may_go_early=False, **kwargs):
        super().__init__(*args, **kwargs)
        if may_go_early:

            self.fields["early_reason"] = copy.deepcopy(IssueForm.base_fields["early_reason"])


class ConsultSettingForm(StageForm):
    setting = forms.ModelChoiceField(
        label="School or setting consulted",
        queryset=Setting.objects.filter(is_open=True).only("pk", "name"),
        error_messages={"required": "Select the school or setting consulted"},
    )
    field_order = ["setting", "on", "note"]

    def event(self):
        return self.kind, f"setting-{self.cleaned_data['setting'].pk}"


class SettingReplyForm(StageForm):
    ref = forms.ChoiceField(
        label="Which school or setting replied?",
        error_messages={"required": "Select the setting that replied"},
    )
    field_order = ["ref", "on", "note"]

    def __init__(self, *args, consulted=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ref"].choices = [("", "Choose a setting"), *consulted]

    def event(self):
        return self.kind, self.cleaned_data["ref"]


# Which professionals can be asked for each kind of advice ("other" may be anyone).
PROFESSIONAL_FOR_ADVICE = {
    AdviserType.EDUCATIONAL_PSYCHOLOGIST: ProfessionalType.EDUCATIONAL_PSYCHOLOGIST,
    AdviserType.HEALTH: ProfessionalType.HEALTH,
    AdviserType.SOCIAL_CARE: ProfessionalType.SOCIAL_CARE,
    AdviserType.SCHOOL: ProfessionalType.SENCO,
}


class AdviceRequestForm(StageForm):
    adviser_type = forms.ChoiceField(
        label="Who is advice being asked of?",
        choices=AdviserType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who advice is being asked of"},
    )
    professional = forms.ChoiceField(
        label="Professional asked",
        required=False,
        help_text="If they use this service, they will see the request and can send their advice here",
    )
    field_order = ["adviser_type", "professional", "on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(role=Role.PROFESSIONAL, is_active=True).order_by(
            "last_name", "first_name"
        )
        self.professionals = {str(p.pk): p for p in people}
        groups = [
            (label, [(pk, str(p)) for pk, p in self.professionals.items() if p.professional_type == kind])
            for kind, label in ProfessionalType.choices
        ]
        self.fields["professional"].choices = [("", "Not named")] + [g for g in groups if g[1]]

    def clean(self):
        data = super().clean()
        person = self.professionals.get(data.get("professional") or "")
        wanted = PROFESSIONAL_FOR_ADVICE.get(data.get("adviser_type"))
        if person is not None and wanted and person.professional_type != wanted:
            self.add_error(
                "professional", "Choose a professional who gives this kind of advice, or leave it blank"
            )
        data["professional"] = person
        return data


class AdviceReceivedForm(StageForm):
    document = document_field("The advice as a document", required=False)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        return check_upload(upload) if upload else None


EXCEPTION_STEPS = [
    ("decision_to_assess", "Deciding whether to assess (6 weeks, regulation 5(4))"),
    ("advice", "Advice (6 weeks, regulation 8(2))"),
    ("decision_to_issue", "Deciding not to issue a plan (16 weeks, regulation 10(4))"),
    ("final_plan", "Issuing the final plan (20 weeks, regulation 13(3))"),
]


class ExceptionForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Why a time limit cannot be met",
        choices=[(r.value, r.label) for r in ExceptionReason],
        widget=forms.RadioSelect,
        error_messages={"required": "Select why a time limit cannot be met"},
    )
    start = GovUKDateField(label="Date it started", help_text="For example, 27 3 2026")
    end = GovUKDateField(label="Date it ended, or is expected to end", help_text="For example, 30 4 2026")
    ref = forms.ChoiceField(label="Advice it delays", required=False)
    # Regs 5(4), 8(2), 10(4), 13(3) excuse a limit only where the exception made it impractical.
    steps = forms.MultipleChoiceField(
        label="Time limits it delayed",
        help_text="Leave all unticked if it delayed every time limit its reason allows",
        choices=EXCEPTION_STEPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what happened"},
    )

    def __init__(self, *args, received_on, advice=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.received_on = received_on
        self.fields["ref"].choices = [("", "The whole case"), *advice]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and start < self.received_on:
            self.add_error(
                "start",
                f"Date it started must be on or after {self.received_on:%-d %B %Y}, "
                "when the request was received",
            )
        if start and end and end < start:
            self.add_error("end", "Date it ended must be the same as or after the date it started")
        return data


class NoteForm(OneTimeFormMixin, forms.Form):
    text = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 6}), error_messages={"required": "Enter the note"}
    )


class DocumentForm(OneTimeFormMixin, forms.Form):
    file = document_field("Document")
    title = forms.CharField(
        label="Title", max_length=200, required=False, help_text="Leave blank to use the file's name"
    )
    withheld_from_family = forms.BooleanField(
        label="Keep this document from the family",
        required=False,
        help_text="For example, it holds information about someone else. Families see every other "
        "document on their child's case.",
    )

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


class ChaseForm(OneTimeFormMixin, forms.Form):
    how = forms.ChoiceField(
        label="How did you chase the advice?",
        choices=[("email", "Email"), ("phone", "Phone"), ("letter", "Letter"), ("note", "Other")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you chased the advice"},
    )
    note = forms.CharField(
        label="What was said or agreed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was said or agreed"},
    )


class AllocateForm(forms.Form):
    caseworker = forms.ModelChoiceField(
        label="Caseworker",
        queryset=User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by(
            "last_name", "first_name"
        ),
        empty_label="Choose a caseworker",
        error_messages={"required": "Select a caseworker"},
    )


class NoticesForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    """Who receives statutory notices when no parent, carer or young person can."""

    reason = forms.CharField(
        label="Who receives the notices, and why",
        help_text="For example: looked-after child; decisions and plans go to the social worker, "
        "Sam Patel, and the virtual school head",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Enter who receives the notices and why"},
    )
