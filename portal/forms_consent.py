"""Forms for the young person's decision about their parents' access, and the caseworker's record
of a young person's mental capacity (CoP 8.13-8.17; the rule is people.access.parent_may_see)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ParentsAccessForm(forms.Form):
    may_see = forms.ChoiceField(
        label=_("Can your parents or carers see your plan, your documents and your messages?"),
        choices=[
            ("yes", _("Yes, they can see them")),
            ("no", _("No, only I can see them")),
        ],
        widget=forms.RadioSelect,
        help_text=_("You can change your mind at any time."),
        error_messages={"required": _("Select yes if your parents or carers can see them")},
    )


class CapacityForm(forms.Form):
    lacks_capacity = forms.ChoiceField(
        label="Does the young person lack the mental capacity to make decisions about their plan?",
        choices=[
            ("yes", "Yes: their parent or carer acts for them"),
            ("no", "No: the young person decides for themselves"),
        ],
        widget=forms.RadioSelect,
        help_text="Mental Capacity Act 2005; SEND Code of Practice 8.9 to 8.12",
        error_messages={"required": "Select whether the young person lacks mental capacity"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="How this was assessed, by whom and when. It is kept in the audit log",
        error_messages={
            "required": "Enter the reason",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter the reason")
        return reason
