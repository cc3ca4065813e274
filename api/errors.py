"""One shape for every error the API gives, so a partner system has one thing to parse:

    {"errors": [{"field": "upn", "message": "Enter a valid UPN: ..."}]}

`field` names the request field the message is about, or is null when it is about the request
as a whole (no token, not allowed, not found, a stale version, a refused action).
"""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.views import exception_handler

WHOLE_REQUEST = ("non_field_errors", "__all__")


class Conflict(APIException):
    status_code = 409
    default_detail = (
        "Someone else changed this case after the version you sent. Nothing was saved: "
        "fetch the case as it is now, then try again."
    )
    default_code = "stale_version"


def flatten(detail, field=None) -> list[dict]:
    """DRF's nested error detail (dicts of lists of messages) as a flat list of field/message."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            name = field if key in WHOLE_REQUEST else (f"{field}.{key}" if field else key)
            found += flatten(value, name)
        return found
    if isinstance(detail, list):
        return [error for item in detail for error in flatten(item, field)]
    return [{"field": field, "message": str(detail)}]


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)  # DRF's turns Http404 and PermissionDenied into 404/403
    if response is None:
        return None  # not an API error (a bug): Django's 500 handling takes it
    if isinstance(exc, ValidationError):
        errors = flatten(response.data)
    else:
        errors = [{"field": None, "message": str(response.data.get("detail", ""))}]
    response.data = {"errors": errors}
    return response


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True, help_text="The request field, or null for the whole request"
    )
    message = serializers.CharField(help_text="What is wrong, in plain English")


class ErrorSerializer(serializers.Serializer):
    """Every 4xx answer: a list of errors."""

    errors = ErrorItemSerializer(many=True)


WHY = {
    400: "The request is not valid, or the action does not fit where the case is; each error names its field",
    401: "No token was sent, or it is not valid, has expired or has been revoked (a session is not enough)",
    403: "The token's user may not do this, or the token lacks the scope it needs",
    404: "Not found, or not visible to this user (the API never says which)",
    409: "The case changed since the `version` sent; nothing was saved",
    429: "Too many requests from this token (or, without one, this address); see `Retry-After`",
}


def error_responses(*statuses) -> dict:
    return {status: OpenApiResponse(ErrorSerializer, description=WHY[status]) for status in statuses}
