"""What drf-spectacular cannot work out for itself about the API (loaded by ApiConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent

from people import codelists


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`. Keys are issued to staff and partner accounts (never families) "
            "with `manage.py create_api_token <user> <name> --owner <who> --scope <scope>`; they expire.",
        }


class NeedFieldSchema(OpenApiSerializerFieldExtension):
    """Primary and secondary need share the SEN2 code list: one named component for both."""

    target_class = "api.serializers.NeedField"

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="SenType",
            type=ResolvedComponent.SCHEMA,
            object="SenType",
            schema={
                "type": "string",
                "enum": ["", *(code for code, _ in codelists.SEN_TYPE)],
                "description": "SEN2 need type; empty when none is recorded",
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref
