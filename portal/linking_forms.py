"""Forms for linking accounts to children: making an account, asking for a link, inviting,
and deciding a request."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.forms import GovUKDateField, OneTimeFormMixin
from people import codelists
from portal.linking import own_account_age_refusal
from portal.models import InvitationFor


class NewPasswordMixin(forms.Form):
    """A new password typed twice and checked against the site's password rules."""

    password1 = forms.CharField(
        label=gettext_lazy("Create a password"),
        widget=forms.PasswordInput,
        strip=False,
        help_text=gettext_lazy("At least 12 characters. Do not use your name or email address."),
        error_messages={"required": gettext_lazy("Enter a password")},
    )
    password2 = forms.CharField(
        label=gettext_lazy("Type the password again"),
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": gettext_lazy("Type the password again")},
    )

    def account_for_checks(self) -> User:
        data = self.cleaned_data
        return User(
            username=data.get("email", ""),
            email=data.get("email", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The passwords do not match"))
        elif first:
            try:
                password_validation.validate_password(first, self.account_for_checks())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class NameFields(forms.Form):
    first_name = forms.CharField(
        label=gettext_lazy("First name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter your first name")},
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter your last name")},
    )


class JoinForm(NameFields, NewPasswordMixin):
    field_order = ["first_name", "last_name", "password1", "password2"]

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def account_for_checks(self) -> User:
        account = super().account_for_checks()
        account.username = account.email = self.email
        return account


WHO_ARE_YOU = [
    ("parent", gettext_lazy("A parent or carer")),
    ("young_person", gettext_lazy("The young person (16 or over), making an account for myself")),
]


class CreateAccountForm(NameFields, NewPasswordMixin):
    # From 16 the rights are the young person's own (CoP 8.13): they register as themselves.
    who = forms.ChoiceField(
        label=gettext_lazy("Who are you?"),
        choices=WHO_ARE_YOU,
        widget=forms.RadioSelect,
        required=False,  # not chosen: a parent or carer, as before the choice was asked
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        error_messages={
            "required": gettext_lazy("Enter your email address"),
            "invalid": gettext_lazy("Enter an email address in the right format, like name@example.com"),
        },
    )
    # No check for an existing account here: the answer must not say whether an address is known.
    field_order = ["who", "first_name", "last_name", "email", "password1", "password2"]


class WhoAreYouForm(forms.Form):
    """A new family signing in through GOV.UK One Login: the same choice as CreateAccountForm's,
    asked on its own page and required (there is no other step to default from)."""

    who = forms.ChoiceField(
        label=gettext_lazy("Are you a parent or carer, or a young person asking for yourself?"),
        choices=[
            ("parent", gettext_lazy("A parent or carer")),
            ("young_person", gettext_lazy("A young person aged 16 to 25, asking for myself")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy(
                "Select if you are a parent or carer, or a young person asking for yourself"
            )
        },
    )


class LinkRequestForm(OneTimeFormMixin):
    first_name = forms.CharField(
        label=gettext_lazy("Your child's first name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter your child's first name")},
    )
    last_name = forms.CharField(
        label=gettext_lazy("Your child's last name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter your child's last name")},
    )
    date_of_birth = GovUKDateField(
        label=gettext_lazy("Your child's date of birth"),
        past_only=True,
        help_text=gettext_lazy("For example, 27 3 2015"),
    )
    relationship = forms.ChoiceField(
        label=gettext_lazy("How are you related to the child?"),
        choices=codelists.RELATIONSHIP,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select how you are related to the child")},
    )
    note = forms.CharField(
        label=gettext_lazy("Anything that helps us check who you are"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("For example, your child's school or your phone number."),
    )

    def __init__(self, *args, young_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        if young_person:
            # A young person asks for their own record: the questions are about them.
            self.fields["first_name"].label = _("Your first name")
            self.fields["first_name"].error_messages["required"] = _("Enter your first name")
            self.fields["last_name"].label = _("Your last name")
            self.fields["last_name"].error_messages["required"] = _("Enter your last name")
            self.fields["date_of_birth"].label = _("Your date of birth")
            self.fields["note"].help_text = _("For example, your school or college, or your phone number.")
            del self.fields["relationship"]


def invitee_choices(child, parent_links):
    """The people on the child's record who can be invited: each parent or carer, and the young
    person themself once over compulsory school age (the rights then become theirs)."""
    choices = [
        (
            f"parent:{link.parent_carer.public_id}",
            f"{link.parent_carer} ({link.get_relationship_display().lower()})",
        )
        for link in parent_links
    ]
    if not own_account_age_refusal(child) and not child.own_account_id:
        choices.append(
            (InvitationFor.YOUNG_PERSON.value, _("%(name)s (the young person)") % {"name": child.full_name})
        )
    return choices


class InviteForm(OneTimeFormMixin):
    invitee = forms.ChoiceField(
        label=gettext_lazy("Who do you want to invite?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select who to invite")},
    )
    email = forms.EmailField(
        label=gettext_lazy("Their email address"),
        help_text=gettext_lazy("The invitation link is sent here. Check it with the family first."),
        error_messages={
            "required": gettext_lazy("Enter their email address"),
            "invalid": gettext_lazy("Enter an email address in the right format, like name@example.com"),
        },
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitee"].choices = choices


class DecideLinkForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Do you approve this request?"),
        choices=[("approve", gettext_lazy("Yes, link this child")), ("reject", gettext_lazy("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select yes or no")},
    )
    child = forms.ChoiceField(
        label=gettext_lazy("Which child is it?"),
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("If no, why not? The family will read this"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )

    def __init__(self, *args, children=(), young_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.children = {str(c.public_id): c for c in children}
        self.young_person = young_person
        self.fields["child"].choices = [
            (key, f"{c.full_name}, born {c.date_of_birth:%-d %B %Y}, {c.setting or _('no school recorded')}")
            for key, c in self.children.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "approve":
            if not self.children:
                self.add_error(
                    "decision", _("No child on our records matches: you cannot approve this request")
                )
            elif data.get("child") not in self.children:
                self.add_error("child", _("Select which child it is"))
            else:
                data["chosen_child"] = self.children[data["child"]]
                # A young person's own account is for someone over compulsory school age only.
                refusal = self.young_person and own_account_age_refusal(data["chosen_child"])
                if refusal:
                    self.add_error("child", refusal)
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why, so the family knows what to do next"))
        return data
