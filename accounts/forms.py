from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from accounts.models import User
from accounts.roles import ProfessionalType, Role
from people.models import Setting


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been closed. Contact the SEND team.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # GOV.UK pages do not autofocus: it skips keyboard users past the skip link and heading.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        max_length=12,
        error_messages={"required": "Enter the 6-digit security code"},
    )


class UserForm(forms.ModelForm):
    role = forms.ChoiceField(
        choices=Role.choices, widget=forms.RadioSelect, error_messages={"required": "Select a role"}
    )
    professional_type = forms.ChoiceField(
        label="Type of professional",
        choices=[("", "Not a professional"), *ProfessionalType.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    school = forms.ModelChoiceField(
        queryset=Setting.objects.filter(is_open=True).only("pk", "name"),
        required=False,
        label="School or setting (SENCos only)",
        help_text="A SENCo sees the pupils on roll at this school",
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "job_title", "role", "professional_type"]
        error_messages = {
            "first_name": {"required": "Enter a first name"},
            "last_name": {"required": "Enter a last name"},
        }

    def __init__(self, *args, editing_self=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing_self:  # no one changes their own role
            for name in ("role", "professional_type"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "You cannot change your own role"
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["email"].error_messages["required"] = "Enter an email address"

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PROFESSIONAL and not data.get("professional_type"):
            self.add_error("professional_type", "Select the type of professional")
        if data.get("role") != Role.PROFESSIONAL:
            data["professional_type"] = ""
        if data.get("professional_type") == ProfessionalType.SENCO and not data.get("school"):
            self.add_error("school", "Select the SENCo's school or setting")
        return data

class NewUserForm(UserForm):
    username = forms.CharField(
        max_length=150,
        error_messages={"required": "Enter a username"},
        help_text="Letters, numbers and . _ - only",
    )
    password = forms.CharField(
        label="Temporary password",
        widget=forms.PasswordInput,
        help_text="At least 12 characters. Give it to the person securely; staff then set up "
        "two-factor sign-in.",
        error_messages={"required": "Enter a temporary password"},
    )

    class Meta(UserForm.Meta):
        fields = ["username", *UserForm.Meta.fields]

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role in (Role.MANAGER, Role.ADMINISTRATOR):
            raise forms.ValidationError(
                "Make the account with another role, then change it: a second administrator must "
                "approve a manager or administrator"
            )
        return role

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already taken")
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                password_validation.validate_password(data["password"], self.instance)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data

    def save(self, commit=True):
        user = forms.ModelForm.save(self, commit=False)
        user.set_password(self.cleaned_data["password"])
        user.must_change_password = True  # the administrator chose it: the person chooses their own
        if commit:
            user.save()
        return user


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label="Temporary password",
        widget=forms.PasswordInput,
        strip=False,
        help_text="At least 12 characters. Give it to the person securely: they must choose their own "
        "when they next sign in.",
        error_messages={"required": "Enter a temporary password"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password
