from rest_framework.test import APIClient


def client_with_key(key):
    client = APIClient()
    client.default_format = "json"  # the API parses JSON only
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def messages(response, field="__any__"):
    """The error messages of a response, for one field (None: the whole request) or all."""
    errors = response.json()["errors"]
    return [e["message"] for e in errors if field == "__any__" or e["field"] == field]
