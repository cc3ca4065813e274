"""Plain GOV.UK wording in place of Django's default English for number, date and choice errors
("Ensure this value is greater than or equal to 0.", "Select a valid choice. X is not one of the
available choices."), for any form field that does not say something more specific itself.

Applied once at start-up (CoreConfig.ready), before any form class is built.
"""

from django import forms
from django.core import validators

NUMBER = {
    "invalid": "Enter a number",
}
WHOLE_NUMBER = {"invalid": "Enter a whole number"}
DATE = {"invalid": "Enter a real date"}
CHOICE = {"invalid_choice": "Select one of the options"}
MULTIPLE_CHOICE = {
    "invalid_choice": "Select one of the options",
    "invalid_list": "Select one or more of the options",
}
MODEL_CHOICE = {"invalid_choice": "Select one of the options"}
MODEL_MULTIPLE_CHOICE = {
    "invalid_choice": "Select one of the options",
    "invalid_pk_value": "Select one of the options",
    "invalid_list": "Select one or more of the options",
}


def apply() -> None:
    forms.IntegerField.default_error_messages.update(WHOLE_NUMBER)
    forms.DecimalField.default_error_messages.update(NUMBER)
    forms.FloatField.default_error_messages.update(NUMBER)
    forms.DateField.default_error_messages.update(DATE)
    forms.DateTimeField.default_error_messages.update({"invalid": "Enter a real date and time"})
    forms.TimeField.default_error_messages.update({"invalid": "Enter a real time"})
    forms.ChoiceField.default_error_messages.update(CHOICE)
    forms.MultipleChoiceField.default_error_messages.update(MULTIPLE_CHOICE)
    forms.ModelChoiceField.default_error_messages.update(MODEL_CHOICE)
    forms.ModelMultipleChoiceField.default_error_messages.update(MODEL_MULTIPLE_CHOICE)
    validators.MinValueValidator.message = "Enter a number that is %(limit_value)s or more"
    validators.MaxValueValidator.message = "Enter a number that is %(limit_value)s or less"
    validators.DecimalValidator.messages = {
        **validators.DecimalValidator.messages,
        "max_digits": "Enter a number with no more than %(max)s digits",
        "max_decimal_places": "Enter a number with no more than %(max)s decimal places",
        "max_whole_digits": "Enter a number with no more than %(max)s digits before the decimal point",
    }
