"""A form that creates something carries a one-time token; submitting it twice creates once."""

import uuid
from functools import wraps

from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from core.models import FormSubmission

TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret


def new_token() -> str:
    return str(uuid.uuid4())


def parse_token(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except (TypeError, ValueError):
        return None


def already_submitted(token, user) -> str | None:
    """The page the first submit of this token led to, if it was submitted before."""
    token = parse_token(token)
    if token is None:
        return None
    row = FormSubmission.objects.filter(token=token, user=user).first()
    return row.result_url if row else None


def create_once(token, user, create):
    """Run `create()` (which returns the URL to go to next) unless this token was used.

    The token row and the created record commit together, so a repeated or concurrent submit
    either sees the first one's URL or fails the unique constraint and is sent there too.
    """
    token = parse_token(token) or uuid.uuid4()
    previous = already_submitted(token, user)
    if previous:
        return previous
    try:
        with transaction.atomic():
            url = create()
            FormSubmission.objects.create(token=token, user=user, result_url=url)
            return url
    except IntegrityError:
        previous = already_submitted(token, user)
        if previous:
            return previous
        raise


def once_per_form(view):
    """A repeated POST of an already-used form token goes where the first one went, before any
    validation can complain that the record it created now exists."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            previous = already_submitted(request.POST.get(TOKEN_FIELD), request.user)
            if previous:
                return redirect(previous)
        return view(request, *args, **kwargs)

    return guarded
