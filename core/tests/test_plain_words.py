"""Every form speaks plain GOV.UK English: no label says "(optional) (optional)", and no number,
date or choice error is Django's default wording ("Ensure this value is greater than or equal to
0.", "Enter a valid date.", "Select a valid choice. ...")."""

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError

from core.templatetags.govuk import _label

DJANGO_DEFAULTS = (
    "Ensure this value",
    "Enter a valid date",
    "Enter a valid time",
    "Enter a valid date/time",
    "Select a valid choice",
    "is not one of the available choices",
    "Enter a list of values",
    "is not a valid value",
    "Ensure that there are no more than",
)
BAD_INPUT = {
    forms.IntegerField: ["many", "-999999999", "999999999"],
    forms.DecimalField: ["a lot", "-99999999999", "99999999999", "1.123456789"],
    forms.FloatField: ["a lot", "-1e12", "1e12"],
    forms.DateField: ["31/02/2024", "yesterday"],
    forms.ChoiceField: ["not-a-choice"],
    forms.MultipleChoiceField: [["not-a-choice"], "not-a-list"],
}


def project_forms():
    """Every Form class declared in a *forms* module of the project's own apps."""
    found = {}
    for config in apps.get_app_configs():
        if not config.path.startswith(str(apps.get_app_config("core").path).rsplit("/", 1)[0]):
            continue
        for module in pkgutil.iter_modules([config.path]):
            if "forms" not in module.name:
                continue
            loaded = importlib.import_module(f"{config.name}.{module.name}")
            for value in vars(loaded).values():
                is_form = isinstance(value, type) and issubclass(value, forms.BaseForm)
                if is_form and value.__module__ == loaded.__name__:
                    found[f"{value.__module__}.{value.__name__}"] = value
    return found


FORMS = project_forms()


class _Bound:
    def __init__(self, field):
        self.field, self.label = field, field.label or ""


@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_label_says_optional_twice(name):
    for field_name, field in FORMS[name].base_fields.items():
        assert "(optional) (optional)" not in _label(_Bound(field)), (name, field_name)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_no_default_django_wording_for_numbers_dates_and_choices(name):
    for field_name, field in FORMS[name].base_fields.items():
        for kind, values in BAD_INPUT.items():
            skip = forms.ModelChoiceField | forms.TypedChoiceField
            if not isinstance(field, kind) or isinstance(field, skip):
                continue
            for value in values:
                try:
                    field.clean(value)
                except ValidationError as error:
                    for message in error.messages:
                        assert not any(default in message for default in DJANGO_DEFAULTS), (
                            name, field_name, value, message)
                except (TypeError, ValueError, AttributeError):
                    continue


def test_the_plain_wording_is_what_a_field_says():
    with pytest.raises(ValidationError) as error:
        forms.IntegerField(min_value=0).clean("-1")
    assert error.value.messages == ["Enter a number that is 0 or more"]
    with pytest.raises(ValidationError) as error:
        forms.ChoiceField(choices=[("a", "A")]).clean("b")
    assert error.value.messages == ["Select one of the options"]
    with pytest.raises(ValidationError) as error:
        forms.DecimalField(max_digits=4, decimal_places=2).clean(Decimal("123.45"))
    assert "digits" in error.value.messages[0] and "Ensure" not in error.value.messages[0]


def test_acronyms_keep_their_capitals_mid_sentence():
    from core.templatetags.govuk import lower_keep_acronyms

    assert lower_keep_acronyms("CAMHS") == "CAMHS"
    assert lower_keep_acronyms("Speech and Language Therapy") == "speech and language therapy"
    assert lower_keep_acronyms("ADHD Assessment") == "ADHD assessment"
