"""Forms for families' contributions: Section A in their words, and comments on a draft plan.

Plain English for a reading age of about 9 to 11; the child's form asks short questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import check_upload
from core.forms import OneTimeFormMixin
from people.models import Setting
from plans.codes import SECTIONS
from portal.models import Voice

ROWS = {"rows": 5}

# Field name -> label, in the order each version asks.
FAMILY_QUESTIONS = {
    "views": _("Your views about your child's needs and the help they get"),
    "interests": _("What your child enjoys and is good at"),
    "aspirations": _("Your hopes for your child's future"),
    "admired": _("What people like and admire about your child"),
    "important": _("What is important to your child"),
    "support": _("How best to support your child"),
}
CHILD_QUESTIONS = {
    "interests": _("What do you like doing?"),
    "admired": _("What do people like about you?"),
    "important": _("What is important to you?"),
    "support": _("What helps you? What makes things hard?"),
    "aspirations": _("What would you like to do when you are older?"),
    "views": _("Is there anything else you want to tell us?"),
}
QUESTIONS = {Voice.FAMILY: FAMILY_QUESTIONS, Voice.CHILD: CHILD_QUESTIONS}


class SectionAForm(OneTimeFormMixin, forms.Form):
    """The family's or the child's words; saved as a draft or sent to the caseworker."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, voice, **kwargs):
        super().__init__(*args, **kwargs)
        self.voice = voice
        for name, label in QUESTIONS[voice].items():
            self.fields[name] = forms.CharField(
                label=label, required=False, max_length=5000, widget=forms.Textarea(attrs=ROWS)
            )
        if voice == Voice.CHILD:
            self.fields["picture"] = forms.FileField(
                label=_("Add a picture"),
                help_text=_("A drawing or a photo of something you like. A JPG, PNG or PDF file up to 10MB."),
                required=False,
            )

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        return check_upload(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if self.submits and not any(cleaned.get(name) for name in QUESTIONS[self.voice]):
            raise forms.ValidationError(_("Answer at least one question before you send it"))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in QUESTIONS[self.voice]}

    @property
    def submits(self) -> bool:
        """Two buttons: "Send to the caseworker" (name="send") or "Save as a draft"."""
        return bool(self.data.get("send"))


class SettingChoice(forms.ModelChoiceField):
    def label_from_instance(self, setting):
        return f"{setting.name}, {setting.town}" if setting.town else setting.name


class DraftResponseForm(OneTimeFormMixin, forms.Form):
    """A comment box for each section, the school or setting they want named, and a meeting."""

    setting = SettingChoice(
        label=_("Choose the school or setting you want named in the plan"),
        queryset=Setting.objects.filter(is_open=True).order_by("name"),
        required=False,
        empty_label=_("Choose a school or setting"),
    )
    setting_name = forms.CharField(
        label=_("Or type its name, if it is not in the list"), required=False, max_length=200
    )
    wants_meeting = forms.ChoiceField(
        label=_("Would you like a meeting with us to talk about the draft plan?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you would like a meeting")},
    )
    meeting_note = forms.CharField(
        label=_("What would you like to talk about at the meeting?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        comment_fields = {
            f"comment_{code}": forms.CharField(
                label=_("Your comments on section %(code)s") % {"code": code},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            for code in SECTIONS
        }
        self.fields = {"form_token": self.fields.pop("form_token"), **comment_fields, **self.fields}

    def comment_field(self, code):
        return self[f"comment_{code}"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("setting") and cleaned.get("setting_name"):
            self.add_error("setting_name", _("Choose a school from the list or type its name, not both"))
        if cleaned.get("wants_meeting") is None:
            return cleaned
        if not (self.comments() or cleaned.get("setting") or cleaned.get("setting_name")) and (
            cleaned.get("wants_meeting") != "yes"
        ):
            raise forms.ValidationError(
                _("Write a comment on at least one section, name a school or setting, or ask for a meeting")
            )
        return cleaned

    def comments(self) -> dict:
        return {
            code: text
            for code in SECTIONS
            if (text := (self.cleaned_data.get(f"comment_{code}") or "").strip())
        }
