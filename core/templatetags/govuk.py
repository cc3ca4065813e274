"""Template tags that render Django forms as GOV.UK Design System components.

`{% govuk_field form.name %}` picks the component from the widget (input, textarea, select,
radios, checkboxes, date input); `{% govuk_error_summary form %}` lists every error with a link
to its field. The markup follows GOV.UK Frontend's own templates.
"""

from django import forms, template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from clock import dates
from core.forms import GovUKDateWidget
from core.select_markup import drawn_here, select_html

register = template.Library()
# A drop-down with more options than this (schools, professionals, providers) is enhanced into
# GOV.UK's accessible autocomplete by core/static/core/init.mjs; without JavaScript it stays a select.
LONG_CHOICES = 20


def _component(field) -> str:
    widget = field.field.widget
    if isinstance(widget, GovUKDateWidget):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.simple_tag
def govuk_field(field, classes="", label_size="", autocomplete=""):
    """Render one bound field as its GOV.UK component."""
    component = _component(field)
    widget_attrs = {"class": " ".join(filter(None, [_widget_class(component, field), classes]))}
    if field.help_text:
        widget_attrs["aria-describedby"] = f"{field.auto_id}-hint"
    if field.errors:
        described = widget_attrs.get("aria-describedby", "")
        widget_attrs["aria-describedby"] = f"{described} {field.auto_id}-error".strip()
    if autocomplete:
        widget_attrs["autocomplete"] = autocomplete
    context = {"field": field, "label": _label(field), "label_size": label_size, "widget_html": ""}
    if component == "select" and drawn_here(field.field.widget):
        context["widget_html"] = select_html(field, widget_attrs)
    elif component in ("input", "textarea", "select", "file"):
        context["widget_html"] = field.as_widget(attrs=widget_attrs)
    if component == "date":
        context["parts"] = field.field.widget.part_values(field.value(), field.html_name)
    if component in ("radios", "checkboxes"):
        context["options"] = _options(field)
    if component == "select" and context["widget_html"].count("<option") > LONG_CHOICES:
        # Counted in the markup, not field.choices: a queryset's choices would be queried twice.
        context["widget_html"] = mark_safe(  # noqa: S308 - Django's own widget markup, one attribute added
            context["widget_html"].replace("<select ", '<select data-module="app-autocomplete" ', 1)
        )
    return render_to_string(f"govuk/fields/{component}.html", context)


def _label(field) -> str:
    """The field's label, marked "(optional)" once when it may be left empty."""
    label = str(field.label)
    if not getattr(getattr(field, "form", None), "mark_optional", True):  # list filters: all optional
        return label
    if field.field.required or label.rstrip().endswith("(optional)"):
        return label
    return f"{label} (optional)"


def _widget_class(component, field) -> str:
    base = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
    }.get(component, "")
    if field.errors and base:
        return f"{base} {base}--error"
    return base


def _options(field):
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return [
        {
            "id": f"{field.auto_id}" if i == 0 else f"{field.auto_id}-{i}",
            "value": v,
            "label": lbl,
            "checked": str(v) in chosen,
        }
        for i, (v, lbl) in enumerate(field.field.choices)
        if v != ""
    ]


@register.simple_tag
def govuk_error_summary(*forms_):
    errors = []
    for form in forms_:
        if not isinstance(form, forms.BaseForm):  # None, or a list page without filters
            continue
        for message in form.non_field_errors():
            errors.append({"href": "", "message": message})
        for field in form:
            target = field.auto_id
            if _component(field) == "date":
                target = f"{field.auto_id}_day"
            elif _component(field) in ("radios", "checkboxes"):
                target = field.auto_id
            linked = getattr(form, "link_errors", True)  # a list filter chosen by links has no field
            for message in field.errors:
                errors.append({"href": f"#{target}" if linked else "", "message": message})
    if not errors:
        return ""
    return render_to_string("govuk/error_summary.html", {"errors": errors})


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for pagination and sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.simple_tag
def select_options(choices, chosen):
    """The <option>s of a filter's (value, label) choices, the chosen one selected, drawn in one
    pass: a list of every school with an open case is long, and a template loop over it cost a
    list page more than its 25 rows did."""
    chosen = str(chosen or "")
    selected = mark_safe(" selected")  # noqa: S308 - a constant
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, selected if str(value) == chosen else "", label) for value, label in choices),
    )


@register.simple_tag
def url_with_query(name, **params):
    return reverse(name) + ("?" + urlencode(params) if params else "")


@register.filter
def tag_colour(status: str) -> str:
    return {
        "overdue": "govuk-tag--red",
        "due_soon": "govuk-tag--yellow",
        "on_track": "govuk-tag--blue",
        "met": "govuk-tag--green",
        "met_late": "govuk-tag--orange",
        "excused": "govuk-tag--grey",
    }.get(status, "govuk-tag--grey")


@register.filter
def due_in_words(due, today) -> str:
    """'Due today', 'Due tomorrow', 'Due in 12 days' or '3 days overdue' (plain English, exact)."""
    days = dates.days_from(today, due)
    if days < 0:
        return f"{-days} day{'s' if days < -1 else ''} overdue"
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    return f"Due in {days} days"


class BackNavNode(template.Node):
    # The block inside is found by template inheritance through child_nodelists.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context).strip()
        if not content or content.startswith("<nav"):
            return content  # nothing to show, or already a landmark (breadcrumbs)
        return f'<nav class="opensend-back-nav" aria-label="Back">{content}</nav>'


@register.tag
def back_nav(parser, token):
    """`{% back_nav %}...{% end_back_nav %}`: wrap a back link in a navigation landmark, or nothing."""
    nodelist = parser.parse(("end_back_nav",))
    parser.delete_first_token()
    return BackNavNode(nodelist)


@register.filter
def lower_keep_acronyms(text) -> str:
    """Lower case for use mid-sentence, keeping acronyms: "CAMHS assessment" stays, not "camhs"."""
    return " ".join(word if len(word) > 1 and word.isupper() else word.lower() for word in str(text).split())
