"""Forms for writing a plan. They only read and check what was typed: plans.editing and
plans.services save it. Fields come from the models (labels in one place), as plain forms, so
saving never goes round the services."""

from django import forms
from django.forms.models import fields_for_model

from core.forms import GovUKDateField, OneTimeFormMixin, VersionFieldMixin
from people.models import Setting
from plans.codes import CeaseReason
from plans.editing import SECTION_FIELDS
from plans.models import AdviceEntry, Need, Outcome, PlanVersion, Provision

HINTS = {
    "child_views": "Write down what they said, in their words. Parents' views go below.",
    "what": "Exactly what help, for example 'a speech and language therapy session working on "
    "following two-step instructions'. Avoid 'access to' or 'as appropriate'.",
    "who": "For example 'speech and language therapist' or 'teaching assistant trained in Lego therapy'",
    "frequency": "For example '3 times a week' or 'every day'",
    "duration": "For example '30 minutes' or 'the whole school day'",
    "pfa_reason": "Only if an area of preparing for adulthood has no outcome: say why, for example "
    "that the young person chose to focus on two areas this year.",
    "setting_type": "Only the type of setting if none is named yet",
    "description": "",
}
CHECKBOX_LINKS = ("needs", "outcomes")


def _date_field(model_field, **kwargs):
    if model_field.get_internal_type() == "DateField":
        return GovUKDateField(label=model_field.verbose_name.capitalize(), required=not model_field.blank)
    return model_field.formfield(**kwargs)


def _model_fields(model, names) -> dict:
    fields = fields_for_model(model, fields=names, formfield_callback=_date_field)
    for name, field in fields.items():
        field.label = str(field.label)[0].upper() + str(field.label)[1:]
        if name in HINTS and HINTS[name]:
            field.help_text = HINTS[name]
        widget = field.widget
        if isinstance(widget, forms.Textarea):
            widget.attrs["rows"] = 4
        if isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        ):
            field.choices = [(v, "Not set" if v == "" else label) for v, label in field.choices]
        if name in ("section",):
            field.widget = forms.RadioSelect(choices=field.choices)
        if name in CHECKBOX_LINKS:
            field.widget = forms.CheckboxSelectMultiple()
    return fields


class SectionForm(VersionFieldMixin, forms.Form):
    """The fields of one section that live on the version itself (A, E's reason, I, J)."""

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.fields.update(_model_fields(PlanVersion, SECTION_FIELDS[section]))
        if "named_setting" in self.fields:
            self.fields["named_setting"].queryset = Setting.objects.filter(is_open=True).only("pk", "name")
            self.fields["named_setting"].empty_label = "None named"

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SECTION_FIELDS[self.section]}


ITEM_FORM_FIELDS = {
    Need: ("section", "area", "sen_type", "rank", "description"),
    Outcome: ("description", "target_date", "key_stage", "pfa_area", "needs"),
    Provision: ("section", "what", "who", "frequency", "duration", "group_size", "needs", "outcomes"),
    AdviceEntry: ("adviser_type", "adviser", "received_on", "summary"),
}
LINKS = {Outcome: ("needs",), Provision: ("needs", "outcomes")}


class ItemForm(VersionFieldMixin, OneTimeFormMixin, forms.Form):
    """One need, outcome, provision item or piece of advice. Only the words of the item are
    required: a provision item with no frequency is saved, and the checks say it is missing."""

    def __init__(self, *args, model, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        self.fields.update(_model_fields(model, ITEM_FORM_FIELDS[model]))
        if "needs" in self.fields:
            self.fields["needs"].queryset = Need.objects.filter(version=version)
            self.fields["needs"].label = "Which needs it is for"
            self.fields["needs"].label_from_instance = lambda need: (
                f"Section {need.section}: {need.description}"
            )
        if "outcomes" in self.fields:
            self.fields["outcomes"].queryset = Outcome.objects.filter(version=version)
            self.fields["outcomes"].label = "Which outcomes it works towards"
            self.fields["outcomes"].label_from_instance = lambda outcome: outcome.description
        if "received_on" in self.fields:
            self.fields["received_on"].past_only = True

    def values(self) -> dict:
        links = LINKS.get(self.model, ())
        return {n: self.cleaned_data[n] for n in ITEM_FORM_FIELDS[self.model] if n not in links}

    def links(self) -> dict:
        return {n: list(self.cleaned_data[n]) for n in LINKS.get(self.model, ())}


def initial_for(item) -> dict:
    initial = {
        n: getattr(item, n) for n in ITEM_FORM_FIELDS[type(item)] if n not in LINKS.get(type(item), ())
    }
    for name in LINKS.get(type(item), ()):
        initial[name] = [linked.pk for linked in getattr(item, name).all()]
    return initial


class RemoveForm(VersionFieldMixin, forms.Form):
    pass


class DateForm(OneTimeFormMixin, forms.Form):
    on = GovUKDateField(label="Date", past_only=True, help_text="For example, 27 3 2026")

    def __init__(self, *args, date_label="Date", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = date_label


class IssueForm(DateForm):
    """Issuing: a manager may give a reason to issue inside the family's 15 days (audited)."""

    early_reason = forms.CharField(
        label="Reason for issuing before the family's 15 days are over (managers only)",
        help_text="Only if the plan must go before the family's time to comment has ended and they "
        "have not responded. This is recorded in the audit log.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=500,
    )

    def __init__(self, *args, may_go_early=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_go_early:
            del self.fields["early_reason"]


class CeaseForm(DateForm):
    reason = forms.ChoiceField(
        label="Why is the plan ending?",
        choices=CeaseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the plan is ending"},
    )


class StartForm(OneTimeFormMixin, forms.Form):
    """Confirms starting a draft (a plan from an assessment, or an amendment)."""
