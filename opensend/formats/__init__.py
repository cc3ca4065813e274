"""The area's own date and time formats (settings.FORMAT_MODULE_PATH), where Django's differ from
GOV.UK style. Anything not named here falls through to Django's formats for the language."""
