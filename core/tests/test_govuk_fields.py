from django import forms

from core.templatetags.govuk import govuk_field


class Choices(forms.Form):
    kinds = forms.MultipleChoiceField(
        choices=[("a", "Health"), ("b", "Education")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("a", "Yes"), ("b", "No")], widget=forms.RadioSelect)


def test_a_multiple_choice_renders_as_checkboxes_keeping_every_choice_ticked():
    form = Choices(initial={"kinds": ["a", "b"], "one": "b"})
    html = govuk_field(form["kinds"])
    assert html.count('type="checkbox"') == 2 and html.count("checked") == 2
    assert 'type="radio"' not in html


def test_a_single_choice_renders_as_radios():
    html = govuk_field(Choices(initial={"one": "b"})["one"])
    assert html.count('type="radio"') == 2 and html.count("checked") == 1
