"""Forgotten passwords and changing one's password: Django's auth views with GOV.UK pages.

A reset goes by an emailed link holding Django's token: single use (it is made from the password
hash and last sign-in, so it stops working once used) and expiring (PASSWORD_RESET_TIMEOUT). The
"we have sent you an email" answer is the same whether or not the address has an account. A
password an administrator chose must be changed at the next sign-in (RequirePasswordChange)."""

from axes.utils import reset as reset_lockouts
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy

from accounts import security_messages
from audit.models import Action
from audit.services import record
from core import throttle


class ResetRequestForm(auth_forms.PasswordResetForm):
    email = auth_forms.forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
        },
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        # Through notifications.delivery (email or GOV.UK Notify), not Django's own mailer.
        link = reverse("accounts:password_reset_confirm", args=[context["uid"], context["token"]])
        security_messages.send_password_reset(context["user"], link)


class NewPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = (
            "At least 12 characters. Do not use your name or email address."
        )
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"
        self.error_messages = {**self.error_messages, "password_mismatch": "The passwords do not match"}


class ChangePasswordForm(NewPasswordForm, auth_forms.PasswordChangeForm):
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Your current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is not right. Enter it again",
        }


def _password_changed(request, user, how):
    """What follows any new password: no forced change left, lockouts lifted, audited, emailed."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    reset_lockouts(username=user.get_username())
    record(request, Action.UPDATE, obj=user, summary=how, user=user)
    security_messages.send_security_change(user, "password")


class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form):
        try:
            throttle.attempt(self.request, "password_reset", account=form.cleaned_data["email"])
        except throttle.TooManyAttempts as error:
            return throttle.too_many_attempts(self.request, error)
        return super().form_valid(form)


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        _password_changed(self.request, form.user, "Reset their password by an emailed link")
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class ChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        _password_changed(self.request, form.user, "Changed their password")
        messages.success(self.request, "Your password is changed")
        return response
