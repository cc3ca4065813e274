"""The form managers use to change a decision letter's wording."""

from django import forms

from casework.letters import PLACEHOLDER, PLACEHOLDERS, unknown_placeholders
from core.forms import VersionFieldMixin
from notifications.models import LetterTemplate


def _check_wording(text: str, what: str) -> str:
    unknown = unknown_placeholders(text)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        raise forms.ValidationError(
            f"The {what} uses {names}, which the letter cannot fill in. Use only the placeholders listed"
        )
    if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
        raise forms.ValidationError(
            f"Check the curly brackets in the {what}: each placeholder needs {{ and }}"
        )
    return text


class LetterTemplateForm(VersionFieldMixin, forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["title", "body"]
        labels = {"title": "Letter heading", "body": "Wording"}
        help_texts = {
            "body": "Leave a blank line between paragraphs. Start a line with ## to make it a heading, "
            "and with - to make a bulleted list."
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 30})}
        error_messages = {
            "title": {"required": "Enter the letter heading"},
            "body": {"required": "Enter the wording of the letter"},
        }

    def clean_title(self):
        return _check_wording(self.cleaned_data["title"], "heading")

    def clean_body(self):
        return _check_wording(self.cleaned_data["body"], "wording")


PLACEHOLDER_HELP = [(f"{{{name}}}", meaning) for name, meaning in PLACEHOLDERS.items()]
