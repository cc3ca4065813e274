"""The question pages of an online request for an assessment: one question (or one small group,
such as a name and date of birth) per page, with errors in plain English."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import document_field
from core.forms import GovUKDateField, OneTimeFormMixin
from core.uploads import check_upload
from people import codelists, validators
from portal.request_wizard import FAMILY, SCHOOL

NOT_LISTED = "not-listed"
ANSWER_LIMIT = 5000
# Above this many pupils a list of radios is too long to read: a drop-down instead.
RADIO_LIMIT = 10


class ChildChoiceForm(forms.Form):
    child = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args, children, route, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        choices = [(str(c.public_id), _child_label(c)) for c in children]
        if route == FAMILY:
            field.label = _("Who is the request for?")
            field.error_messages["required"] = _("Select who the request is for")
            choices.append((NOT_LISTED, _("Someone who is not listed here")))
        else:
            field.label = _("Which pupil is the request for?")
            field.error_messages["required"] = _("Select the pupil the request is for")
            if len(choices) > RADIO_LIMIT:
                field.widget = forms.Select()
                choices.insert(0, ("", _("Choose a pupil")))
        field.choices = choices
        self.children = {str(c.public_id): c for c in children}

    def chosen_child(self):
        """The child picked, or None for "a child not listed"."""
        return self.children.get(self.cleaned_data["child"])


def _child_label(child) -> str:
    return _("%(name)s, born %(born)s") % {
        "name": child.full_name,
        "born": f"{child.date_of_birth:%-d %B %Y}",
    }


class ChildDetailsForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=100, error_messages={"required": _("Enter the child's first name")}
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, error_messages={"required": _("Enter the child's last name")}
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth"), past_only=True, help_text=_("For example, 27 3 2015")
    )
    school = forms.CharField(
        label=_("School, college or nursery"),
        max_length=200,
        required=False,
        help_text=_("Leave this empty if they do not go to one"),
    )
    relationship = forms.ChoiceField(
        label=_("How are you related to the child?"),
        choices=codelists.RELATIONSHIP,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you are related to the child")},
    )

    def __init__(self, *args, asks_relationship=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["required"] = _("Enter the child's date of birth")
        if not asks_relationship:
            del self.fields["relationship"]

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        return validators.validate_date_of_birth(born, new_request=True) if born else born


# The words on each written-answer page, for each route: (question, hint, error when empty).
TEXT_QUESTIONS = {
    ("needs", FAMILY): (
        _("Tell us about the child's needs"),
        _(
            "What do they find hard? Think about learning, talking and understanding, feelings and "
            "behaviour, health, and looking after themselves."
        ),
        _("Tell us about the child's needs"),
    ),
    ("needs", SCHOOL): (
        _("Describe the pupil's special educational needs"),
        _("Include their main area of need and what recent assessments show."),
        _("Describe the pupil's special educational needs"),
    ),
    ("support", FAMILY): (
        _("What help does the child get now?"),
        _("For example, help in class, speech and language therapy, or a plan at school."),
        _("Tell us what help the child gets now"),
    ),
    ("support", SCHOOL): (
        _("What SEN support has the school given, and what difference has it made?"),
        _("Include the assess, plan, do, review cycles and any advice from specialists."),
        _("Tell us what SEN support the school has given"),
    ),
    ("why-now", FAMILY): (
        _("Why are you asking for an assessment now?"),
        _("For example, something has changed, or the help they get is not enough."),
        _("Tell us why you are asking now"),
    ),
    ("why-now", SCHOOL): (
        _("Why does the school think the pupil may need an EHC plan?"),
        _("Say why the support the school can give from its own resources is not enough."),
        _("Tell us why the school is asking now"),
    ),
}


class TextAnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=ANSWER_LIMIT)

    def __init__(self, *args, question, hint, required_message, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = question
        field.help_text = hint
        field.error_messages["required"] = required_message
        field.error_messages["max_length"] = _("Your answer must be %(limit)s characters or fewer") % {
            "limit": ANSWER_LIMIT
        }


class ContactForm(forms.Form):
    contact_preference = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=codelists.CONTACT_PREFERENCE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like us to contact you")},
    )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(widget=forms.RadioSelect, choices=YES_NO)

    def __init__(self, *args, route, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["consent"]
        if route == SCHOOL:
            field.label = _("Do the child's parents agree to this request and to us sharing information?")
            field.help_text = _(
                "We share information with the people we ask for advice, such as an educational "
                "psychologist or a doctor. A school should talk to the family before asking."
            )
            field.error_messages["required"] = _("Select yes if the parents agree")
        else:
            field.label = _("Can we share information about the child with the people we ask for advice?")
            field.help_text = _(
                "For example, an educational psychologist, a doctor or a social worker. We need to share "
                "information to carry out an assessment."
            )
            field.error_messages["required"] = _("Select yes if we can share information")

    def agreed(self) -> bool:
        return self.cleaned_data["consent"] == "yes"


class UploadForm(forms.Form):
    file = document_field(_("Upload a file"))

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


class SendForm(OneTimeFormMixin, forms.Form):
    declaration = forms.BooleanField(
        label=_("I confirm that the information I have given is true, as far as I know"),
        error_messages={"required": _("Confirm that the information you have given is true")},
    )
