"""The drop-downs drawn in Python (core/select_markup.py) are exactly what Django's templates draw."""

import pytest
from django import forms

from core.select_markup import drawn_here, select_html
from core.templatetags.govuk import govuk_field


class Choosing(forms.Form):
    school = forms.ChoiceField(
        choices=[("", "Any school"), ("1", "St Mary's & St John's <Primary>"), ("2", 'The "Oaks"')],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Primary", [("a", "Alder"), ("b", "Beck")]), ("Secondary", [("c", "Cedar")])]
    )
    fixed = forms.ChoiceField(choices=[("x", "X")], disabled=True, help_text="Cannot change")
    year = forms.TypedChoiceField(choices=[(7, "Year 7"), (8, "Year 8")], coerce=int)
    # Only the first of two equal values is selected; None is drawn as "".
    repeated = forms.ChoiceField(choices=[(None, "None"), ("1", "One"), ("1", "One again")], required=False)


@pytest.mark.parametrize(
    "data", [{}, {"school": "1", "grouped": "c", "year": "8", "repeated": "1"}, {"school": "nonsense"}]
)
@pytest.mark.parametrize("name", ["school", "grouped", "fixed", "year", "repeated"])
def test_the_markup_is_djangos_own(name, data):
    form = Choosing(data or None)
    form.is_valid()
    field = form[name]
    attrs = {"class": "govuk-select", "aria-describedby": f"{field.auto_id}-hint"}
    assert drawn_here(field.field.widget)
    assert select_html(field, dict(attrs)) == field.as_widget(attrs=dict(attrs))


def test_names_are_escaped():
    html = select_html(Choosing()["school"], {"class": "govuk-select"})
    assert "St Mary&#x27;s &amp; St John&#x27;s &lt;Primary&gt;" in html and "The &quot;Oaks&quot;" in html


def test_other_widgets_draw_themselves():
    assert not drawn_here(forms.SelectMultiple())
    assert not drawn_here(forms.RadioSelect())

    class Custom(forms.Select):
        option_template_name = "custom.html"

    assert not drawn_here(Custom())


def test_the_govuk_field_uses_it():
    assert '<option value="1" selected>' in govuk_field(Choosing({"school": "1"})["school"])


def test_a_drawing_kept_from_one_request_is_not_shown_with_another_value():
    attrs = {"class": "govuk-select"}
    for chosen in ("1", "2", "", "1"):
        field = Choosing({"school": chosen})["school"]
        drawn = select_html(field, dict(attrs))
        assert drawn == field.as_widget(attrs=dict(attrs))
        assert drawn.count(" selected") == 1 and f'value="{chosen}" selected' in drawn
