"""A plain drop-down's markup drawn in Python, the same markup Django's templates draw.

Django draws every <option> through two templates (the option and its attributes), about 0.1 ms
each: the case lists' school filter at 20,000 plans has hundreds of options, and drawing them was
most of those pages' time. `core/tests/test_select_markup.py` checks the markup is Django's own.
"""

import html

from django import forms
from django.utils.safestring import mark_safe

DJANGO_SELECT = ("django/forms/widgets/select.html", "django/forms/widgets/select_option.html")


def drawn_here(widget) -> bool:
    """Only Django's own single select with its own templates: anything else draws itself."""
    templates = (widget.template_name, widget.option_template_name)
    return type(widget) is forms.Select and templates == DJANGO_SELECT


def _text(value) -> str:
    # As Django's conditional_escape (its escape is html.escape), without its lazy-string wrapper,
    # which cost more than the rest of drawing an option.
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone.
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    # Django's option template ends in a newline, hence the one after each option.
    value, label = _text(option["value"]), _text(option["label"])
    return f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def select_html(field, attrs: dict) -> str:
    """What `field.as_widget(attrs=attrs)` returns for a plain select, drawn without templates."""
    widget = field.field.widget
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    drawn = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    parts = [f'<select name="{_text(drawn["name"])}"{_attrs(drawn["attrs"])}>']
    for group_name, options, _index in drawn["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped by _text
