"""Long choices: a drop-down with more than LONG_CHOICES options is marked for GOV.UK's accessible
autocomplete (core/static/core/init.mjs enhances it; without JavaScript it is still a select), whose
script and styles are served like GOV.UK Frontend's. The keyboard journey is
e2e/test_long_choices.py."""

import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse

from core.templatetags.govuk import LONG_CHOICES
from people.tests.factories import SettingFactory


class Choice(forms.Form):
    school = forms.ChoiceField(choices=[])


def _render(count):
    form = Choice()
    form.fields["school"].choices = [(str(n), f"School {n}") for n in range(count)]
    return Template("{% load govuk %}{% govuk_field form.school %}").render(Context({"form": form}))


def test_a_long_drop_down_is_marked_for_the_autocomplete_and_a_short_one_is_not():
    assert 'data-module="app-autocomplete"' in _render(LONG_CHOICES + 1)
    assert "data-module" not in _render(LONG_CHOICES)
    assert '<select data-module="app-autocomplete" name="school"' in _render(231)


def test_the_autocomplete_is_served_and_loaded_by_the_page_script():
    assert finders.find("accessible-autocomplete/accessible-autocomplete.min.js")
    assert finders.find("accessible-autocomplete/accessible-autocomplete.min.css")
    script = (settings.BASE_DIR / "core" / "static" / "core" / "init.mjs").read_text()
    assert "/static/accessible-autocomplete/accessible-autocomplete.min.js" in script
    assert 'select[data-module="app-autocomplete"]' in script and "enhanceSelectElement" in script


@pytest.mark.django_db
def test_the_school_on_a_placement_is_chosen_by_autocomplete(area, login):
    for _ in range(LONG_CHOICES):
        SettingFactory()
    url = reverse("commissioning:placement_create", args=[area.own_child.public_id])
    page = login("commissioner").page(url)
    assert page.find("select", attrs={"name": "provider"})["data-module"] == "app-autocomplete"
    assert page.find("link", href="/static/accessible-autocomplete/accessible-autocomplete.min.css")
