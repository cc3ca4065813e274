from django import forms

from casework.advice import SECTIONS
from casework.forms import check_upload, document_field
from core.forms import OneTimeFormMixin

REQUIRED_SECTIONS = {"needs", "provision"}


class AdviceForm(OneTimeFormMixin, forms.Form):
    """A professional's advice, section by section (reg 6(1)); needs and provision are required
    because a plan cannot be written without them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, hint in SECTIONS:
            self.fields[key] = forms.CharField(
                label=label,
                help_text=hint,
                required=key in REQUIRED_SECTIONS,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 6}),
                error_messages={"required": f"Enter {label[0].lower()}{label[1:]}"},
            )
        self.fields["document"] = document_field("Your report as a document", required=False)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        return check_upload(upload) if upload else None

    def sections(self) -> dict:
        return {key: self.cleaned_data[key].strip() for key, _, _ in SECTIONS if self.cleaned_data.get(key)}
