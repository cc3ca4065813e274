"""A plain drop-down's markup drawn in Python, the same markup Django's templates draw.

Django draws every <option> through two templates (the option and its attributes), about 0.1 ms
each: the case lists' school filter at 20,000 plans has hundreds of options, and drawing them was
most of those pages' time. `core/tests/test_select_markup.py` checks the markup is Django's own.
"""

import functools
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


def _options(widget, value) -> str:
    """The options as Django's ChoiceWidget.optgroups and option template draw them, without
    building a dict of ten keys an option. The same choices drawn with the same value (a list's
    school filter, request after request) are drawn once a process."""
    choices, chosen = tuple(widget.choices), frozenset(widget.format_value(value))
    try:
        return _drawn_once(choices, chosen)
    except TypeError:  # a choice that cannot be a cache key (a group's list of options)
        return _drawn(choices, chosen)


def _drawn(choices: tuple, chosen: frozenset) -> str:
    has_selected, parts = False, []
    for option_value, option_label in choices:
        option_value = "" if option_value is None else option_value
        grouped = isinstance(option_label, (list, tuple))
        if grouped:
            parts.append(f'\n  <optgroup label="{_text(option_value)}">')
        for subvalue, sublabel in option_label if grouped else [(option_value, option_label)]:
            selected = not has_selected and str(subvalue) in chosen
            has_selected |= selected
            # Django's option template ends in a newline, hence the one after each option.
            flag = " selected" if selected else ""
            parts.append(f'\n  <option value="{_text(subvalue)}"{flag}>{_text(sublabel)}</option>\n')
        if grouped:
            parts.append("\n  </optgroup>")
    return "".join(parts)


_drawn_once = functools.lru_cache(maxsize=64)(_drawn)


def select_html(field, attrs: dict) -> str:
    """What `field.as_widget(attrs=attrs)` returns for a plain select, drawn without templates."""
    widget = field.field.widget
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    drawn_attrs = widget.build_attrs(widget.attrs, attrs)
    parts = [f'<select name="{_text(field.html_name)}"{_attrs(drawn_attrs)}>']
    parts.append(_options(widget, field.value()))
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped by _text
