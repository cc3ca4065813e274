from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import OneTimeFormMixin
from core.uploads import check_upload, upload_hint

MAX_LENGTH = 5000


class MessageForm(OneTimeFormMixin):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter your message"),
            "max_length": _("Your message must be 5,000 characters or fewer"),
        },
    )

    attachment = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        error_messages={"invalid": _("The file could not be read. Choose it again")},
    )

    def __init__(self, *args, label=None, hint="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = upload_hint()
        if label:
            self.fields["body"].label = label
        self.fields["body"].help_text = hint

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Enter your message"))
        return body

    def clean_attachment(self):
        """The same checks as every upload: type, size and the virus scan; refused with the reason,
        and the message typed stays on the page."""
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else None
