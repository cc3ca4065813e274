"""The list rows' tags (core/templatetags/rows.py) draw what the slower tags they replace drew."""

import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, set_script_prefix

NAMES = ["casework:case_detail", "reviews:review_detail", "people:child_detail"]


def drawn(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize("name", NAMES)
def test_row_url_draws_what_url_draws(name):
    for public_id in (uuid.uuid4(), uuid.uuid4()):
        fast, django = f"{{% row_url '{name}' id %}}", f"{{% url '{name}' id %}}"
        assert drawn(fast, id=public_id) == drawn(django, id=public_id)


def test_row_url_follows_the_script_prefix():
    public_id = uuid.uuid4()
    try:
        set_script_prefix("/send/")
        under_prefix = drawn("{% row_url 'casework:case_detail' id %}", id=public_id)
        assert under_prefix == drawn("{% url 'casework:case_detail' id %}", id=public_id)
        assert under_prefix.startswith("/send/")
    finally:
        clear_script_prefix()
    assert not drawn("{% row_url 'casework:case_detail' id %}", id=public_id).startswith("/send/")


def test_row_url_leaves_anything_but_a_uuid_to_django():
    with pytest.raises(NoReverseMatch):
        drawn("{% row_url 'casework:case_detail' id %}", id="not-an-id")


def test_born_is_the_date_of_birth_beside_a_name():
    child = SimpleNamespace(date_of_birth=date(2015, 9, 3))
    assert drawn("{{ child|born }}", child=child) == (
        '<br><span class="govuk-body-s opensend-born">Born 3 Sep 2015</span>'
    )
