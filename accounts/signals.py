from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import Action
from audit.services import record


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    result = getattr(request, "sso_result", None)
    if result is not None:
        method = f"sso:{result.provider.name}"
        record(request, Action.SIGN_IN, user=user, summary=f"Signed in through {result.provider.label}",
               provider=result.provider.name)
    else:
        method = "password"
        record(request, Action.SIGN_IN, user=user, summary="Signed in with password")
    type(user).objects.filter(pk=user.pk).update(last_sign_in_method=method)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, Action.SIGN_OUT, user=user, summary="Signed out")


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    if request is not None and "code_verifier" not in credentials:  # SSO refusals: accounts/sso/views
        # The password is never recorded; the username helps spot an attack on one account.
        record(
            request,
            Action.SIGN_IN_FAILED,
            summary="Failed sign-in",
            username=str(credentials.get("username", ""))[:150],
        )
