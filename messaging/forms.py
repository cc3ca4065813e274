from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import OneTimeFormMixin

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

    def __init__(self, *args, label=None, hint="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label
        self.fields["body"].help_text = hint

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Enter your message"))
        return body
